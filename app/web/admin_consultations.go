package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

// adminDone lists the confirmations the overview page may show after a redirect;
// anything else in ?done= is ignored.
var adminDone = map[string]bool{"created": true, "updated": true, "published": true, "draft": true, "closed": true, "outcome": true}

// detailsOrder is the order of the details form's fields, for the error summary.
var detailsOrder = []string{"slug", "title", "summary", "title_cy", "summary_cy", "organisation", "contact", "opens", "opens-time", "closes", "closes-time", "moderation"}

type adminListPage struct {
	Page
	Items []adminListItem
}

type adminListItem struct {
	model.Consultation
	Status model.Status
}

// listAdminConsultations lists every consultation, drafts included.
func (s *Server) listAdminConsultations(c echo.Context) error {
	all, err := s.Store.AllConsultations(c.Request().Context())
	if err != nil {
		return err
	}
	p := adminListPage{Page: s.page(c, "admin.consultations.title")}
	for _, con := range all {
		p.Items = append(p.Items, adminListItem{Consultation: con, Status: s.Services.Consult.Status(&con)})
	}
	return s.views.render(c, http.StatusOK, "adminconsultations/list", p)
}

type detailsPage struct {
	Page
	Form    consult.Details
	Slug    string // the consultation being edited; "" when creating
	Action  string
	Zone    string
	Current model.Status
	// Bilingual shows the Welsh title and summary fields; without it they are
	// carried through unchanged in hidden fields.
	Bilingual bool
	Dates     datesForm
}

// newConsultation shows an empty details form.
func (s *Server) newConsultation(c echo.Context) error {
	p := s.detailsPage(c, "", consult.Details{Moderation: string(model.PreModeration)})
	return s.views.render(c, http.StatusOK, "adminconsultations/details", p)
}

// createConsultation stores a new draft consultation.
func (s *Server) createConsultation(c echo.Context) error {
	d, err := detailsForm(c)
	if err != nil {
		return err
	}
	dates, err := s.readDates(c, &d)
	var con *model.Consultation
	if err == nil {
		con, err = s.Services.Consult.CreateConsultation(c.Request().Context(), d, s.cfg.TimeZone, actorID(c))
	}
	if fe, ok := adminFieldErrors(err); ok {
		p := s.detailsPage(c, "", d)
		p.Dates = dates
		p.withErrors(fe, detailsOrder...)
		return s.views.render(c, http.StatusUnprocessableEntity, "adminconsultations/details", p)
	}
	if err != nil {
		return err
	}
	return seeOther(c, adminConsultationURL(con.Slug)+"?done=created")
}

// editConsultation shows the details form filled in.
func (s *Server) editConsultation(c echo.Context) error {
	con, err := s.Store.ConsultationBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	p := s.detailsPage(c, con.Slug, consult.DetailsOf(con, s.cfg.TimeZone))
	p.Current = s.Services.Consult.Status(con)
	return s.views.render(c, http.StatusOK, "adminconsultations/details", p)
}

// updateConsultation saves changed details, including the dates that schedule it.
func (s *Server) updateConsultation(c echo.Context) error {
	d, err := detailsForm(c)
	if err != nil {
		return err
	}
	dates, err := s.readDates(c, &d)
	var con *model.Consultation
	if err == nil {
		con, err = s.Services.Consult.UpdateConsultation(c.Request().Context(), c.Param("slug"), d, s.cfg.TimeZone, actorID(c))
	}
	if fe, ok := adminFieldErrors(err); ok {
		p := s.detailsPage(c, c.Param("slug"), d)
		p.Dates = dates
		p.withErrors(fe, detailsOrder...)
		return s.views.render(c, http.StatusUnprocessableEntity, "adminconsultations/details", p)
	}
	if err != nil {
		return err
	}
	return seeOther(c, adminConsultationURL(con.Slug)+"?done=updated")
}

func (s *Server) detailsPage(c echo.Context, slug string, d consult.Details) detailsPage {
	p := detailsPage{Page: s.page(c, "admin.consultation.new.title"), Form: d, Slug: slug,
		Action: "/admin/consultations", Zone: s.cfg.TimeZone.String(), Bilingual: s.cfg.Bilingual(),
		Dates: datesForm{Opens: consult.SplitDate(d.Opens), Closes: consult.SplitDate(d.Closes)}}
	if slug != "" {
		p.Page = s.page(c, "admin.consultation.edit.title")
		p.Action = adminConsultationURL(slug) + "/edit"
	}
	return p
}

// detailsForm reads the details form; unknown fields are ignored, never bound.
// A checkbox with a value the form never sends is a malformed request.
func detailsForm(c echo.Context) (consult.Details, error) {
	for _, box := range []string{"results_public", "most_commented_public"} {
		if v := c.FormValue(box); v != "" && v != "yes" {
			return consult.Details{}, model.ErrInvalidInput
		}
	}
	return consult.Details{
		Slug: c.FormValue("slug"), Title: c.FormValue("title"), Summary: c.FormValue("summary"),
		Organisation: c.FormValue("organisation"), Contact: c.FormValue("contact"),
		Opens: c.FormValue("opens"), Closes: c.FormValue("closes"), Moderation: c.FormValue("moderation"),
		TitleCy: c.FormValue("title_cy"), SummaryCy: c.FormValue("summary_cy"),
		ResultsPublic: c.FormValue("results_public") == "yes", MostCommentedPublic: c.FormValue("most_commented_public") == "yes",
	}, nil
}

// adminFieldErrors reports whether err is a set of field errors to show on a form.
func adminFieldErrors(err error) (model.FieldErrors, bool) {
	var fe model.FieldErrors
	ok := errors.As(err, &fe)
	return fe, ok
}

// actorID is the signed-in admin's id, for the audit log.
func actorID(c echo.Context) *int64 {
	if u := currentUser(c); u != nil {
		return &u.ID
	}
	return nil
}

// adminConsultationURL is a consultation's page in the admin panel.
func adminConsultationURL(slug string) string { return "/admin/consultations/" + slug }
