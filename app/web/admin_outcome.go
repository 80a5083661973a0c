package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

// outcomePage is the outcome form, with a preview when one was asked for.
type outcomePage struct {
	Page
	C       *model.Consultation
	Status  model.Status
	Outcome string
	Saved   bool // the draft was just saved
	Preview *outcomePreview
}

// outcomePreview is a rendered outcome and where its sections will show.
type outcomePreview struct {
	HTML     template.HTML
	Sections []previewSection
}

// previewSection is one section, with the numbers of the paragraphs whose
// pages will show it, written out ("3, 7").
type previewSection struct {
	HTML    template.HTML
	Numbers string
}

// editOutcome shows the outcome form, starting from the draft if there is one.
func (s *Server) editOutcome(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	p := s.outcomePage(c, con, "")
	if p.Outcome, err = s.Services.Consult.OutcomeEditorText(ctx, con); err != nil {
		return err
	}
	p.Saved = c.QueryParam("saved") == "1"
	return s.views.render(c, http.StatusOK, "adminconsultations/outcome", p)
}

// publishOutcome previews the outcome, saves it as a draft, or publishes it
// once the consultation has closed, as the button pressed says.
func (s *Server) publishOutcome(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	p := s.outcomePage(c, con, c.FormValue("outcome"))
	switch c.FormValue("action") {
	case "preview":
		var pv *consult.OutcomePreview
		if pv, err = s.Services.Consult.PreviewOutcome(ctx, con, p.Outcome, actorID(c)); err == nil {
			p.Preview = previewOf(pv)
		}
	case "draft":
		err = s.Services.Consult.SaveOutcomeDraft(ctx, con.Slug, p.Outcome, actorID(c))
		if err == nil {
			return seeOther(c, adminConsultationURL(con.Slug)+"/outcome?saved=1")
		}
	default:
		err = s.Services.Consult.PublishOutcome(ctx, con.Slug, p.Outcome, actorID(c))
		if err == nil {
			return seeOther(c, adminConsultationURL(con.Slug)+"?done=outcome")
		}
	}
	if err = s.formError(c, &p.Page, err, "outcome"); err != nil || len(p.Errors) > 0 {
		return s.renderOr(c, err, "adminconsultations/outcome", p)
	}
	return s.views.render(c, http.StatusOK, "adminconsultations/outcome", p)
}

func (s *Server) outcomePage(c echo.Context, con *model.Consultation, outcome string) outcomePage {
	return outcomePage{Page: s.page(c, "admin.outcome.title", con.Title), C: con,
		Status: s.Services.Consult.Status(con), Outcome: outcome}
}

// previewOf marks the preview's HTML as safe: the document package rendered it.
func previewOf(pv *consult.OutcomePreview) *outcomePreview {
	out := &outcomePreview{HTML: template.HTML(pv.HTML)} // #nosec: rendered and sanitised by the document package
	for _, sec := range pv.Sections {
		out.Sections = append(out.Sections, previewSection{HTML: template.HTML(sec.HTML), Numbers: joinInts(sec.Numbers)}) // #nosec: as above
	}
	return out
}

// joinInts writes numbers as a list for a sentence.
func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}
