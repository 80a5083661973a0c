package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

type usersPage struct {
	Page
	Q       string
	Users   []model.User
	NextURL string
}

// listUsers lists and searches accounts by name or email, a page at a time.
func (s *Server) listUsers(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	after, _ := strconv.ParseInt(c.QueryParam("after"), 10, 64)
	if utf8.RuneCountInString(q) > 200 || !utf8.ValidString(q) || strings.ContainsRune(q, 0) {
		return model.ErrInvalidInput
	}
	us, err := s.Store.SearchUsers(c.Request().Context(), q, max(after, 0), store.UserPageSize+1)
	if err != nil {
		return err
	}
	p := usersPage{Page: s.page(c, "users.title"), Q: q, Users: us}
	if len(us) > store.UserPageSize {
		p.Users = us[:store.UserPageSize]
		p.NextURL = "/admin/users?" + urlValues("q", q, "after", strconv.FormatInt(p.Users[len(p.Users)-1].ID, 10))
	}
	return s.views.render(c, http.StatusOK, "adminusers/list", p)
}

type userPage struct {
	Page
	Account *model.User
	Roles   []model.Role
	Role    string
	Reason  string
	Saved   string
}

// showUser shows one account with the forms to change its role and block it.
func (s *Server) showUser(c echo.Context) error {
	p, err := s.userPage(c)
	if err != nil {
		return err
	}
	p.Saved = c.QueryParam("saved")
	return s.views.render(c, http.StatusOK, "adminusers/show", p)
}

// changeRole gives an account another role.
func (s *Server) changeRole(c echo.Context) error {
	p, err := s.userPage(c)
	if err != nil {
		return err
	}
	p.Role = c.FormValue("role")
	err = s.Services.Consult.ChangeRole(c.Request().Context(), currentUser(c), p.Account.ID, p.Role)
	return s.afterUserChange(c, p, err, "role")
}

// blockUser blocks an account with a reason and ends its sessions.
func (s *Server) blockUser(c echo.Context) error {
	p, err := s.userPage(c)
	if err != nil {
		return err
	}
	p.Reason = c.FormValue("reason")
	err = s.Services.Consult.Block(c.Request().Context(), currentUser(c), p.Account.ID, p.Reason)
	return s.afterUserChange(c, p, err, "blocked")
}

// unblockUser lets an account post again.
func (s *Server) unblockUser(c echo.Context) error {
	p, err := s.userPage(c)
	if err != nil {
		return err
	}
	err = s.Services.Consult.Unblock(c.Request().Context(), currentUser(c), p.Account.ID)
	return s.afterUserChange(c, p, err, "unblocked")
}

// afterUserChange re-renders the form with its errors, or goes back to the account.
func (s *Server) afterUserChange(c echo.Context, p userPage, err error, saved string) error {
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		p.withErrors(fe, "role", "reason")
		return s.views.render(c, http.StatusUnprocessableEntity, "adminusers/show", p)
	} else if err != nil {
		return err
	}
	event := map[string]string{"role": eventRoleChanged, "blocked": eventBlocked, "unblocked": eventUnblocked}[saved]
	s.securityEvent(c, slog.LevelInfo, event, slog.Int64("target", p.Account.ID), slog.String("role", p.Role))
	return seeOther(c, "/admin/users/"+strconv.FormatInt(p.Account.ID, 10)+"?saved="+saved)
}

func (s *Server) userPage(c echo.Context) (userPage, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return userPage{}, model.ErrNotFound
	}
	u, err := s.Store.User(c.Request().Context(), id)
	if err != nil {
		return userPage{}, err
	}
	p := userPage{Page: s.page(c, "users.show.title", u.DisplayName), Account: u, Roles: model.Roles, Role: string(u.Role)}
	return p, nil
}
