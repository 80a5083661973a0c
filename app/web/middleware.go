package web

import (
	"compress/gzip"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"pilcrow/app/model"
)

const (
	userCtxKey    = "user"
	sessionCtxKey = "session"
)

// middleware installs the chain every request passes through, outermost first.
func (s *Server) middleware() {
	s.echo.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{
		// An id a client sends is ignored: log lines must not be forgeable.
		Generator: func() string { return newRequestID() },
	}))
	s.echo.Use(s.accessLog())
	s.echo.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, DisablePrintStack: true,
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.Log.Error("panic", "request_id", requestID(c), "error", err, "stack", string(stack))
			return err
		}}))
	s.echo.Use(s.securityHeaders)
	s.echo.Use(s.language)
	s.echo.Use(siteBodyLimit())
	s.echo.Use(rejectMalformed)
	// BestSpeed: a dynamic page is compressed once per request, and level 5 cost
	// the moderation queue a fifth of its CPU. Its pages come out about twice as
	// large (a tenth of the HTML rather than a twentieth); the public pages kept
	// in the page cache are still compressed once, at the best level.
	s.echo.Use(middleware.GzipWithConfig(middleware.GzipConfig{Level: gzip.BestSpeed, MinLength: 1024,
		Skipper: func(c echo.Context) bool {
			return strings.HasPrefix(c.Path(), "/static/") && strings.HasSuffix(c.Request().URL.Path, ".png")
		}}))
	s.echo.Use(s.csrf)
	s.echo.Use(s.loadUser)
}

// accessLog writes one structured line per request, without query strings that
// could carry an OAuth code or state.
func (s *Server) accessLog() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogMethod: true, LogURIPath: true, LogLatency: true, LogRemoteIP: true,
		LogRequestID: true, LogResponseSize: true, LogError: true, HandleError: true,
		Skipper: func(c echo.Context) bool { return c.Path() == "/healthz" },
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
			}
			s.Log.LogAttrs(c.Request().Context(), level, "request",
				slog.String("id", v.RequestID), slog.String("method", v.Method),
				slog.String("path", v.URIPath), slog.String("query", redactQuery(c.Request().URL)),
				slog.Int("status", v.Status), slog.Duration("latency", v.Latency),
				slog.Int64("bytes", v.ResponseSize), slog.String("ip", v.RemoteIP))
			return nil
		},
	})
}

// redactQuery keeps query parameter names but drops the values of those that are secrets.
func redactQuery(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	q := u.Query()
	for _, k := range []string{"code", "state", "id_token", "access_token", "token", "session_state"} {
		if q.Has(k) {
			q.Set(k, "REDACTED")
		}
	}
	return q.Encode()
}

// securityHeaders sets the headers every response carries. The CSP allows no inline
// script and no third-party origin; HSTS is sent only in production, over HTTPS.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "+
			"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "+
			"base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if s.cfg.Production() {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		return next(c)
	}
}

// loadUser puts the signed-in account, if any, in the context.
func (s *Server) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if strings.HasPrefix(c.Request().URL.Path, "/static/") || c.Path() == "/healthz" {
			return next(c)
		}
		si, err := s.Sessions.Current(c.Request().Context(), c.Request())
		if err != nil {
			return err
		}
		if si != nil {
			c.Set(userCtxKey, si.User)
			c.Set(sessionCtxKey, si)
			noStoreForSignedIn(c)
			if si.User.SecondFactorDue {
				r := c.Request()
				c.SetRequest(r.WithContext(model.WithSecondFactorDue(r.Context(), si.User.ID)))
			}
		}
		return next(c)
	}
}

// currentUser returns the signed-in account or nil.
func currentUser(c echo.Context) *model.User {
	u, _ := c.Get(userCtxKey).(*model.User)
	return u
}

// requireRole lets through only accounts holding one of the roles: anonymous
// visitors are sent to sign in and brought back; others get the 403 page.
func requireRole(roles ...model.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := currentUser(c)
			if u == nil {
				return model.ErrNotSignedIn
			}
			for _, r := range roles {
				if u.Can(r) {
					return next(c)
				}
			}
			return heldRole(u, roles)
		}
	}
}

// heldRole is the refusal of an account that lacks the roles: ErrSecondFactorDue
// when it holds one whose session has not proved a second factor yet.
func heldRole(u *model.User, roles []model.Role) error {
	if u.SecondFactorDue && u.Holds(roles...) {
		return model.ErrSecondFactorDue
	}
	return model.ErrForbidden
}

// recentSignIn asks a staff member whose sign-in is older than
// auth.RecentSignIn to sign in again before changing a role, blocking or
// unblocking, or downloading personal data: a session left open on a shared
// desk cannot do those. The error handler sends them to sign in and back.
func (s *Server) recentSignIn(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		si, _ := c.Get(sessionCtxKey).(*model.SignedIn)
		if si == nil {
			return model.ErrNotSignedIn
		}
		if si.User.Role.Staff() && !s.Sessions.Recent(si) {
			return model.ErrStaleSignIn
		}
		return next(c)
	}
}

// noStore marks responses that carry personal data as uncacheable.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

// noStoreForSignedIn makes whatever is sent to a signed-in person uncacheable,
// whichever handler answers and whatever it set: such a page carries its
// reader's name and CSRF token, and a browser or proxy keeping it would show
// them to the next person at the same desk. Content-addressed files, the same
// for everyone (images), keep their long caching.
func noStoreForSignedIn(c echo.Context) {
	c.Response().Before(func() {
		h := c.Response().Header()
		if !strings.Contains(h.Get("Cache-Control"), "immutable") {
			h.Set("Cache-Control", "no-store")
		}
	})
}

// extendWriteDeadline lets a long download outlive the server's write timeout.
func extendWriteDeadline(c echo.Context, d time.Duration) {
	_ = http.NewResponseController(c.Response().Writer).SetWriteDeadline(time.Now().Add(d))
}
