package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/mail"
	"pilcrow/app/model"
)

// unsubscribePath is the one-click unsubscribe address, in List-Unsubscribe.
const unsubscribePath = "/mail/unsubscribe"

type unsubscribePage struct {
	Page
	Token string
	Kind  string
	Done  bool
}

// showUnsubscribe asks to confirm with a button: a GET, which mail scanners
// follow, changes nothing.
func (s *Server) showUnsubscribe(c echo.Context) error {
	token := c.QueryParam("t")
	_, kind, ok := mail.VerifyUnsubscribe(s.cfg.SessionSecret, token)
	if !ok {
		return echo.ErrNotFound
	}
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	p := unsubscribePage{Page: s.page(c, "notifications.unsubscribe.title"), Token: token, Kind: kind}
	return s.views.render(c, http.StatusOK, "mail/unsubscribe", p)
}

// unsubscribe turns the token's kind of mail off for its account. It needs no
// session and no CSRF token, only the signed token: the mail program's
// one-click POST (List-Unsubscribe-Post) and the confirmation button both land here.
func (s *Server) unsubscribe(c echo.Context) error {
	userID, kind, ok := mail.VerifyUnsubscribe(s.cfg.SessionSecret, c.QueryParam("t"))
	if !ok {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	if _, err := s.Store.User(ctx, userID); errors.Is(err, model.ErrNotFound) {
		return echo.ErrNotFound // the account was deleted since
	} else if err != nil {
		return err
	}
	prefs, err := s.Store.MailPreferences(ctx, userID)
	if err != nil {
		return err
	}
	prefs.Set(kind, false)
	if err := s.Store.SaveMailPreferences(ctx, prefs); err != nil {
		return err
	}
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	p := unsubscribePage{Page: s.page(c, "notifications.unsubscribe.done.title"), Kind: kind, Done: true}
	return s.views.render(c, http.StatusOK, "mail/unsubscribe", p)
}
