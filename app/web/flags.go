package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

type flagPage struct {
	Page
	Comment *consult.CommentView
	Reasons []string
	Reason  string
	Details string
	Done    bool // already reported: a friendly note instead of the form
	Back    string
}

// showFlagComment offers the report form for a published comment.
func (s *Server) showFlagComment(c echo.Context) error {
	id, err := commentID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	_, err = s.Services.Consult.FlaggableComment(ctx, currentUser(c), id)
	done := errors.Is(err, consult.ErrAlreadyFlagged)
	if err != nil && !done {
		return err
	}
	return s.renderFlag(c, http.StatusOK, id, consult.FlagInput{}, nil, done)
}

// flagComment records a report; a second report of the same comment gets the
// friendly note rather than an error page.
func (s *Server) flagComment(c echo.Context) error {
	id, err := commentID(c)
	if err != nil {
		return err
	}
	in := consult.FlagInput{Reason: c.FormValue("reason"), Details: c.FormValue("details")}
	cm, err := s.Services.Consult.FlagComment(c.Request().Context(), currentUser(c), c.RealIP(), id, in)
	var fe model.FieldErrors
	switch {
	case errors.As(err, &fe):
		return s.renderFlag(c, http.StatusUnprocessableEntity, id, in, fe, false)
	case errors.Is(err, consult.ErrAlreadyFlagged):
		return s.renderFlag(c, http.StatusOK, id, in, nil, true)
	case err != nil:
		return err
	}
	return seeOther(c, paragraphURL(s.slugOf(c, cm.ConsultationID), cm.ParagraphKey)+"?flagged=1#comment-"+strconv.FormatInt(cm.ID, 10))
}

func (s *Server) renderFlag(c echo.Context, status int, id int64, in consult.FlagInput, fe model.FieldErrors, done bool) error {
	ctx := c.Request().Context()
	cv, err := s.Services.Consult.VisibleComment(ctx, id, currentUser(c))
	if err != nil {
		return err
	}
	p := flagPage{Page: s.page(c, "flags.title"), Comment: cv, Reasons: consult.FlagReasons,
		Reason: in.Reason, Details: in.Details, Done: done}
	p.Back = paragraphURL(s.slugOf(c, cv.ConsultationID), cv.ParagraphKey) + "#comment-" + strconv.FormatInt(cv.ID, 10)
	p.withErrors(fe, "reason", "details")
	return s.views.render(c, status, "comments/flag", p)
}

// slugOf returns the slug of a consultation, for links back to it.
func (s *Server) slugOf(c echo.Context, consultationID int64) string {
	con, err := s.Store.Consultation(c.Request().Context(), consultationID)
	if err != nil {
		return ""
	}
	return con.Slug
}
