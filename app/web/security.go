package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
)

// Security events, one structured log line each under a stable "event" key, so
// that a log search or an alert rule can name them. Each carries the UTC time,
// the actor's account id (0 when nobody is signed in), the client address and
// the request id, which is the reference the error page shows.
const (
	eventSignIn             = "signin.success"
	eventSignInFailed       = "signin.failure"
	eventSecondFactor       = "signin.second_factor" // with its method: passkey, totp or recovery
	eventSecondFactorFailed = "signin.second_factor_failure"
	eventForbidden          = "authz.denied"
	eventCSRF               = "csrf.denied"
	eventRateLimited        = "ratelimit.denied"
	eventRoleChanged        = "user.role_changed"
	eventBlocked            = "user.blocked"
	eventUnblocked          = "user.unblocked"
	eventExport             = "data.export"
	eventReportStarted      = "report.started"
)

// eventMessages are the log lines' messages, for people reading text logs.
var eventMessages = map[string]string{
	eventSignIn:             "signed in",
	eventSignInFailed:       "sign-in failed",
	eventSecondFactor:       "second factor proved",
	eventSecondFactorFailed: "second factor refused",
	eventForbidden:          "access refused",
	eventCSRF:               "CSRF token refused",
	eventRateLimited:        "rate limit reached",
	eventRoleChanged:        "role changed",
	eventBlocked:            "account blocked",
	eventUnblocked:          "account unblocked",
	eventExport:             "personal data downloaded",
	eventReportStarted:      "report started",
}

// securityEvent logs one security event about the request in c.
func (s *Server) securityEvent(c echo.Context, level slog.Level, event string, attrs ...slog.Attr) {
	var actor int64
	if u := currentUser(c); u != nil {
		actor = u.ID
	}
	base := []slog.Attr{
		slog.String("event", event),
		slog.Time("at", s.Now().UTC()),
		slog.Int64("actor", actor),
		slog.String("ip", c.RealIP()),
		slog.String("request_id", requestID(c)),
		slog.String("method", c.Request().Method),
		slog.String("path", c.Request().URL.Path),
	}
	// The event outlives a request cancelled by its client: log it regardless.
	s.Log.LogAttrs(context.WithoutCancel(c.Request().Context()), level, eventMessages[event], append(base, attrs...)...)
}

// logRefusal logs the security event of a refused request: a CSRF failure, an
// authorisation refusal (a blocked account included) or a rate limit, each
// under its own event so that one cannot hide among the others.
func (s *Server) logRefusal(c echo.Context, status int, key string, err error) {
	switch {
	case key == "csrf":
		// The CSRF check runs before the session is read: read it now, so the
		// event names whose session the forged request rode on.
		if currentUser(c) == nil {
			if si, err := s.Sessions.Current(c.Request().Context(), c.Request()); err == nil && si != nil {
				c.Set(userCtxKey, si.User)
			}
		}
		s.securityEvent(c, slog.LevelWarn, eventCSRF)
	case status == http.StatusForbidden:
		s.securityEvent(c, slog.LevelWarn, eventForbidden, slog.String("reason", key))
	case status == http.StatusTooManyRequests:
		action := "request" // comments, flags and the like: the path says which
		var rl *model.RateLimitError
		if errors.As(err, &rl) && rl.Action != "" {
			action = rl.Action
		}
		s.securityEvent(c, slog.LevelWarn, eventRateLimited, slog.String("action", action))
	}
}
