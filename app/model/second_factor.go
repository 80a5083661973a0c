package model

import (
	"context"
	"errors"
	"time"
)

// ErrSecondFactorDue is a staff action asked of a session that has not yet
// proved a second factor: the person is sent to prove or set one up.
var ErrSecondFactorDue = errors.New("a second factor is needed for this")

// The kinds of second factor Pilcrow keeps itself.
const (
	FactorTOTP    = "totp"
	FactorPasskey = "passkey"
)

// How a session proved its second factor, beyond FactorTOTP and FactorPasskey.
const (
	FactorRecovery = "recovery" // a single-use recovery code
	FactorProvider = "provider" // the identity provider's own claim (amr or acr)
	FactorDev      = "dev"      // the development sign-in, which never runs in production
)

// SecondFactor is a TOTP secret or a passkey of an account.
type SecondFactor struct {
	ID           int64
	UserID       int64
	Kind         string
	Name         string
	Secret       string // the TOTP secret, or the passkey credential as JSON
	CredentialID string // a passkey's id, base64url
	LastStep     int64  // the last TOTP time step accepted
	CreatedAt    time.Time
	LastUsedAt   *time.Time
}

// RecoveryCode is one single-use recovery code, kept as a hash.
type RecoveryCode struct {
	ID        int64
	UserID    int64
	CodeHash  string
	CreatedAt time.Time
	UsedAt    *time.Time
}

// RoleConfirmation is a staff role that arrived with an email at a second
// provider and waits for an admin to confirm it.
type RoleConfirmation struct {
	ID        int64
	UserID    int64
	Role      Role
	Reason    string
	CreatedAt time.Time
	DecidedAt *time.Time
	DecidedBy *int64
	Decision  string // "confirmed" or "refused" once decided
}

// pendingKey is the context key under which the web layer records that the
// signed-in account has not proved a second factor.
type pendingKey struct{}

// WithSecondFactorDue returns ctx marked as acting for userID, whose session has
// not proved a second factor, so that services which read their actor afresh
// from the database (by id) hold it to the same rule as Can.
func WithSecondFactorDue(ctx context.Context, userID int64) context.Context {
	return context.WithValue(ctx, pendingKey{}, userID)
}

// SecondFactorDueIn reports whether ctx marks userID's session as not having
// proved a second factor.
func SecondFactorDueIn(ctx context.Context, userID int64) bool {
	id, ok := ctx.Value(pendingKey{}).(int64)
	return ok && id == userID
}

// Holds reports whether the account holds one of the roles, in force or
// waiting for its session to prove a second factor.
func (u *User) Holds(roles ...Role) bool {
	if u == nil {
		return false
	}
	held := *u
	held.SecondFactorDue = false
	for _, r := range roles {
		if held.Can(r) {
			return true
		}
	}
	return false
}
