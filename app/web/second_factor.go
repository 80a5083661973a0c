package web

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/auth"
	"pilcrow/app/model"
)

// secondFactorURL is the page that asks for a second factor, then returns to next.
func secondFactorURL(next string) string {
	return "/auth/second-factor?next=" + url.QueryEscape(auth.SafeNext(next))
}

// signedIn returns the request's live session; routes that call it are behind
// requireRole, so there is one.
func signedIn(c echo.Context) *model.SignedIn {
	si, _ := c.Get(sessionCtxKey).(*model.SignedIn)
	return si
}

type secondFactorPage struct {
	Page
	Next       string
	HasTOTP    bool
	HasPasskey bool
	Code       string
	Recovery   string
}

// showSecondFactor asks for one of the account's second factors; an account
// with none is sent to set one up.
func (s *Server) showSecondFactor(c echo.Context) error {
	next := auth.SafeNext(c.QueryParam("next"))
	p, err := s.secondFactorPage(c, next)
	if err != nil {
		return err
	}
	if !p.HasTOTP && !p.HasPasskey {
		return seeOther(c, "/account/second-factor?next="+url.QueryEscape(next))
	}
	return s.views.render(c, http.StatusOK, "secondfactor/challenge", p)
}

func (s *Server) secondFactorPage(c echo.Context, next string) (secondFactorPage, error) {
	p := secondFactorPage{Page: s.page(c, "mfa.challenge.title"), Next: next}
	fs, err := s.factors.Factors(c.Request().Context(), currentUser(c).ID)
	for _, f := range fs {
		p.HasTOTP = p.HasTOTP || f.Kind == model.FactorTOTP
		p.HasPasskey = p.HasPasskey || (f.Kind == model.FactorPasskey && s.factors.PasskeysOffered())
	}
	return p, err
}

// verifyTOTP accepts a code from the account's authenticator app.
func (s *Server) verifyTOTP(c echo.Context) error {
	code := strings.TrimSpace(c.FormValue("code"))
	err := s.factors.VerifyTOTP(c.Request().Context(), currentUser(c).ID, code)
	return s.afterFactor(c, err, model.FactorTOTP, "code")
}

// verifyRecoveryCode accepts one of the account's recovery codes, once.
func (s *Server) verifyRecoveryCode(c echo.Context) error {
	code := strings.TrimSpace(c.FormValue("recovery"))
	err := s.factors.UseRecoveryCode(c.Request().Context(), currentUser(c).ID, code)
	return s.afterFactor(c, err, model.FactorRecovery, "recovery")
}

// afterFactor finishes a second-factor attempt made with a form: a wrong code
// shows the page again with the error on field; a right one marks the session
// and returns to next.
func (s *Server) afterFactor(c echo.Context, err error, method, field string) error {
	next := auth.SafeNext(c.FormValue("next"))
	if errors.Is(err, auth.ErrBadCode) {
		s.securityEvent(c, slog.LevelWarn, eventSecondFactorFailed, slog.String("method", method))
		p, perr := s.secondFactorPage(c, next)
		if perr != nil {
			return perr
		}
		p.withErrors(model.FieldErrors{field: "mfa.error." + field})
		return s.views.render(c, http.StatusUnprocessableEntity, "secondfactor/challenge", p)
	} else if err != nil {
		return err
	}
	if err := s.proved(c, method); err != nil {
		return err
	}
	return seeOther(c, next)
}

// proved marks the session as having proved a second factor by method: it
// gets a new token, and so a new CSRF token.
func (s *Server) proved(c echo.Context, method string) error {
	if err := s.Sessions.Prove(c.Request().Context(), c.Response(), signedIn(c), method); err != nil {
		return err
	}
	s.securityEvent(c, slog.LevelInfo, eventSecondFactor, slog.String("method", method))
	s.rotateCSRF(c)
	return nil
}
