package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

type adminHomePage struct {
	Page
}

// showAdminHome is the officials' landing page.
func (s *Server) showAdminHome(c echo.Context) error {
	return s.views.render(c, http.StatusOK, "admin/home", adminHomePage{Page: s.page(c, "admin.title")})
}
