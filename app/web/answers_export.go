package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/export"
)

// exportAnswersCSV sends answers.csv: one row per respondent, two columns per question.
func (s *Server) exportAnswersCSV(c echo.Context) error {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	name := export.AnswersCSVFilename(cons.Slug, s.Now().In(s.cfg.TimeZone))
	if err := s.Services.Consult.RecordDownload(ctx, currentUser(c), consult.Download{Action: consult.AuditDownloadAnswers,
		Consultation: cons, Details: map[string]any{"file": name}}); err != nil {
		return err
	}
	w := &downloadWriter{c: c, contentType: "text/csv; charset=utf-8", filename: name}
	err = s.Services.Consult.ExportAnswersCSV(ctx, currentUser(c), cons, w)
	if err != nil && c.Response().Committed {
		s.Log.Error("answers export cut short", "request_id", requestID(c), "slug", cons.Slug, "error", err)
		panic(http.ErrAbortHandler)
	}
	return err
}

// exportAnswerThemesCSV sends answers-themes.csv: each answer's text with its themes.
func (s *Server) exportAnswerThemesCSV(c echo.Context) error {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	name := export.AnswerThemesCSVFilename(cons.Slug, s.Now().In(s.cfg.TimeZone))
	if err := s.Services.Consult.RecordDownload(ctx, currentUser(c), consult.Download{Action: consult.AuditDownloadAnswers,
		Consultation: cons, Details: map[string]any{"file": name}}); err != nil {
		return err
	}
	w := &downloadWriter{c: c, contentType: "text/csv; charset=utf-8", filename: name}
	err = s.Services.Consult.ExportAnswerThemesCSV(ctx, currentUser(c), cons, w)
	if err != nil && c.Response().Committed {
		s.Log.Error("answer themes export cut short", "request_id", requestID(c), "slug", cons.Slug, "error", err)
		panic(http.ErrAbortHandler)
	}
	return err
}
