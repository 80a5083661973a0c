package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// offlinePage is the form for a response received by post, email, phone or at
// an event. Step 1 asks which part of the document it is about (a GET form,
// so it works without JavaScript); step 2 asks for the rest, with the
// question's options when the part is a question.
type offlinePage struct {
	Page
	C          *model.Consultation
	Status     model.Status
	Step       int
	Form       offlineForm
	Target     consult.OfflineTarget
	Respondent *model.User // the person a further response is from, when one was entered before
	Channels   []string
	Publishes  []string
}

// offlineForm is the form as typed, kept on errors.
type offlineForm struct {
	Respondent, Name, RespondingAs, Organisation, Contact, Channel string
	Day, Month, Year, Paragraph, Text, Publish, Reference          string
	Choices                                                        []string
}

// Chose reports whether the option was among the choices sent.
func (f offlineForm) Chose(option string) bool { return slices.Contains(f.Choices, option) }

// offlineListPage lists the responses entered for a consultation.
type offlineListPage struct {
	Page
	C       *model.Consultation
	Rows    []store.OfflineRow
	Entered *model.User    // the person whose response was just entered
	Numbers map[string]int // paragraph numbers by key, in the current version
}

// newOfflineResponse shows step 1, or step 2 once the part is chosen.
func (s *Server) newOfflineResponse(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Services.Consult.OfflineConsultation(ctx, currentUser(c), c.Param("slug"))
	if err != nil {
		return err
	}
	p := s.offlinePage(c, con, offlineForm{Respondent: c.QueryParam("respondent"), Paragraph: c.QueryParam("paragraph"),
		Channel: "post", Publish: "no"})
	if !c.QueryParams().Has("paragraph") {
		return s.views.render(c, http.StatusOK, "offline/new", p)
	}
	p.Target, err = s.Services.Consult.OfflineTargetOf(ctx, con, p.Form.Paragraph)
	if err = s.formError(c, &p.Page, err, "paragraph"); err != nil || len(p.Errors) > 0 {
		return s.renderOr(c, err, "offline/new", p)
	}
	p.Step = 2
	return s.views.render(c, http.StatusOK, "offline/new", p)
}

// createOfflineResponse stores the response and lists the entered ones.
func (s *Server) createOfflineResponse(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Services.Consult.OfflineConsultation(ctx, currentUser(c), c.Param("slug"))
	if err != nil {
		return err
	}
	if err := c.Request().ParseForm(); err != nil {
		return model.ErrInvalidInput
	}
	f := offlineForm{Respondent: c.FormValue("respondent"), Name: c.FormValue("name"), RespondingAs: c.FormValue("responding_as"),
		Organisation: c.FormValue("organisation"), Contact: c.FormValue("contact"), Channel: c.FormValue("channel"),
		Day: c.FormValue("received-day"), Month: c.FormValue("received-month"), Year: c.FormValue("received-year"),
		Paragraph: c.FormValue("paragraph"), Text: c.FormValue("body"), Publish: c.FormValue("publish"),
		Reference: c.FormValue("reference"), Choices: c.Request().PostForm["choice"]}
	res, err := s.Services.Consult.EnterOfflineResponse(ctx, currentUser(c), con.Slug, consult.OfflineInput{
		Respondent: f.Respondent, Name: f.Name, RespondingAs: f.RespondingAs, Organisation: f.Organisation,
		Contact: f.Contact, Channel: f.Channel, Received: consult.DateParts{Day: f.Day, Month: f.Month, Year: f.Year},
		Paragraph: f.Paragraph, Choices: f.Choices, Text: f.Text, Publish: f.Publish, Reference: f.Reference,
		Zone: s.cfg.TimeZone})
	if err == nil {
		return seeOther(c, adminConsultationURL(con.Slug)+"/responses?entered="+strconv.FormatInt(res.Respondent.ID, 10))
	}
	p := s.offlinePage(c, con, f)
	p.Step = 2
	if t, terr := s.Services.Consult.OfflineTargetOf(ctx, con, f.Paragraph); terr == nil {
		p.Target = t
	} else {
		p.Step = 1 // the part itself is wrong: choose it again
	}
	err = s.formError(c, &p.Page, err, "paragraph", "name", "responding_as", "organisation", "contact", "channel",
		"received", "choice", "body", "publish", "reference")
	return s.renderOr(c, err, "offline/new", p)
}

// offlinePage fills the form page, with the person a further response is from.
func (s *Server) offlinePage(c echo.Context, con *model.Consultation, f offlineForm) offlinePage {
	p := offlinePage{Page: s.page(c, "offline.title", con.Title), C: con, Status: s.Services.Consult.Status(con),
		Step: 1, Form: f, Channels: model.OfflineChannels,
		Publishes: []string{string(model.PublishName), string(model.PublishAnonymous), string(model.PublishNo)}}
	if id, err := strconv.ParseInt(f.Respondent, 10, 64); err == nil {
		if u, err := s.Store.User(c.Request().Context(), id); err == nil && u.Offline() {
			p.Respondent = u
		}
	}
	return p
}

// listOfflineResponses lists the responses entered for a consultation, with
// the private contact details, for moderators and admins.
func (s *Server) listOfflineResponses(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Services.Consult.OfflineConsultation(ctx, currentUser(c), c.Param("slug"))
	if err != nil {
		return err
	}
	p := offlineListPage{Page: s.page(c, "offline.list.title", con.Title), C: con}
	if p.Rows, err = s.Services.Consult.OfflineResponses(ctx, currentUser(c), con); err != nil {
		return err
	}
	p.Numbers = map[string]int{}
	if blocks, err := s.Store.Blocks(ctx, *con.CurrentVersionID); err == nil {
		for _, b := range blocks {
			p.Numbers[b.Key] = b.Number
		}
	}
	if id, err := strconv.ParseInt(c.QueryParam("entered"), 10, 64); err == nil {
		if u, err := s.Store.User(ctx, id); err == nil && u.Offline() {
			p.Entered = u
		}
	}
	return s.views.render(c, http.StatusOK, "offline/list", p)
}
