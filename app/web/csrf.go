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

// csrf is signed double-submit protection: a random cookie per browser, and in each
// form an HMAC of it under the session secret. A cookie planted by another site
// cannot be matched without the secret, and every instance sharing the secret
// accepts the token, so nothing lives in one process. Go's cross-origin check is a
// second layer that refuses cross-site browser requests outright.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	cop := http.NewCrossOriginProtection()
	return func(c echo.Context) error {
		seed := s.csrfSeed(c)
		expected := s.csrfToken(seed)
		c.Set(csrfCtxKey, expected)
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
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

// csrfSeed returns the browser's CSRF cookie value, issuing one when absent.
func (s *Server) csrfSeed(c echo.Context) string {
	name := csrfCookie
	if s.cfg.Production() {
		name = "__Host-" + csrfCookie
	}
	if ck, err := c.Cookie(name); err == nil && len(ck.Value) == 43 {
		return ck.Value
	}
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

func (s *Server) csrfToken(seed string) string {
	mac := hmac.New(sha256.New, s.cfg.SessionSecret)
	mac.Write([]byte("csrf:" + seed))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// csrfFrom returns the token to embed in the page's forms.
func csrfFrom(c echo.Context) string {
	v, _ := c.Get(csrfCtxKey).(string)
	return v
}
