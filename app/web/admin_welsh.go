package web

import (
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/document"
	"pilcrow/app/model"
)

// welshEditor handles the Welsh document written beside the English one in the
// editor. It runs before the English is saved, so a Welsh document that does not
// pair stops the whole form with nothing published.
func (s *Server) welshEditor(c echo.Context, p *documentFormPage) (bool, error) {
	if !s.cfg.Bilingual() || p.MarkdownCy == "" || c.FormValue("action") == "draft" {
		return false, nil
	}
	var me *document.MismatchError
	if err := s.Services.Consult.CheckPair(p.Markdown, p.MarkdownCy); errors.As(err, &me) {
		p.Errors = append(p.Errors, FieldError{Field: "markdown_cy", Message: p.T("language.error.mismatch", me.Number, me.Excerpt)})
		return true, nil
	}
	return false, nil
}

// publishWelsh publishes the Welsh document beside the English version just
// published (or the current one, when only the Welsh changed).
func (s *Server) publishWelsh(c echo.Context, p *documentFormPage) error {
	_, err := s.Services.Consult.NewTranslation(c.Request().Context(), p.C.Slug, model.Welsh, p.MarkdownCy, actorID(c))
	var me *document.MismatchError
	switch {
	case errors.As(err, &me):
		p.Errors = append(p.Errors, FieldError{Field: "markdown_cy", Message: p.T("language.error.mismatch", me.Number, me.Excerpt)})
		return nil
	case errors.Is(err, consult.ErrNoOriginal):
		p.Errors = append(p.Errors, FieldError{Field: "markdown_cy", Message: p.T("language.error.noenglish")})
		return nil
	}
	return s.formError(c, &p.Page, err, "markdown_cy")
}

// normaliseCRLF turns the CRLF browsers send into LF.
func normaliseCRLF(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
