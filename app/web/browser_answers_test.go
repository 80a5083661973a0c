package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// TestBrowserAnswers answers the three kinds of question on their own pages
// without JavaScript, changes every answer in place on the document page with
// it, reads "Your response", and runs axe on the question, answer and results pages.
func TestBrowserAnswers(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration, Markdown: questionsMarkdown})
	keys := questionKeys(f)
	doc := a.URL + "/consultations/" + f.Slug
	b := browser.New(t)
	b.Run(t,
		chromedp.Navigate(a.URL+"/auth/dev?next=/consultations/"+f.Slug),
		chromedp.SendKeys("#name", "Browser Answerer"),
		chromedp.SendKeys("#email", "answerer@example.org"),
		chromedp.Submit("#name"),
		chromedp.WaitVisible("#p-"+keys[0]+" form.pc-answer-form"),
	)
	b.CheckAccessibility(t) // the document page with its three question forms

	t.Run("without JavaScript", func(t *testing.T) {
		page := func(i int) string { return doc + "/paragraphs/" + keys[i] }
		b.Run(t,
			scripts(false),
			chromedp.Navigate(page(0)),
			chromedp.WaitVisible("#answer-choice"),
			chromedp.Click(`#answer-form button[type="submit"]`),
			chromedp.WaitVisible(".govuk-error-summary"),
		)
		checkWithoutScripts(t, b) // the answer page with its errors
		b.Run(t,
			scripts(false),
			chromedp.Click("#answer-choice"),
			chromedp.SetValue("#answer-text", "Safer for everyone."),
			chromedp.Click("#answer-publish-2"),
			chromedp.Click(`#answer-form button[type="submit"]`),
			chromedp.WaitVisible(".pc-answer-saved"),
		)
		checkWithoutScripts(t, b)
		b.Run(t,
			scripts(false),
			chromedp.Navigate(page(1)),
			chromedp.WaitVisible("#answer-choice"),
			chromedp.Click("#answer-choice"),
			chromedp.Click("#answer-choice-2"),
			chromedp.Click(`#answer-form button[type="submit"]`),
			chromedp.WaitVisible(".pc-answer-saved"),
			chromedp.Navigate(page(2)),
			chromedp.WaitVisible("#answer-text"),
			chromedp.SetValue("#answer-text", "Plant more trees."),
			chromedp.Click(`#answer-form button[type="submit"]`),
			chromedp.WaitVisible(".pc-answer-saved"),
		)
		wantAnswers(t, a, f.ID, map[string]string{keys[0]: "Agree", keys[1]: "North\nSouth", keys[2]: ""})
	})

	t.Run("in place with JavaScript", func(t *testing.T) {
		b.Run(t, scripts(true), chromedp.Navigate(doc), chromedp.WaitVisible("#q-"+keys[0]+"-form"))
		click := func(id string) {
			browser.Get(t, b, chromedp.Evaluate[bool]("(document.getElementById('"+id+"').click(), true)"))
		}
		send := func(i int, wait string) {
			t.Helper()
			click("q-" + keys[i] + "-form-submit")
			b.Run(t, chromedp.WaitVisible("#q-"+keys[i]+"-form "+wait))
		}
		// The submit buttons have no id: give each one, from script, to click it.
		browser.Get(t, b, chromedp.Evaluate[bool](`(document.querySelectorAll(".pc-question").forEach(q => { const b = q.querySelector('button[type="submit"]'); if (b) b.id = q.id + "-submit"; }), true)`))
		// An empty text answer is refused in place.
		setText := func(id, v string) {
			browser.Get(t, b, chromedp.Evaluate[bool]("(document.getElementById('"+id+"').value = "+strconv.Quote(v)+", true)"))
		}
		setText("q-"+keys[2]+"-text", "")
		send(2, ".govuk-form-group--error")
		b.CheckAccessibility(t)
		browser.Get(t, b, chromedp.Evaluate[bool](`(document.querySelectorAll(".pc-question").forEach(q => { const b = q.querySelector('button[type="submit"]'); if (b) b.id = q.id + "-submit"; }), true)`))
		setText("q-"+keys[2]+"-text", "Plant more trees, please.")
		send(2, ".pc-answer-saved")
		click("q-" + keys[0] + "-choice-2")
		send(0, ".pc-answer-saved")
		click("q-" + keys[1] + "-choice-3")
		send(1, ".pc-answer-saved")
		if loc := browser.Get(t, b, chromedp.Location()); loc != doc {
			t.Errorf("left the document page for %q", loc)
		}
		b.CheckAccessibility(t)
		wantAnswers(t, a, f.ID, map[string]string{keys[0]: "Disagree", keys[1]: "North\nSouth\n=SUM(A1)", keys[2]: ""})
	})

	t.Run("check your answers", func(t *testing.T) {
		b.Run(t, chromedp.Navigate(doc+"/response"), chromedp.WaitVisible("#reference"))
		text := browser.Get(t, b, chromedp.Evaluate[string]("document.querySelector('#answers').textContent"))
		for _, want := range []string{"Disagree", "North; South; =SUM(A1)", "Plant more trees, please.", "Safer for everyone."} {
			if !strings.Contains(text, want) {
				t.Errorf("check your answers lacks %q: %s", want, strings.Join(strings.Fields(text), " "))
			}
		}
		b.CheckAccessibility(t)
	})

	t.Run("results", func(t *testing.T) {
		var u model.User
		if err := a.Store.DB.Where("email = ?", "answerer@example.org").Take(&u).Error; err != nil {
			t.Fatal(err)
		}
		if err := a.Store.SetRole(context.Background(), u.ID, model.RoleAnalyst); err != nil {
			t.Fatal(err)
		}
		b.Run(t, chromedp.Navigate(doc+"/results"), chromedp.WaitVisible("svg.pilcrow-chart"))
		b.CheckAccessibility(t)
		b.Run(t, chromedp.Navigate(a.URL+"/admin/consultations/"+f.Slug+"/questions/"+keys[0]+"/answers"), chromedp.WaitVisible("#texts"))
		b.CheckAccessibility(t)
	})
}

// wantAnswers fails unless the stored choices are as given, by question key.
func wantAnswers(t *testing.T, a *testutil.TestApp, consultationID int64, want map[string]string) {
	t.Helper()
	var as []model.Answer
	a.Store.DB.Where("consultation_id = ?", consultationID).Find(&as)
	got := map[string]string{}
	for _, x := range as {
		got[x.QuestionKey] = x.Choices
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("answer to %s is %q, want %q", k, got[k], v)
		}
	}
}
