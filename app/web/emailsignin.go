package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/auth"
	"pilcrow/app/model"
)

type emailSignInPage struct {
	Page
	Next  string
	Email string
	Token string // the link's token, on its confirmation page
}

// emailLinks is the sign-in by email, or nil when it is not offered.
func (s *Server) emailLinks() *auth.EmailLinks {
	if !s.cfg.Mail.SignIn {
		return nil
	}
	return &auth.EmailLinks{Store: s.Store, Now: s.Now}
}

// showEmailSignIn asks for the address to send a sign-in link to.
func (s *Server) showEmailSignIn(c echo.Context) error {
	if s.emailLinks() == nil {
		return echo.ErrNotFound
	}
	p := emailSignInPage{Page: s.page(c, "emailsignin.title"), Next: auth.SafeNext(c.QueryParam("next"))}
	return s.views.render(c, http.StatusOK, "auth/email", p)
}

// sendEmailSignIn sends a sign-in link and says so in the same words whether or
// not the address has an account.
func (s *Server) sendEmailSignIn(c echo.Context) error {
	links := s.emailLinks()
	if links == nil {
		return echo.ErrNotFound
	}
	p := emailSignInPage{Page: s.page(c, "emailsignin.title"), Next: auth.SafeNext(c.FormValue("next")), Email: c.FormValue("email")}
	email, err := auth.NormaliseEmail(p.Email)
	if err != nil {
		p.withErrors(model.FieldErrors{"email": "emailsignin.error.email"})
		return s.views.render(c, http.StatusUnprocessableEntity, "auth/email", p)
	}
	if err := links.Send(c.Request().Context(), email, c.RealIP(), p.Next, p.Lang); err != nil {
		return err
	}
	p.Page, p.Email = s.page(c, "emailsignin.sent.title"), email
	return s.views.render(c, http.StatusOK, "auth/email-sent", p)
}

// showEmailLink is the page a sign-in link opens. It signs nobody in: a mail
// scanner that follows the link uses nothing up; only the button does.
func (s *Server) showEmailLink(c echo.Context) error {
	links := s.emailLinks()
	if links == nil {
		return echo.ErrNotFound
	}
	noReferrer(c)
	token := c.Param("token")
	e, err := links.Check(c.Request().Context(), token)
	if errors.Is(err, model.ErrNotFound) {
		return s.emailLinkExpired(c)
	} else if err != nil {
		return err
	}
	p := emailSignInPage{Page: s.page(c, "emailsignin.confirm.title"), Email: e.Email, Token: token}
	return s.views.render(c, http.StatusOK, "auth/email-confirm", p)
}

// useEmailLink signs in with the link, once, through the same account rules as
// every other sign-in (a blocked account is refused), with the address verified.
func (s *Server) useEmailLink(c echo.Context) error {
	links := s.emailLinks()
	if links == nil {
		return echo.ErrNotFound
	}
	noReferrer(c)
	ctx := c.Request().Context()
	e, id, err := links.Take(ctx, c.Param("token"))
	if errors.Is(err, model.ErrNotFound) {
		return s.emailLinkExpired(c)
	} else if err != nil {
		return err
	}
	if err := s.finishSignIn(c, id, e.Next, auth.Override{}); err != nil {
		return err
	}
	if u, err := s.Store.UserBySubject(ctx, id.Provider, id.Subject); err == nil {
		if err := s.Store.SetMailLanguage(ctx, u.ID, e.Language); err != nil {
			s.Log.Warn("mail language", "request_id", requestID(c), "error", err)
		}
	}
	return nil
}

// emailLinkExpired says, without saying which, that a link is unknown, used or expired.
func (s *Server) emailLinkExpired(c echo.Context) error {
	s.securityEvent(c, slog.LevelWarn, eventSignInFailed, slog.String("provider", "email"), slog.String("reason", "link unknown, used or expired"))
	p := emailSignInPage{Page: s.page(c, "emailsignin.expired.title")}
	return s.views.render(c, http.StatusGone, "auth/email-expired", p)
}

// noReferrer keeps the token in the address bar from leaking to other sites.
func noReferrer(c echo.Context) {
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	c.Response().Header().Set("Cache-Control", "no-store")
}
