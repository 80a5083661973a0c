package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

type reattachPage struct {
	Page
	C       *model.Consultation
	Orphans []consult.Orphan
	Done    int
	Form    map[string]string // the paragraph number typed for each removed key
}

// To is the paragraph number shown in an orphan's field: what was typed, else
// the suggestion's number.
func (p reattachPage) To(o consult.Orphan) string {
	if v, ok := p.Form[o.Block.Key]; ok {
		return v
	}
	if o.Successor != nil {
		return strconv.Itoa(o.Successor.Number)
	}
	return ""
}

// showReattach lists the rewritten paragraphs that still have comments, each
// with the current paragraph most likely to have replaced it.
func (s *Server) showReattach(c echo.Context) error {
	p, err := s.reattachPage(c)
	if err != nil {
		return err
	}
	p.Done, _ = strconv.Atoi(c.QueryParam("done"))
	return s.views.render(c, http.StatusOK, "adminconsultations/reattach", p)
}

// reattachComments moves one removed paragraph's comments to the paragraph
// whose number the admin confirmed or typed.
func (s *Server) reattachComments(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	from, to := c.FormValue("from"), strings.TrimSpace(c.FormValue("to"))
	if !validKey(from) {
		return model.ErrInvalidInput
	}
	var moved int64
	if n, convErr := strconv.Atoi(to); convErr != nil {
		err = model.FieldErrors{"to": "reattach.error.to"}
	} else {
		moved, err = s.Services.Consult.Reattach(ctx, currentUser(c), con, from, n)
	}
	if fe, ok := adminFieldErrors(err); ok {
		p, err := s.reattachPage(c)
		if err != nil {
			return err
		}
		p.Form = map[string]string{from: to}
		p.withErrors(model.FieldErrors{"to-" + from: fe["to"]})
		return s.views.render(c, http.StatusUnprocessableEntity, "adminconsultations/reattach", p)
	} else if err != nil {
		return err
	}
	return seeOther(c, reattachURL(con.Slug)+"?done="+strconv.FormatInt(moved, 10))
}

func (s *Server) reattachPage(c echo.Context) (reattachPage, error) {
	ctx := c.Request().Context()
	con, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return reattachPage{}, err
	}
	orphans, err := s.Services.Consult.Orphans(ctx, currentUser(c), con)
	return reattachPage{Page: s.page(c, "reattach.title", con.Title), C: con, Orphans: orphans}, err
}

func reattachURL(slug string) string { return adminConsultationURL(slug) + "/reattach" }
