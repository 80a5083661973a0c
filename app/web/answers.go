package web

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/document"
	"pilcrow/app/model"
)

// questionPagePrefix starts the ids of the answer form on a question's own page.
const questionPagePrefix = "answer-"

// answerFields is the order of the answer form's fields, for the error summary.
var answerFields = []string{"question", "choice", "text", "responding_as", "organisation", "publish"}

// answerForm is the contract's answer form as typed, kept on errors.
type answerForm struct {
	Question     string
	Choices      []string
	Text         string
	RespondingAs string
	Organisation string
	Publish      string
	From         string // "document" when sent from the document page
}

func readAnswerForm(c echo.Context) answerForm {
	f := answerForm{Question: c.FormValue("question"), Text: c.FormValue("text"),
		RespondingAs: c.FormValue("responding_as"), Organisation: c.FormValue("organisation"),
		Publish: c.FormValue("publish"), From: c.FormValue("from")}
	if form, err := c.FormParams(); err == nil {
		f.Choices = form["choice"]
	}
	return f
}

// questionView is what the "questionForm" partial renders for one question.
type questionView struct {
	Page       *Page
	Slug       string
	Q          consult.QuestionBlock
	Ask        string   // the question in the language of the page
	Labels     []string // its options' words in that language; the values stay Q.Options
	Prefix     string   // makes the ids unique on the document page
	Open       bool
	Chosen     map[string]bool
	Text       string
	TextStatus model.CommentStatus
	Answered   bool
	Respondent *model.Respondent // nil: ask "About you"
	About      answerForm        // the About you fields as typed
	Errors     model.FieldErrors
	Saved      bool
	From       string
	SignIn     string
	Self       string // the question's own page
	MaxText    int
	Preview    bool // the editor's preview: the fields as respondents see them, no form
}

// Err is the message for a field's error, or "".
func (v questionView) Err(field string) string {
	if k, ok := v.Errors[field]; ok {
		return v.Page.T(k)
	}
	return ""
}

// PublishOptions are the publication choices, in the order the form offers them.
func (v questionView) PublishOptions() []string { return []string{"name", "anonymous", "no"} }

// newQuestionView fills the view from the person's stored answer.
func newQuestionView(p *Page, slug string, q consult.QuestionBlock, status model.Status, pa *consult.PersonAnswers) questionView {
	v := questionView{Page: p, Slug: slug, Q: q, Ask: q.Text, Labels: q.Options, Open: status == model.StatusOpen,
		Chosen: map[string]bool{}, MaxText: consult.MaxCommentRunes, Self: paragraphURL(slug, q.Key)}
	v.SignIn = "/auth/sign-in?next=" + url.QueryEscape(v.Self)
	if pa != nil {
		v.Respondent = pa.Respondent
		if a, ok := pa.Answers[q.Key]; ok {
			v.Answered, v.Text, v.TextStatus = true, a.Text, a.TextStatus
			for _, ch := range a.ChoiceList() {
				v.Chosen[ch] = true
			}
		}
	}
	return v
}

// askIn shows the question as a translation asks it. The options keep their
// English values, which answers store and count, under the translated words;
// a translation of another shape (never published: the pairing refuses it)
// leaves the English.
func (v *questionView) askIn(asked map[string]document.Question) {
	if t, ok := asked[v.Q.Key]; ok && t.Type == v.Q.Type && len(t.Options) == len(v.Q.Options) {
		v.Ask, v.Labels = t.Text, t.Options
	}
}

