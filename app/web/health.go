package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/store"
)

// healthz answers 200 while the process runs.
func (s *Server) healthz(c echo.Context) error {
	return c.String(http.StatusOK, "ok\n")
}

// readyz answers 200 when the database answers and can write, and 503
// otherwise, so a load balancer stops sending traffic during an outage or while
// the disk is full, and resumes after it.
func (s *Server) readyz(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	ctx := c.Request().Context()
	if err := s.Store.Ping(ctx); err != nil {
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	// A write lock held by a long transaction is a busy database, not a
	// broken one: only a write that fails for another reason is not ready.
	if err := s.Store.CheckWrite(ctx); err != nil && !store.IsBusy(err) {
		s.Log.Warn("readiness: the database cannot write", "error", err)
		return c.String(http.StatusServiceUnavailable, "database cannot write\n")
	}
	return c.String(http.StatusOK, "ready\n")
}
