package model

import "errors"

// Domain errors, mapped to HTTP statuses in one place by the web layer.
var (
	ErrNotFound    = errors.New("not found")
	ErrForbidden   = errors.New("forbidden")
	ErrConflict    = errors.New("conflict")
	ErrUnavailable = errors.New("service unavailable")
	ErrNotSignedIn = errors.New("not signed in")
	ErrBlocked     = errors.New("account blocked")
	// ErrStaleSignIn asks for a fresh sign-in before a sensitive action.
	ErrStaleSignIn  = errors.New("sign-in too old for this action")
	ErrRateLimited  = errors.New("rate limited")
	ErrInvalidInput = errors.New("invalid input")
)

// FieldErrors maps a form field name to a message key, for GOV.UK error summaries.
type FieldErrors map[string]string

// Error lists the fields so the value can travel as an error.
func (f FieldErrors) Error() string {
	s := "invalid input:"
	for k, v := range f {
		s += " " + k + "=" + v
	}
	return s
}

// BlockedError is ErrBlocked with the reason an admin gave, so the person
// refused can be told why, and the account blocked, so the notice they keep
// can end when an admin unblocks it.
type BlockedError struct {
	UserID int64
	Reason string
}

// Error says what happened, without the reason, which is for the person only.
func (e *BlockedError) Error() string { return ErrBlocked.Error() }

// Is makes errors.Is(err, ErrBlocked) hold.
func (e *BlockedError) Is(target error) bool { return target == ErrBlocked }