// renderQuestion executes the question partial into HTML.
func (s *Server) renderQuestion(v questionView) (string, error) {
	t, ok := s.views.pages["consultations/show"]
	if !ok {
		return "", errors.New("no consultation template")
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "questionForm", v); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// fillQuestions puts each question's answer form in place of its text, for
// the document page (prefix per question) or a question's own page.
func (s *Server) fillQuestions(html string, build func(key string) (questionView, bool)) (template.HTML, error) {
	var failed error
	out := document.ReplaceQuestions(html, func(key string) (string, bool) {
		v, ok := build(key)
		if !ok {
			return "", false
		}
		h, err := s.renderQuestion(v)
		if err != nil {
			failed = err
			return "", false
		}
		return h, true
	})
	// The version's HTML was rendered and sanitised at publication; the forms
	// come from our own templates, which escape every value.
	return template.HTML(out), failed
}

// documentQuestions fills the forms of every question on the document page.
func (s *Server) documentQuestions(c echo.Context, p *Page, con *model.Consultation, status model.Status,
	version *splitVersion, html template.HTML) (template.HTML, error) {
	qs := version.Questions
	if len(qs) == 0 {
		return html, nil
	}
	pa, err := s.Services.Consult.AnswersOf(c.Request().Context(), con, currentUser(c))
	if err != nil {
		return "", err
	}
	saved := c.QueryParam("answered")
	byKey := map[string]consult.QuestionBlock{}
	for _, q := range qs {
		byKey[q.Key] = q
	}
	return s.fillQuestions(string(html), func(key string) (questionView, bool) {
		q, ok := byKey[key]
		if !ok {
			return questionView{}, false
		}
		v := newQuestionView(p, con.Slug, q, status, pa)
		v.askIn(version.Asked)
		v.Prefix, v.From, v.Saved = "q-"+key+"-", "document", saved == key
		return v, true
	})
}

// paragraphQuestion puts the answer form into a question's own page; f and fe
// are what was typed and its errors, when re-rendering a refused answer.
func (s *Server) paragraphQuestion(c echo.Context, page *paragraphPage, f *answerForm, fe model.FieldErrors) error {
	p := page.Paragraph
	if p.Block == nil || p.Block.Kind != document.KindQuestion {
		return nil
	}
	var q *consult.QuestionBlock
	for _, x := range consult.Questions(p.Version) {
		if x.Key == p.Block.Key {
			q = &x
		}
	}
	if q == nil {
		return nil
	}
	pa, err := s.Services.Consult.AnswersOf(c.Request().Context(), p.Consultation, currentUser(c))
	if err != nil {
		return err
	}
	v := newQuestionView(&page.Page, p.Consultation.Slug, *q, s.Services.Consult.Status(p.Consultation), pa)
	if page.DocLang != model.English {
		t, err := s.Services.Consult.TranslationOf(c.Request().Context(), p.Version.ID, page.DocLang)
		if err != nil {
			return err
		}
		v.askIn(consult.TranslatedQuestions(t))
	}
	// The comment form below has fields of the same names: the prefix keeps ids unique.
	v.Prefix = questionPagePrefix
	v.Saved = c.QueryParam("answered") != ""
	if c.QueryParam("about") != "" && v.Respondent != nil {
		v.About = answerForm{RespondingAs: v.Respondent.RespondingAs, Organisation: v.Respondent.Organisation,
			Publish: string(v.Respondent.Publish)}
		v.Respondent = nil // ask again, filled in
	}
	if f != nil {
		v.Text, v.About, v.Errors, v.Chosen = f.Text, *f, fe, map[string]bool{}
		for _, ch := range f.Choices {
			v.Chosen[ch] = true
		}
		if f.Publish != "" || f.RespondingAs != "" {
			v.Respondent = nil
		}
	}
	page.BlockHTML, err = s.fillQuestions(string(page.BlockHTML), func(string) (questionView, bool) { return v, true })
	return err
}

// createAnswer stores an answer; errors re-render the question's page with
// 422 and what was typed. Signed-out visitors are sent to sign in and back.
func (s *Server) createAnswer(c echo.Context) error {
	ctx := c.Request().Context()
	slug, f := c.Param("slug"), readAnswerForm(c)
	if !validKey(f.Question) {
		return model.ErrNotFound
	}
	u := currentUser(c)
	if u == nil {
		return seeOther(c, "/auth/sign-in?next="+url.QueryEscape(paragraphURL(slug, f.Question)))
	}
	lang := s.page(c, "questions.title").Lang
	_, err := s.Services.Consult.SubmitAnswer(ctx, u, c.RealIP(), slug, consult.AnswerInput{
		QuestionKey: f.Question, Choices: f.Choices, Text: f.Text, RespondingAs: f.RespondingAs,
		Organisation: f.Organisation, Publish: f.Publish, Language: lang})
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		if fe["question"] == "questions.error.question" {
			return model.ErrNotFound
		}
		return s.answerErrors(c, slug, f, fe)
	}
	if err != nil {
		return err
	}
	if f.From == "document" {
		return seeOther(c, consultationURL(slug)+"?answered="+url.QueryEscape(f.Question)+"#p-"+f.Question)
	}
	return seeOther(c, paragraphURL(slug, f.Question)+"?answered=1#answer-form")
}

// answerErrors re-renders the question's page with the error summary.
func (s *Server) answerErrors(c echo.Context, slug string, f answerForm, fe model.FieldErrors) error {
	p, err := s.Services.Consult.Paragraph(c.Request().Context(), slug, f.Question, currentUser(c))
	if err != nil {
		return err
	}
	page, err := s.paragraphPage(c, p, commentForm{Paragraph: f.Question})
	if err != nil {
		return err
	}
	if err := s.paragraphQuestion(c, &page, &f, fe); err != nil {
		return err
	}
	summary, order := model.FieldErrors{}, []string{}
	for _, f := range answerFields {
		order = append(order, questionPagePrefix+f)
	}
	for k, v := range fe {
		summary[questionPagePrefix+k] = v
	}
	page.withErrors(summary, order...)
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.views.render(c, http.StatusUnprocessableEntity, "comments/paragraph", page)
}

// questionError turns a malformed question block into the editor's error on
// the Markdown field, naming its line; other errors pass through.
func (s *Server) questionError(p *Page, err error) error {
	var qe *document.QuestionError
	if !errors.As(err, &qe) {
		return err
	}
	p.Errors = append(p.Errors, FieldError{Field: "markdown", Message: p.T("questions.error.markdown."+qe.Reason, qe.Line)})
	return nil
}

// previewQuestions shows the questions of an editor's preview as respondents will see them.
func (s *Server) previewQuestions(p *Page, slug string, doc document.Document, html template.HTML) (template.HTML, error) {
	byKey := map[string]consult.QuestionBlock{}
	for _, b := range doc.Blocks {
		if b.Question != nil {
			byKey[b.Key] = consult.QuestionBlock{Key: b.Key, Number: b.Number, Question: *b.Question}
		}
	}
	if len(byKey) == 0 {
		return html, nil
	}
	return s.fillQuestions(string(html), func(key string) (questionView, bool) {
		q, ok := byKey[key]
		if !ok {
			return questionView{}, false
		}
		v := newQuestionView(p, slug, q, model.StatusDraft, nil)
		v.Prefix, v.Preview = "pv-"+key+"-", true
		return v, true
	})
}
