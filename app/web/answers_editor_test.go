package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

func TestEditorQuestions(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration, Markdown: questionsMarkdown})
		keys := questionKeys(f)
		doc := "/consultations/" + f.Slug
		cl := commenter(t, a, "Ann Answer")
		cl.Get(doc)
		cl.PostForm(doc+"/answers", url.Values{"question": {keys[0]}, "choice": {"Agree"},
			"responding_as": {"individual"}, "publish": {"name"}}).Expect(t, http.StatusSeeOther)

		admin := a.Client(t)
		admin.SignIn("Ada Admin", "admin@example.org", "admin")
		editor := "/admin/consultations/" + f.Slug + "/versions/new"
		admin.Get(editor).Expect(t, http.StatusOK)

		// A malformed block is refused, naming its line, for preview and publish alike.
		bad := "Intro.\n\n```question\nOnly one option?\n- Yes\n```\n"
		for _, action := range []string{"preview", "publish"} {
			r := admin.PostForm(editor, url.Values{"markdown": {bad}, "change_note": {"x"}, "action": {action}}).Expect(t, http.StatusUnprocessableEntity)
			if msg := r.Doc.Find("#markdown-error").Text(); !strings.Contains(msg, "line 3") {
				t.Errorf("%s: error %q", action, msg)
			}
		}

		// The preview shows the questions' inputs, and warns that an answered
		// question's options change.
		changed := strings.Replace(questionsMarkdown, "- Don't know\n", "- Not sure\n", 1)
		r := admin.PostForm(editor, url.Values{"markdown": {changed}, "action": {"preview"}}).Expect(t, http.StatusOK)
		if r.Doc.Find(`.pc-preview input[type="radio"]`).Length() != 3 || r.Doc.Find(".pc-preview form").Length() != 0 {
			t.Errorf("preview inputs: %d radios", r.Doc.Find(`.pc-preview input[type="radio"]`).Length())
		}
		if w := r.Doc.Find(".pc-question-changes").Text(); !strings.Contains(w, "Do you agree with the network?") || !strings.Contains(w, "given: 1.") {
			t.Errorf("warning %q", w)
		}

		// Publishing keeps the question's key and the answer.
		admin.PostForm(editor, url.Values{"markdown": {changed}, "change_note": {"New option"}, "action": {"publish"}}).Expect(t, http.StatusSeeOther)
		r = cl.Get(doc).Expect(t, http.StatusOK)
		if _, ok := r.Doc.Find(`#p-` + keys[0] + ` input[value="Agree"]`).Attr("checked"); !ok {
			t.Error("answer lost with the new version")
		}
		if r.Doc.Find(`#p-`+keys[0]+` input[value="Not sure"]`).Length() != 1 {
			t.Error("new option missing")
		}
	})
}

func TestResultsPublicSetting(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Markdown: questionsMarkdown})
		admin := a.Client(t)
		admin.SignIn("Ada Admin", "admin@example.org", "admin")
		edit := "/admin/consultations/" + f.Slug + "/edit"
		r := admin.Get(edit).Expect(t, http.StatusOK)
		if _, on := r.Doc.Find("#results_public").Attr("checked"); on {
			t.Fatal("results public by default")
		}
		form := url.Values{}
		r.Doc.Find("form input, form textarea").Each(func(_ int, s *goquery.Selection) {
			name, _ := s.Attr("name")
			typ, _ := s.Attr("type")
			if _, checked := s.Attr("checked"); (typ == "radio" || typ == "checkbox") && !checked {
				return
			}
			v, ok := s.Attr("value")
			if !ok {
				v = s.Text()
			}
			form.Set(name, v)
		})
		form.Set("results_public", "yes")
		admin.PostForm(edit, form).Expect(t, http.StatusSeeOther)
		c, _ := a.Store.ConsultationBySlug(t.Context(), f.Slug)
		if !c.ResultsPublic {
			t.Error("setting not saved")
		}
		form.Del("results_public")
		admin.PostForm(edit, form).Expect(t, http.StatusSeeOther)
		if c, _ = a.Store.ConsultationBySlug(t.Context(), f.Slug); c.ResultsPublic {
			t.Error("setting not cleared")
		}
	})
}
