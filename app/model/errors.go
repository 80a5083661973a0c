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
