package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/chart"
	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

type responsePage struct {
	Page
	*consult.Response
	Slug    string
	Numbers map[string]int // paragraph numbers of the comments' blocks, by key
}

// Choices lists an answer's chosen options for display.
func (p responsePage) Choices(key string) string {
	a, ok := p.Answers[key]
	if !ok {
		return ""
	}
	return strings.Join(a.ChoiceList(), "; ")
}

// showResponse is "Your response": a person's answers and comments on one
// consultation as a check-your-answers page, with a reference number.
func (s *Server) showResponse(c echo.Context) error {
	ctx := c.Request().Context()
	r, err := s.Services.Consult.YourResponse(ctx, c.Param("slug"), currentUser(c))
	if err != nil {
		return err
	}
	p := responsePage{Page: s.page(c, "questions.response.title", r.Consultation.Title), Response: r,
		Slug: r.Consultation.Slug, Numbers: map[string]int{}}
	blocks, err := s.Store.Blocks(ctx, *r.Consultation.CurrentVersionID)
	if err != nil {
		return err
	}
	for _, b := range blocks {
		p.Numbers[b.Key] = b.Number
	}
	return s.views.render(c, http.StatusOK, "questions/response", p)
}

type resultsPage struct {
	Page
	C       *model.Consultation
	Results []resultView
	Analyst bool
}

// resultView is one question's counts with its chart and table rows.
type resultView struct {
	consult.QuestionResult
	Chart     template.HTML
	Rows      []resultRow
	LangHeads []string // one column per language, when answers came in more than one
}

// resultRow is one option's line of the table, formatted.
type resultRow struct {
	Option                            string
	Retired                           bool
	Count                             int
	Percent, Individual, Organisation string
	ByLanguage                        []string
}

// pct formats n as a share of total, to one decimal place.
func pct(n, total int) string { return fmt.Sprintf("%.1f%%", consult.Share(n, total)) }

func newResultView(p *Page, r consult.QuestionResult) resultView {
	v := resultView{QuestionResult: r, Chart: resultChart(p, r)}
	many := len(r.Languages) > 1
	if many {
		for _, l := range r.Languages {
			v.LangHeads = append(v.LangHeads, fmt.Sprintf("%s (%d)", p.T("questions.results.language", p.T("questions.lang."+l)), r.ByLanguage[l]))
		}
	}
	for _, o := range r.Options {
		row := resultRow{Option: o.Option, Retired: o.Retired, Count: o.Count, Percent: pct(o.Count, r.Answers),
			Individual:   fmt.Sprintf("%d (%s)", o.Individual, pct(o.Individual, r.Individuals)),
			Organisation: fmt.Sprintf("%d (%s)", o.Organisation, pct(o.Organisation, r.Organisations))}
		if many {
			for _, l := range r.Languages {
				row.ByLanguage = append(row.ByLanguage, fmt.Sprintf("%d (%s)", o.ByLanguage[l], pct(o.ByLanguage[l], r.ByLanguage[l])))
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// showResults shows the counts of every question: to analysts and admins, and
// to everyone after the close when the consultation's settings say so.
func (s *Server) showResults(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.readerConsultation(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	if !s.Services.Consult.ResultsVisible(con, u) {
		return model.ErrNotFound
	}
	rs, err := s.Services.Consult.QuestionResults(ctx, con)
	if err != nil {
		return err
	}
	p := resultsPage{Page: s.page(c, "questions.results.title", con.Title), C: con,
		Analyst: u.Can(model.RoleAnalyst)}
	for _, r := range rs {
		p.Results = append(p.Results, newResultView(&p.Page, r))
	}
	if p.Analyst {
		c.Response().Header().Set("Cache-Control", "no-store")
	}
	return s.views.render(c, http.StatusOK, "questions/results", p)
}

// resultChart draws a choice question's counts; the page's table is its text alternative.
func resultChart(p *Page, r consult.QuestionResult) template.HTML {
	if !r.Choice() {
		return ""
	}
	bars := make([]chart.Bar, len(r.Options))
	for i, o := range r.Options {
		bars[i] = chart.Bar{Label: o.Option, Value: o.Count}
	}
	title := p.T("questions.results.chart", r.Ordinal, r.Text)
	return chart.BarChartID(fmt.Sprintf("q%d-chart", r.Ordinal), title, p.Plural("questions.results.answers", r.Answers), bars)
}

type answerTextsPage struct {
	Page
	C        *model.Consultation
	Q        *consult.QuestionBlock
	Texts    []store.AnswerText
	Filter   store.AnswerTextFilter
	Max      int
	Statuses []string
}

// Choices shows a stored answer's choices.
func (answerTextsPage) Choices(t store.AnswerText) string {
	a := model.Answer{Choices: t.Choices}
	return strings.Join(a.ChoiceList(), "; ")
}

// showAnswerTexts lists a question's written answers for analysts, filtered
// by who answered, the language, the moderation status and the publish choice.
func (s *Server) showAnswerTexts(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	f := store.AnswerTextFilter{RespondingAs: oneOf(c.QueryParam("responding_as"), "individual", "organisation"),
		Language: oneOf(c.QueryParam("language"), "en", "cy"),
		Status:   oneOf(c.QueryParam("status"), "pending", "approved", "rejected", "withdrawn"),
		Publish:  oneOf(c.QueryParam("publish"), "name", "anonymous", "no")}
	q, texts, err := s.Services.Consult.AnswerTexts(ctx, con, c.Param("key"), f)
	if err != nil {
		return err
	}
	p := answerTextsPage{Page: s.page(c, "questions.texts.title", q.Text), C: con, Q: q, Texts: texts, Filter: f,
		Max: consult.MaxAnswerTexts, Statuses: []string{"pending", "approved", "rejected", "withdrawn"}}
	return s.views.render(c, http.StatusOK, "questions/texts", p)
}

// oneOf returns v when it is one of the allowed values, else "".
func oneOf(v string, allowed ...string) string {
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	return ""
}
