package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/auth"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

type signInPage struct {
	Page
	Next      string
	Providers []auth.ProviderButton
	Again     bool // sent back to sign in again before a sensitive action
	// Email offers sign-in by email; EmailFirst puts it above the providers
	// when none of them is one a resident is likely to have.
	Email, EmailFirst bool
}

// showSignIn lists the configured ways to sign in.
func (s *Server) showSignIn(c echo.Context) error {
	next := auth.SafeNext(c.QueryParam("next"))
	p := signInPage{Page: s.page(c, "signin.title"), Next: next, Providers: s.Providers.Buttons(), Again: c.QueryParam("again") == "1"}
	p.Email, p.EmailFirst = s.cfg.Mail.SignIn, s.cfg.Mail.SignIn && !s.Providers.Has("google") && !s.Providers.Has("microsoftonline")
	return s.views.render(c, http.StatusOK, "auth/sign-in", p)
}

type devSignInPage struct {
	Page
	Next  string
	Form  devSignInForm
	Roles []model.Role
}

type devSignInForm struct {
	Name, Email, Role string
}

// showDevSignIn offers the development sign-in, when it is switched on.
func (s *Server) showDevSignIn(c echo.Context) error {
	if !s.cfg.DevLogin {
		return echo.ErrNotFound
	}
	p := devSignInPage{Page: s.page(c, "devsignin.title"), Next: auth.SafeNext(c.QueryParam("next")),
		Form: devSignInForm{Role: string(model.RoleCitizen)}, Roles: model.Roles}
	return s.views.render(c, http.StatusOK, "auth/dev", p)
}

// devSignIn signs in at once as the named person with the chosen role.
func (s *Server) devSignIn(c echo.Context) error {
	if !s.cfg.DevLogin {
		return echo.ErrNotFound
	}
	f := devSignInForm{
		Name:  strings.TrimSpace(c.FormValue("name")),
		Email: strings.ToLower(strings.TrimSpace(c.FormValue("email"))),
		Role:  c.FormValue("role"),
	}
	next := auth.SafeNext(c.FormValue("next"))
	if next == "/" {
		next = auth.SafeNext(c.QueryParam("next"))
	}
	role, fe := validateDevSignIn(f)
	if len(fe) > 0 {
		p := devSignInPage{Page: s.page(c, "devsignin.title"), Next: next, Form: f, Roles: model.Roles}
		p.withErrors(fe, "name", "email", "role")
		return s.views.render(c, http.StatusUnprocessableEntity, "auth/dev", p)
	}
	// The development sign-in vouches for its email, so PILCROW_ADMIN_EMAILS and
	// grants apply to it too; the role picked on the form has the last word.
	// It also counts as a second factor, so that development and tests reach
	// the staff pages; it is refused in production.
	id := store.Identity{Provider: "dev", Subject: f.Email, Email: f.Email, Name: f.Name, EmailVerified: true,
		SecondFactor: model.FactorDev}
	return s.finishSignIn(c, id, next, auth.Override{Role: role, Name: f.Name})
}

func validateDevSignIn(f devSignInForm) (model.Role, model.FieldErrors) {
	fe := model.FieldErrors{}
	if !model.ValidDisplayName(f.Name) {
		fe["name"] = "devsignin.error.name"
	}
	if at := strings.IndexByte(f.Email, '@'); at < 1 || at == len(f.Email)-1 || len(f.Email) > 254 || strings.ContainsAny(f.Email, " \t\r\n") {
		fe["email"] = "devsignin.error.email"
	}
	role, ok := model.ParseRole(f.Role)
	if !ok {
		fe["role"] = "devsignin.error.role"
	}
	return role, fe
}

// signOut ends the session.
func (s *Server) signOut(c echo.Context) error {
	if err := s.Sessions.End(c.Request().Context(), c.Response(), c.Request()); err != nil {
		return err
	}
	s.rotateCSRF(c)
	// Pages kept in the browser's cache or storage while signed in go too, so
	// the back button on a shared computer shows nothing of the session.
	c.Response().Header().Set("Clear-Site-Data", `"cache", "storage"`)
	return seeOther(c, "/")
}
