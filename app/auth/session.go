// Package auth signs people in: server-side sessions in the database, the OAuth
// and OpenID Connect providers, safe return paths and the development sign-in.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"sync/atomic"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// CookieName is the session cookie. The __Host- prefix, used when cookies are
// Secure, pins it to this host and path "/".
const (
	CookieName       = "pilcrow_session"
	secureCookieName = "__Host-pilcrow_session"
)

// How long sessions last. Staff (moderators, analysts, admins) can read personal
// data and change who may do what, so their sessions are short and their most
// sensitive actions ask for a recent sign-in; a citizen's session lasts a month.
const (
	CitizenLifetime = 30 * 24 * time.Hour
	StaffLifetime   = 12 * time.Hour
	StaffIdle       = 30 * time.Minute
	RecentSignIn    = 15 * time.Minute
	touchEvery      = time.Minute // last_seen_at is kept to the minute, not written per request
)

// Sessions issues, reads and ends signed-in sessions.
type Sessions struct {
	store  *store.Store
	secure bool
	clock  atomic.Pointer[func() time.Time] // what sessions are timed by; tests move it
}

// NewSessions returns the session manager; secure marks cookies Secure (production).
func NewSessions(s *store.Store, secure bool) *Sessions {
	ss := &Sessions{store: s, secure: secure}
	ss.SetClock(time.Now)
	return ss
}

// SetClock replaces the clock sessions are timed by, safely while serving.
func (s *Sessions) SetClock(now func() time.Time) { s.clock.Store(&now) }

// Now is the sessions' clock.
func (s *Sessions) Now() time.Time { return (*s.clock.Load())() }

// lifetime is how long a session of the role may last at most.
func lifetime(r model.Role) time.Duration {
	if r.Staff() {
		return StaffLifetime
	}
	return CitizenLifetime
}

func (s *Sessions) cookieName() string {
	if s.secure {
		return secureCookieName
	}
	return CookieName
}

// Begin signs the user in with a brand-new token, ending any session the browser
// already had, so that a token planted before sign-in is worthless afterwards.
func (s *Sessions) Begin(ctx context.Context, w http.ResponseWriter, r *http.Request, userID int64) error {
	return s.BeginWith(ctx, w, r, userID, "")
}

// BeginWith is Begin for a sign-in that already proved a second factor, named
// by factor (the provider's claim, or the development sign-in); "" for none.
func (s *Sessions) BeginWith(ctx context.Context, w http.ResponseWriter, r *http.Request, userID int64, factor string) error {
	if old := s.token(r); old != "" {
		if err := s.store.DeleteSession(ctx, hashToken(old)); err != nil {
			return err
		}
	}
	u, err := s.store.User(ctx, userID)
	if err != nil {
		return err
	}
	token, err := randomToken()
	if err != nil {
		return err
	}
	now := s.Now().UTC()
	ttl := lifetime(u.Role)
	sess := &model.Session{TokenHash: hashToken(token), UserID: userID, CreatedAt: now, ExpiresAt: now.Add(ttl), LastSeenAt: &now}
	if factor != "" {
		sess.SecondFactor, sess.SecondFactorAt = factor, &now
	}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return err // model.ErrBlocked for a blocked account
	}
	http.SetCookie(w, s.cookie(token, int(ttl.Seconds())))
	return nil
}

// User returns the signed-in account, or nil when the request has no live session.
func (s *Sessions) User(ctx context.Context, r *http.Request) (*model.User, error) {
	si, err := s.Current(ctx, r)
	if si == nil {
		return nil, err
	}
	return si.User, err
}

// Current returns the request's live session with its account, or nil. A staff
// session idle for StaffIdle, or older than StaffLifetime, has ended (by the
// account's role now, so a citizen made an admin is held to the staff limits at
// once); it is deleted and the request is anonymous.
func (s *Sessions) Current(ctx context.Context, r *http.Request) (*model.SignedIn, error) {
	token := s.token(r)
	if token == "" {
		return nil, nil
	}
	now := s.Now().UTC()
	si, err := s.store.SessionUser(ctx, hashToken(token), now)
	if errors.Is(err, model.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	seen := si.Session.CreatedAt
	if si.Session.LastSeenAt != nil {
		seen = *si.Session.LastSeenAt
	}
	if si.User.Role.Staff() && (now.Sub(si.Session.CreatedAt) >= StaffLifetime || now.Sub(seen) >= StaffIdle) {
		return nil, s.store.DeleteSession(ctx, si.Session.TokenHash)
	}
	// A staff role is in force only once the session proved a second factor.
	si.User.SecondFactorDue = si.User.Role.Staff() && si.Session.SecondFactor == ""
	if now.Sub(seen) >= touchEvery {
		if err := s.store.TouchSession(ctx, si.Session.TokenHash, now); err != nil {
			return nil, err
		}
	}
	return si, nil
}

// Recent reports whether the session's sign-in was within RecentSignIn, as
// changing roles, blocking and exporting personal data require of staff.
func (s *Sessions) Recent(si *model.SignedIn) bool {
	return si != nil && s.Now().Sub(si.Session.CreatedAt) < RecentSignIn
}

// End signs the browser out and deletes its session.
func (s *Sessions) End(ctx context.Context, w http.ResponseWriter, r *http.Request) error {
	if token := s.token(r); token != "" {
		if err := s.store.DeleteSession(ctx, hashToken(token)); err != nil {
			return err
		}
	}
	http.SetCookie(w, s.cookie("", -1))
	return nil
}

// Binding returns what binds the CSRF token to the browser's session: the hash
// of its session token, or "" when it has none. It changes at every sign-in
// (a brand-new token) and at sign-out (no token).
func (s *Sessions) Binding(r *http.Request) string {
	if token := s.token(r); token != "" {
		return hashToken(token)
	}
	return ""
}

func (s *Sessions) token(r *http.Request) string {
	c, err := r.Cookie(s.cookieName())
	if err != nil || len(c.Value) > 100 {
		return ""
	}
	return c.Value
}

func (s *Sessions) cookie(value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: s.cookieName(), Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	}
}

// randomToken returns 256 random bits, URL-safe.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// hashToken is what the database stores: a leaked sessions table lets nobody in.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
