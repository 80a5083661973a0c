package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
)

// mailChoices is the email section of /account.
type mailChoices struct {
	On       bool // email is configured
	Verified bool // the account's email is verified, so mail can go to it
	Kinds    []mailKind
	Saved    bool
}

// mailKind is one checkbox: a kind of mail and whether it is on.
type mailKind struct {
	Kind string
	On   bool
}

// loadMailChoices fills the email section; the officials' daily summary is
// offered to staff only.
func (s *Server) loadMailChoices(c echo.Context, p *accountPage) error {
	if !s.cfg.Mail.Enabled() {
		return nil
	}
	u := currentUser(c)
	prefs, err := s.Store.MailPreferences(c.Request().Context(), u.ID)
	if err != nil {
		return err
	}
	p.Mail = mailChoices{On: true, Verified: u.EmailVerified && u.Email != "", Saved: c.QueryParam("mail") == "saved"}
	for _, k := range model.MailKinds {
		if k == model.MailSummary && !u.Role.Staff() {
			continue
		}
		p.Mail.Kinds = append(p.Mail.Kinds, mailKind{Kind: k, On: prefs.Wants(k)})
	}
	return nil
}

// updateMailPreferences saves the boxes ticked on /account, and the language
// the page is in as the one to write to the person in.
func (s *Server) updateMailPreferences(c echo.Context) error {
	if !s.cfg.Mail.Enabled() {
		return echo.ErrNotFound
	}
	u := currentUser(c)
	ctx := c.Request().Context()
	prefs, err := s.Store.MailPreferences(ctx, u.ID)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	on := map[string]bool{}
	for _, k := range form["mail"] {
		on[k] = true
	}
	for _, k := range model.MailKinds {
		if k == model.MailSummary && !u.Role.Staff() {
			continue
		}
		prefs.Set(k, on[k])
	}
	prefs.Language = s.page(c, "account.title").Lang
	if err := s.Store.SaveMailPreferences(ctx, prefs); err != nil {
		return err
	}
	return seeOther(c, "/account?mail=saved#email")
}
