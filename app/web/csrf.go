package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

// errCSRF is a state-changing request without the token of its form.
var errCSRF = errors.New("missing or invalid CSRF token")

const (
	csrfField    = "_csrf"
	csrfHeader   = "X-CSRF-Token"
	csrfCtxKey   = "csrf"
	csrfCookie   = "pilcrow_csrf"
	csrfLifetime = 365 * 24 * 60 * 60
)

// csrf is signed double-submit protection bound to the session: a random cookie
// per browser, and in each form an HMAC, under the session secret, of that cookie
// and of the browser's session (the hash of its session token). A cookie planted
// by another site cannot be matched without the secret; the token changes at
// sign-in (new session, new cookie) and sign-out (no session, new cookie), so a
// token read before either is worthless after it; and every instance sharing the
// secret accepts it, so nothing lives in one process. Go's cross-origin check is
// a second layer that refuses cross-site browser requests outright.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	cop := http.NewCrossOriginProtection()
	return func(c echo.Context) error {
		seed := s.csrfSeed(c)
		expected := s.csrfToken(seed, s.Sessions.Binding(c.Request()))
		c.Set(csrfCtxKey, expected)
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		if c.Path() == unsubscribePath {
			// RFC 8058: a mail program posts the one-click unsubscribe without
			// our cookies; the signed token in the address is the whole check.
			return next(c)
		}
		if err := cop.Check(c.Request()); err != nil {
			return errCSRF
		}
		given := c.Request().Header.Get(csrfHeader)
		if given == "" {
			given = c.FormValue(csrfField)
		}
		if subtle.ConstantTimeCompare([]byte(given), []byte(expected)) != 1 {
			return errCSRF
		}
		return next(c)
	}
}

func (s *Server) csrfCookieName() string {
	if s.cfg.Production() {
		return "__Host-" + csrfCookie
	}
	return csrfCookie
}

// csrfSeed returns the browser's CSRF cookie value, issuing one when absent.
func (s *Server) csrfSeed(c echo.Context) string {
	if ck, err := c.Cookie(s.csrfCookieName()); err == nil && len(ck.Value) == 43 {
		return ck.Value
	}
	return s.newCSRFSeed(c)
}

// rotateCSRF gives the browser a new CSRF cookie, at sign-in and sign-out.
func (s *Server) rotateCSRF(c echo.Context) { s.newCSRFSeed(c) }

func (s *Server) newCSRFSeed(c echo.Context) string {
	name := s.csrfCookieName()
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	seed := base64.RawURLEncoding.EncodeToString(b)
	c.SetCookie(&http.Cookie{
		Name: name, Value: seed, Path: "/", MaxAge: csrfLifetime,
		HttpOnly: true, Secure: s.cfg.Production(), SameSite: http.SameSiteLaxMode,
	})
	// A POST that arrives without the cookie must still be compared with something.
	c.Request().AddCookie(&http.Cookie{Name: name, Value: seed})
	return seed
}

func (s *Server) csrfToken(seed, session string) string {
	mac := hmac.New(sha256.New, s.cfg.SessionSecret)
	mac.Write([]byte("csrf:" + seed + ":" + session))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// csrfFrom returns the token to embed in the page's forms.
func csrfFrom(c echo.Context) string {
	v, _ := c.Get(csrfCtxKey).(string)
	return v
}
