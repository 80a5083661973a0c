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
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// CookieName is the session cookie. The __Host- prefix, used when cookies are
// Secure, pins it to this host and path "/".
const (
	CookieName       = "pilcrow_session"
	secureCookieName = "__Host-pilcrow_session"
	sessionLifetime  = 30 * 24 * time.Hour
)

// Sessions issues, reads and ends signed-in sessions.
type Sessions struct {
	store  *store.Store
	secure bool
}

// NewSessions returns the session manager; secure marks cookies Secure (production).
func NewSessions(s *store.Store, secure bool) *Sessions {
	return &Sessions{store: s, secure: secure}
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
	if old := s.token(r); old != "" {
		if err := s.store.DeleteSession(ctx, hashToken(old)); err != nil {
			return err
		}
	}
	token, err := randomToken()
	if err != nil {
		return err
	}
	if err := s.store.CreateSession(ctx, hashToken(token), userID, sessionLifetime); err != nil {
		return err
	}
	http.SetCookie(w, s.cookie(token, int(sessionLifetime.Seconds())))
	return nil
}

// User returns the signed-in account, or nil when the request has no live session.
func (s *Sessions) User(ctx context.Context, r *http.Request) (*model.User, error) {
	token := s.token(r)
	if token == "" {
		return nil, nil
	}
	u, err := s.store.SessionUser(ctx, hashToken(token))
	if errors.Is(err, model.ErrNotFound) {
		return nil, nil
	}
	return u, err
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

// SessionID returns an identifier of the browser's current session (a hash, never the
// token), for tests and logs that must tell sessions apart.
func (s *Sessions) SessionID(r *http.Request) string {
	if token := s.token(r); token != "" {
		return hashToken(token)[:16]
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
