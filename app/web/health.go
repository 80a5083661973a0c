package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// healthz answers 200 while the process runs.
func (s *Server) healthz(c echo.Context) error {
	return c.String(http.StatusOK, "ok\n")
}

// readyz answers 200 when the database answers and 503 otherwise, so a load
// balancer stops sending traffic during an outage and resumes after it.
func (s *Server) readyz(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	if err := s.Store.Ping(c.Request().Context()); err != nil {
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	return c.String(http.StatusOK, "ready\n")
}
