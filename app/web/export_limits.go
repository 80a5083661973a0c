package web

import (
	"log/slog"

	"github.com/labstack/echo/v4"
)

// limitDownloads counts a download of personal data (a CSV or a report file)
// against the account's limit before serving it, and logs the export once served.
func (s *Server) limitDownloads(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := s.Services.Consult.CountDownload(c.Request().Context(), currentUser(c)); err != nil {
			return err
		}
		err := next(c)
		if err == nil && c.Response().Status < 300 {
			s.securityEvent(c, slog.LevelInfo, eventExport)
		}
		return err
	}
}

// limitReportStarts counts a report start against the account's limit.
func (s *Server) limitReportStarts(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := s.Services.Consult.CountReportStart(c.Request().Context(), currentUser(c)); err != nil {
			return err
		}
		err := next(c)
		if err == nil && c.Response().Status < 400 {
			s.securityEvent(c, slog.LevelInfo, eventReportStarted)
		}
		return err
	}
}
