package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

type confirmationsPage struct {
	Page
	Pending []store.PendingRoleConfirmation
}

// listRoleConfirmations shows the staff roles waiting for an admin's confirmation.
func (s *Server) listRoleConfirmations(c echo.Context) error {
	pending, err := s.Services.Consult.PendingRoleConfirmations(c.Request().Context(), currentUser(c))
	if err != nil {
		return err
	}
	p := confirmationsPage{Page: s.page(c, "mfa.confirm.heading"), Pending: pending}
	return s.views.render(c, http.StatusOK, "adminusers/confirmations", p)
}

// decideRoleConfirmation confirms (decision=confirm) or refuses a waiting role.
func (s *Server) decideRoleConfirmation(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return model.ErrNotFound
	}
	confirm := c.FormValue("decision") == "confirm"
	if err := s.Services.Consult.DecideRoleConfirmation(c.Request().Context(), currentUser(c), id, confirm); err != nil {
		return err
	}
	return seeOther(c, "/admin/role-confirmations")
}
