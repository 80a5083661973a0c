package web

import (
	"errors"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

type errorPage struct {
	Page
	Status     int
	Heading    string
	Message    string
	RetryAfter int
	Reference  string // the request id, which the log lines of this request carry
}

// handleError is the one place where errors become responses: domain errors map to
// their status, the person sees a styled page, and internals are only logged.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return // already answered: the access logger handles errors before Echo does
	}
	if errors.Is(err, model.ErrSecondFactorDue) {
		c.Response().Header().Set("Cache-Control", "no-store")
		_ = c.Redirect(http.StatusSeeOther, secondFactorURL(returnPath(c)))
		return
	}
	status, key := s.classify(err)
	if status == http.StatusSeeOther {
		s.toSignIn(c, key == "reauth")
		return
	}
	if status >= 500 {
		s.Log.Error("request failed", "request_id", requestID(c), "status", status, "error", err)
	}
	s.logRefusal(c, status, key, err)
	p := errorPage{Page: s.page(c, "error."+key+".title"), Status: status, Reference: requestID(c)}
	p.Heading = p.T("error." + key + ".heading")
	p.Message = p.T("error." + key + ".body")
	if status == http.StatusTooManyRequests {
		// Every rate limit is a model.RateLimitError, so every 429 says when to retry.
		p.RetryAfter = 60
		var rl *model.RateLimitError
		if errors.As(err, &rl) {
			p.RetryAfter = rl.Seconds()
			if rl.Action != "" {
				p.Heading = p.T("security.rate." + rl.Action + ".heading")
			}
		}
		p.Message = p.T("error.rate.body", p.RetryAfter)
		c.Response().Header().Set("Retry-After", strconv.Itoa(p.RetryAfter))
	}
	if status == http.StatusServiceUnavailable {
		c.Response().Header().Set("Retry-After", "5")
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	if strings.HasSuffix(c.Request().URL.Path, ".json") {
		// Open-data clients parse the answer: an error stays JSON.
		_ = c.JSON(status, map[string]any{"error": p.Heading, "status": status, "reference": p.Reference})
		return
	}
	if rerr := s.views.render(c, status, "errors/error", p); rerr != nil {
		s.Log.Error("render error page", "request_id", requestID(c), "error", rerr)
		_ = c.String(status, http.StatusText(status))
	}
}

// toSignIn sends the browser to sign in and come back. A form cannot be
// replayed after signing in, so a POST comes back to the page it was sent from
// (its address without the action's last segment: /admin/users/5/role returns
// to /admin/users/5).
func (s *Server) toSignIn(c echo.Context, again bool) {
	to := "/auth/sign-in?next=" + url.QueryEscape(returnPath(c))
	if again {
		to += "&again=1"
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	_ = c.Redirect(http.StatusSeeOther, to)
}

// returnPath is where to come back to after signing in or proving a second
// factor: this page, or for a POST the page the form was on.
func returnPath(c echo.Context) string {
	if c.Request().Method != http.MethodGet && c.Request().Method != http.MethodHead {
		return path.Dir(c.Request().URL.Path)
	}
	return c.Request().URL.RequestURI()
}

// classify maps an error to a status and the message family of its page.
func (s *Server) classify(err error) (int, string) {
	var he *echo.HTTPError
	switch {
	case errors.Is(err, model.ErrNotSignedIn):
		return http.StatusSeeOther, ""
	case errors.Is(err, model.ErrStaleSignIn):
		return http.StatusSeeOther, "reauth"
	case errors.Is(err, errCSRF):
		return http.StatusForbidden, "csrf"
	case errors.Is(err, model.ErrBlocked):
		return http.StatusForbidden, "blocked"
	case errors.Is(err, model.ErrForbidden):
		return http.StatusForbidden, "forbidden"
	case errors.Is(err, model.ErrNotFound):
		return http.StatusNotFound, "notfound"
	case errors.Is(err, model.ErrRateLimited):
		return http.StatusTooManyRequests, "rate"
	case errors.Is(err, model.ErrClosed):
		return http.StatusConflict, "closed"
	case errors.Is(err, model.ErrConflict):
		return http.StatusConflict, "conflict"
	case errors.Is(err, model.ErrInvalidInput), store.IsInvalidText(err):
		return http.StatusBadRequest, "badrequest"
	case errors.Is(err, model.ErrUnavailable), store.IsUnavailable(err):
		return http.StatusServiceUnavailable, "unavailable"
	case errors.As(err, &he):
		return httpErrorClass(he.Code)
	}
	return http.StatusInternalServerError, "internal"
}

func httpErrorClass(code int) (int, string) {
	switch code {
	case http.StatusNotFound:
		return code, "notfound"
	case http.StatusForbidden:
		return code, "forbidden"
	case http.StatusMethodNotAllowed:
		return code, "method"
	case http.StatusRequestEntityTooLarge:
		return code, "toolarge"
	case http.StatusServiceUnavailable:
		return code, "unavailable"
	}
	if code >= 400 && code < 500 {
		return code, "badrequest"
	}
	return http.StatusInternalServerError, "internal"
}
