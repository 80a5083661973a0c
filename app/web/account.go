package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
)

type accountPage struct {
	Page
	Name     string
	Provider string // as people know it: PILCROW_OIDC_NAME rather than "OpenID Connect"
	Saved    bool
	Mail     mailChoices // the email preferences, when email is on
}

// showAccount shows the name the person goes by, their provider and sign-out.
func (s *Server) showAccount(c echo.Context) error {
	u := currentUser(c)
	p := accountPage{Page: s.page(c, "account.title"), Name: u.DisplayName, Saved: c.QueryParam("saved") == "1"}
	p.Provider = s.providerLabel(p.Page, u.Provider)
	if err := s.loadMailChoices(c, &p); err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "account/show", p)
}

// updateDisplayName changes the name shown beside the person's comments.
func (s *Server) updateDisplayName(c echo.Context) error {
	u := currentUser(c)
	name := strings.TrimSpace(c.FormValue("name"))
	err := s.Services.Consult.ChangeDisplayName(c.Request().Context(), u, name)
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		p := accountPage{Page: s.page(c, "account.title"), Name: name}
		p.Provider = s.providerLabel(p.Page, u.Provider)
		if err := s.loadMailChoices(c, &p); err != nil {
			return err
		}
		p.withErrors(fe)
		return s.views.render(c, http.StatusUnprocessableEntity, "account/show", p)
	} else if err != nil {
		return err
	}
	return seeOther(c, "/account?saved=1")
}

// providerLabel names the provider an account signed in with.
func (s *Server) providerLabel(p Page, provider string) string {
	if l := s.Providers.Label(provider); l != "" {
		return l
	}
	return p.T("provider." + provider)
}
