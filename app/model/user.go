// Package model holds Pilcrow's domain types, their states and domain errors.
// It knows nothing of HTTP or SQL beyond the GORM column tags.
package model

import "time"

// Role is what an account may do; each role includes the ones before it except
// that analysts read reports without moderating.
type Role string

// The roles of the contract.
const (
	RoleCitizen   Role = "citizen"
	RoleModerator Role = "moderator"
	RoleAnalyst   Role = "analyst"
	RoleAdmin     Role = "admin"
)

// Roles lists every role in display order.
var Roles = []Role{RoleCitizen, RoleModerator, RoleAnalyst, RoleAdmin}

// ParseRole returns the role named s, or false.
func ParseRole(s string) (Role, bool) {
	for _, r := range Roles {
		if string(r) == s {
			return r, true
		}
	}
	return "", false
}

// User is an account, keyed by the provider that vouches for it and that
// provider's subject: emails can change and are not always verified, so they
// never identify an account.
type User struct {
	ID            int64
	Provider      string
	Subject       string
	Email         string
	EmailVerified bool
	DisplayName   string
	Role          Role
	BlockedAt     *time.Time
	BlockedReason string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// SecondFactorDue is set on the account of a session that has not proved a
	// second factor: its staff role is held but not in force (see Can).
	SecondFactorDue bool `gorm:"-"`
}

// Blocked reports whether the account may no longer post or flag.
func (u *User) Blocked() bool { return u != nil && u.BlockedAt != nil }

// Can reports whether the user holds the role or one that includes it.
// A staff role counts only once the session has proved a second factor.
func (u *User) Can(r Role) bool {
	if u == nil || (r != RoleCitizen && u.SecondFactorDue) {
		return false
	}
	switch r {
	case RoleCitizen:
		return true
	case RoleModerator:
		return u.Role == RoleModerator || u.Role == RoleAdmin
	case RoleAnalyst:
		return u.Role == RoleAnalyst || u.Role == RoleAdmin
	case RoleAdmin:
		return u.Role == RoleAdmin
	}
	return false
}

// Session is a signed-in browser. Only a hash of the cookie's token is stored, so
// a copy of the database does not let anyone sign in.
type Session struct {
	TokenHash  string `gorm:"primaryKey"`
	UserID     int64
	CreatedAt  time.Time  // the sign-in
	ExpiresAt  time.Time  // the longest the session may last
	LastSeenAt *time.Time // the last request, kept to a minute; nil in sessions made before it was kept
	// SecondFactor is how the session proved a second factor ("" when it has
	// not), SecondFactorAt when; Ceremony is a second-factor ceremony in progress.
	SecondFactor   string
	SecondFactorAt *time.Time
	Ceremony       string
}

// SignedIn is a live session with its account.
type SignedIn struct {
	User    *User
	Session Session
}

// Staff reports whether the role is one of the staff roles, whose sessions are
// short and whose most sensitive actions ask for a recent sign-in.
func (r Role) Staff() bool { return r == RoleModerator || r == RoleAnalyst || r == RoleAdmin }

// AuthState is a sign-in in progress: what the OAuth callback must match and where
// to return. It lives in the database so that any instance can finish the sign-in.
type AuthState struct {
	State        string `gorm:"primaryKey"`
	Provider     string
	Nonce        string
	CodeVerifier string
	Next         string
	CreatedAt    time.Time
	ExpiresAt    time.Time
}
