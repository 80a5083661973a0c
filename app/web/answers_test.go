package web_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// questionsMarkdown has one question of each type between paragraphs.
const questionsMarkdown = "# Plan\n\nWe propose a cycle network.\n\n" +
	"```question\nDo you agree with the network?\n- Agree\n- Disagree\n- Don't know\n```\n\n" +
	"```question\nWhich routes would you use?\ntype: many\n- North\n- South\n- =SUM(A1)\nexplain: no\n```\n\n" +
	"```question\nWhat else should we know?\n```\n\nThank you.\n"

// questionKeys returns the keys of the fixture's question blocks, in order.
func questionKeys(f *testutil.ConsultationFixture) []string {
	var out []string
	for _, b := range f.Blocks {
		if b.Kind == "question" {
			out = append(out, b.Key)
		}
	}
	return out
}

func TestAnswerJourney(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration, Markdown: questionsMarkdown})
		keys := questionKeys(f)
		if len(keys) != 3 {
			t.Fatalf("question blocks %+v", f.Blocks)
		}
		doc := "/consultations/" + f.Slug

		// Signed out: the questions render with their inputs and ask to sign in.
		anon := a.Client(t)
		r := anon.Get(doc).Expect(t, http.StatusOK)
		for i, want := range []string{"one", "many", "text"} {
			sel := r.Doc.Find("#p-" + keys[i])
			if got, _ := sel.Attr("data-question"); got != want {
				t.Errorf("question %d: data-question %q, want %q", i, got, want)
			}
			if _, ok := sel.Attr("data-paragraph-number"); !ok {
				t.Errorf("question %d has no paragraph number", i)
			}
		}
		if r.Doc.Find(`#p-`+keys[0]+` input[type="radio"][name="choice"]`).Length() != 3 ||
			r.Doc.Find(`#p-`+keys[1]+` input[type="checkbox"][name="choice"]`).Length() != 3 ||
			r.Doc.Find(`#p-`+keys[2]+` textarea[name="text"]`).Length() != 1 {
			t.Errorf("question inputs missing: %s", r.Doc.Find(".pc-document").Text())
		}
		if r.Doc.Find(`form[method="post"].pc-answer-form`).Length() != 0 {
			t.Error("signed-out visitor gets a posting form")
		}

		cl := commenter(t, a, "Ann Answer")
		r = cl.Get(doc).Expect(t, http.StatusOK)
		if r.Doc.Find(`#p-`+keys[0]+` form.pc-answer-form input[name="publish"]`).Length() != 3 {
			t.Error("first answer does not ask About you")
		}
		// A first answer without About you is refused with the error on the question's page.
		r = cl.PostForm(doc+"/answers", url.Values{"question": {keys[0]}, "choice": {"Agree"}}).Expect(t, http.StatusUnprocessableEntity)
		if r.Doc.Find(".govuk-error-summary").Length() != 1 || r.Doc.Find("#answer-publish-error").Length() != 1 ||
			r.Doc.Find("#publish-error").Length() != 0 {
			t.Errorf("no error for About you: %s", testutil.Text(r))
		}
		if _, checked := r.Doc.Find(`input[name="choice"][value="Agree"]`).Attr("checked"); !checked {
			t.Error("choice not kept on error")
		}
		r = cl.PostForm(doc+"/answers", url.Values{"question": {keys[0]}, "choice": {"Agree"}, "text": {"=cmd|' /C calc'!A0"},
			"responding_as": {"organisation"}, "organisation": {"Cycle Club"}, "publish": {"anonymous"}, "from": {"document"}}).Expect(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != doc+"?answered="+keys[0]+"#p-"+keys[0] {
			t.Errorf("redirect %q", loc)
		}
		r = cl.Follow(r)
		if r.Doc.Find(".pc-answer-saved").Length() != 1 {
			t.Error("no confirmation after answering")
		}
		if _, c := r.Doc.Find(`#p-` + keys[0] + ` input[value="Agree"]`).Attr("checked"); !c {
			t.Error("answer not shown as chosen")
		}
		if r.Doc.Find(`#p-`+keys[1]+` input[name="publish"]`).Length() != 0 {
			t.Error("About you asked again after the first answer")
		}
		// Later answers omit About you; the many-choice one from the question's own page.
		r = cl.PostForm(doc+"/answers", url.Values{"question": {keys[1]}, "choice": {"North", "=SUM(A1)"}}).Expect(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != doc+"/paragraphs/"+keys[1]+"?answered=1#answer-form" {
			t.Errorf("redirect %q", loc)
		}
		cl.PostForm(doc+"/answers", url.Values{"question": {keys[2]}, "text": {"More trees."}}).Expect(t, http.StatusSeeOther)
		// Changing an answer replaces it.
		cl.PostForm(doc+"/answers", url.Values{"question": {keys[0]}, "choice": {"Disagree"}, "text": {"=cmd|' /C calc'!A0"}}).Expect(t, http.StatusSeeOther)

		// The question's own page holds the form and the comments on the question:
		// the published text of the answer is one of them, without the name.
		r = anon.Get(doc+"/paragraphs/"+keys[2]).Expect(t, http.StatusOK)
		if !strings.Contains(testutil.Text(r), "More trees.") || strings.Contains(testutil.Text(r), "Ann Answer") {
			t.Errorf("question page: %s", testutil.Text(r))
		}

		// Your response: a check-your-answers list with a reference number.
		r = cl.Get(doc+"/response").Expect(t, http.StatusOK)
		ref := strings.TrimSpace(r.Doc.Find("#reference").Text())
		if !strings.HasPrefix(ref, "PC") {
			t.Errorf("reference %q", ref)
		}
		rows := r.Doc.Find("#answers .govuk-summary-list__row")
		if rows.Length() != 3 || !strings.Contains(rows.Eq(0).Text(), "Disagree") || !strings.Contains(rows.Eq(1).Text(), "North; =SUM(A1)") ||
			!strings.Contains(rows.Eq(2).Text(), "More trees.") {
			t.Errorf("answers list: %s", rows.Text())
		}
		anon.Get("/consultations/"+f.Slug+"/response").Expect(t, http.StatusSeeOther)

		// One answer per person per question.
		var n int64
		a.Store.DB.Model(&model.Answer{}).Where("consultation_id = ?", f.ID).Count(&n)
		if n != 3 {
			t.Errorf("%d answers stored, want 3", n)
		}

		// A second person answers only the text question.
		other := commenter(t, a, "Bob Brief")
		other.Get(doc)
		other.PostForm(doc+"/answers", url.Values{"question": {keys[2]}, "text": {"Nothing."},
			"responding_as": {"individual"}, "publish": {"no"}}).Expect(t, http.StatusSeeOther)

		// Results: hidden from the public while open, shown to analysts.
		anon.Get(doc+"/results").Expect(t, http.StatusNotFound)
		analyst := a.Client(t)
		analyst.SignIn("Ana Lyst", "ana@example.org", "analyst")
		r = analyst.Get(doc+"/results").Expect(t, http.StatusOK)
		if r.Doc.Find("svg.pilcrow-chart").Length() != 2 || r.Doc.Find("table.govuk-table").Length() != 2 {
			t.Errorf("results page: %d charts", r.Doc.Find("svg.pilcrow-chart").Length())
		}
		if !strings.Contains(r.Doc.Find("#result-"+keys[0]).Text(), "100.0%") {
			t.Errorf("results: %s", r.Doc.Find("#result-"+keys[0]).Text())
		}

		// The written answers of a question, with filters, for analysts only.
		texts := "/admin/consultations/" + f.Slug + "/questions/" + keys[2] + "/answers"
		cl.Get(texts).Expect(t, http.StatusForbidden)
		if r = analyst.Get(texts).Expect(t, http.StatusOK); r.Doc.Find("#texts tbody tr").Length() != 2 {
			t.Errorf("texts: %s", r.Doc.Find("#texts-count").Text())
		}
		if r = analyst.Get(texts+"?publish=no&responding_as=individual").Expect(t, http.StatusOK); r.Doc.Find("#texts tbody tr").Length() != 1 ||
			!strings.Contains(r.Doc.Find("#texts").Text(), "Nothing.") {
			t.Errorf("filtered texts: %s", r.Doc.Find("#texts").Text())
		}
		analyst.Get("/admin/consultations/"+f.Slug+"/questions/zzzzzzzz/answers").Expect(t, http.StatusNotFound)

		// answers.csv: analysts only; one row per respondent.
		cl.Get("/admin/consultations/"+f.Slug+"/answers.csv").Expect(t, http.StatusForbidden)
		r = analyst.Get("/admin/consultations/"+f.Slug+"/answers.csv").Expect(t, http.StatusOK)
		checkAnswersCSV(t, r, f.Slug, keys)
	})
}

