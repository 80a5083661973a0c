package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/auth"
	"pilcrow/app/model"
)

// maxPasskeyBody bounds an authenticator's answer; real ones are a few KB.
const maxPasskeyBody = 64 << 10

// passkeyRegisterOptions starts adding a passkey: the options for
// navigator.credentials.create, as JSON for static/js/passkeys.js.
func (s *Server) passkeyRegisterOptions(c echo.Context) error {
	opts, err := s.factors.BeginPasskeyRegistration(c.Request().Context(), signedIn(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, opts)
}

// registerPasskey checks the authenticator's answer and stores the passkey.
// The JSON answer says where to go, and carries the recovery codes when this
// was the account's first factor, for the script to show once.
func (s *Server) registerPasskey(c echo.Context) error {
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, maxPasskeyBody)
	codes, err := s.factors.FinishPasskeyRegistration(c.Request().Context(), signedIn(c), c.QueryParam("name"), c.Request())
	if errors.Is(err, auth.ErrBadCode) {
		s.securityEvent(c, slog.LevelWarn, eventSecondFactorFailed, slog.String("method", model.FactorPasskey), slog.String("reason", err.Error()))
		return c.JSON(http.StatusUnprocessableEntity, map[string]string{"error": s.page(c, "mfa.passkey.title").T("mfa.error.passkey")})
	} else if err != nil {
		return err
	}
	if err := s.proved(c, model.FactorPasskey); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"next": auth.SafeNext(c.QueryParam("next")), "codes": codes})
}

// passkeyLoginOptions starts proving a passkey: the options for navigator.credentials.get.
func (s *Server) passkeyLoginOptions(c echo.Context) error {
	opts, err := s.factors.BeginPasskeyLogin(c.Request().Context(), signedIn(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, opts)
}

// passkeyLogin checks the authenticator's signature and marks the session.
func (s *Server) passkeyLogin(c echo.Context) error {
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, maxPasskeyBody)
	err := s.factors.FinishPasskeyLogin(c.Request().Context(), signedIn(c), c.Request())
	if errors.Is(err, auth.ErrBadCode) {
		s.securityEvent(c, slog.LevelWarn, eventSecondFactorFailed, slog.String("method", model.FactorPasskey), slog.String("reason", err.Error()))
		return c.JSON(http.StatusUnprocessableEntity, map[string]string{"error": s.page(c, "mfa.passkey.title").T("mfa.error.passkey")})
	} else if err != nil {
		return err
	}
	if err := s.proved(c, model.FactorPasskey); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"next": auth.SafeNext(c.QueryParam("next"))})
}