func checkAnswersCSV(t *testing.T, r *testutil.Response, slug string, keys []string) {
	t.Helper()
	if !strings.HasPrefix(r.Body, "\ufeff") || !strings.Contains(r.Body, "\r\n") {
		t.Error("no BOM or CRLF")
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, slug+"-answers-") {
		t.Errorf("filename %q", cd)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := "consultation,respondent,author,responding_as,organisation,publish,channel,language,first_answered_at,last_answered_at," +
		"Q1 " + keys[0] + ",Q1 " + keys[0] + " text,Q2 " + keys[1] + ",Q2 " + keys[1] + " text,Q3 " + keys[2] + ",Q3 " + keys[2] + " text"
	if got := strings.Join(recs[0], ","); got != want {
		t.Fatalf("header\n got %s\nwant %s", got, want)
	}
	if len(recs) != 3 {
		t.Fatalf("%d rows, want a header and 2 respondents", len(recs))
	}
	byAuthor := map[string][]string{}
	for _, rec := range recs[1:] {
		byAuthor[rec[2]] = rec
	}
	ann, bob := byAuthor["Ann Answer"], byAuthor["Bob Brief"]
	if ann == nil || bob == nil {
		t.Fatalf("rows %q", recs)
	}
	if ann[3] != "organisation" || ann[4] != "Cycle Club" || ann[5] != "anonymous" || ann[6] != "online" || ann[7] != "en" {
		t.Errorf("Ann's details %q", ann[:10])
	}
	if _, err := time.Parse(time.RFC3339, ann[8]); err != nil {
		t.Errorf("first_answered_at %q", ann[8])
	}
	if ann[10] != "Disagree" || ann[11] != "'=cmd|' /C calc'!A0" || ann[12] != "North; '=SUM(A1)" && ann[12] != "'North; =SUM(A1)" && ann[12] != "North; =SUM(A1)" {
		t.Errorf("Ann's answers %q", ann[10:])
	}
	if ann[14] != "" || ann[15] != "More trees." {
		t.Errorf("Ann's text answer %q", ann[14:])
	}
	if bob[10] != "" || bob[11] != "" || bob[12] != "" || bob[15] != "Nothing." || bob[5] != "no" {
		t.Errorf("Bob answered only Q3: %q", bob)
	}
}

// TestAnswerConsentAndResultsVisibility walks the public surfaces: an answer's
// text appears only as its publish choice allows, choices never one by one,
// and the results are public only after the close with the setting on.
func TestAnswerConsentAndResultsVisibility(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration, Markdown: questionsMarkdown})
		keys := questionKeys(f)
		doc := "/consultations/" + f.Slug
		for _, p := range []struct{ name, publish, text string }{
			{"Nia Named", "name", "Named reason."}, {"Aled Anon", "anonymous", "Anonymous reason."}, {"Pat Private", "no", "Private reason."},
		} {
			cl := commenter(t, a, p.name)
			cl.Get(doc)
			cl.PostForm(doc+"/answers", url.Values{"question": {keys[0]}, "choice": {"Agree"}, "text": {p.text},
				"responding_as": {"individual"}, "publish": {p.publish}}).Expect(t, http.StatusSeeOther)
			if r := cl.Get("/me").Expect(t, http.StatusOK); r.Doc.Find(`a[href="`+doc+`/response"]`).Length() != 1 {
				t.Errorf("%s: /me has no link to the response", p.name)
			}
		}
		anon := a.Client(t)
		for _, path := range []string{doc, doc + "/paragraphs/" + keys[0], doc + "/comments.json", doc + "/comments.atom", doc + "/paragraphs/" + keys[0] + "/comments.atom"} {
			body := anon.Get(path).Expect(t, http.StatusOK).Body
			if strings.Contains(body, "Private reason.") || strings.Contains(body, "Pat Private") || strings.Contains(body, "Aled Anon") {
				t.Errorf("%s shows what its author did not allow", path)
			}
			if path != doc && (!strings.Contains(body, "Anonymous reason.") || !strings.Contains(body, "Nia Named")) {
				t.Errorf("%s lacks the published texts", path)
			}
		}

		anon.Get(doc+"/results").Expect(t, http.StatusNotFound)
		// Closed, but the setting is off: still not public.
		closed := time.Now().UTC().Add(-time.Minute)
		f.ClosesAt = &closed
		if err := a.Store.SaveConsultation(t.Context(), f.Consultation); err != nil {
			t.Fatal(err)
		}
		anon.Get(doc+"/results").Expect(t, http.StatusNotFound)
		f.ResultsPublic = true
		if err := a.Store.SaveConsultation(t.Context(), f.Consultation); err != nil {
			t.Fatal(err)
		}
		r := anon.Get(doc+"/results").Expect(t, http.StatusOK)
		if !strings.Contains(r.Doc.Find("#result-"+keys[0]).Text(), "3 answers") {
			t.Errorf("public results: %s", testutil.Text(r))
		}
		if d := anon.Get(doc).Expect(t, http.StatusOK); d.Doc.Find(`a[href="`+doc+`/results"]`).Length() != 1 ||
			d.Doc.Find(`form[method="post"].pc-answer-form`).Length() != 0 {
			t.Error("closed document: no results link, or still an answer form")
		}
		// A closed consultation refuses answers.
		cl := commenter(t, a, "Late Larry")
		cl.Get(doc)
		r = cl.PostForm(doc+"/answers", url.Values{"question": {keys[0]}, "choice": {"Agree"},
			"responding_as": {"individual"}, "publish": {"no"}}).Expect(t, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Doc.Find(".govuk-error-summary").Text(), "closed") {
			t.Errorf("closed: %s", r.Doc.Find(".govuk-error-summary").Text())
		}
	})
}
