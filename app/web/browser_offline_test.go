package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// TestBrowserOfflineResponseAndOutcome: an admin enters a letter that came
// after the closing date and publishes an outcome that links to the letter's
// paragraph; a citizen then reads both on that paragraph's page, under "Our
// response". axe checks every new page on the way.
func TestBrowserOfflineResponseAndOutcome(t *testing.T) {
	t.Parallel()
	a := testutil.NewApp(t, store.SQLite, nil)
	now := time.Now().UTC()
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "letters", Title: "Trees on every street",
		Moderation: model.PostModeration, Opens: now.Add(-72 * time.Hour), Closes: now.Add(-time.Hour)})
	key := f.Blocks[1].Key
	b := browser.New(t)
	text := func(sel string) string { return strings.TrimSpace(browser.Get(t, b, chromedp.Text(chromedp.CSS(sel)))) }

	signIn(t, b, a.URL, "Alex Admin", "alex@example.test", "admin")
	b.Run(t, chromedp.Navigate(a.URL+"/admin"),
		chromedp.Click(chromedp.CSS(`a[href="/admin/consultations/letters/responses"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a.govuk-button[href$="/responses/new"]`)),
		chromedp.Click(chromedp.CSS(`a.govuk-button[href$="/responses/new"]`)),
		chromedp.WaitVisible(chromedp.CSS("#paragraph")))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.SendKeys(chromedp.CSS("#paragraph"), "2"),
		chromedp.Submit(chromedp.CSS("#paragraph")), chromedp.WaitVisible(chromedp.CSS("#name")))
	// Sent empty first: the error summary and messages must pass axe too.
	b.Run(t, chromedp.Submit(chromedp.CSS("#name")), chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.SendKeys(chromedp.CSS("#name"), "Gwen Letter"),
		chromedp.SendKeys(chromedp.CSS("#contact"), "3 Heol y Coed"),
		chromedp.Click(chromedp.CSS(`#channel-post`)),
		chromedp.SendKeys(chromedp.CSS("#received"), strconv.Itoa(now.Day())),
		chromedp.SendKeys(chromedp.CSS("#received-month"), strconv.Itoa(int(now.Month()))),
		chromedp.SendKeys(chromedp.CSS("#received-year"), strconv.Itoa(now.Year())),
		chromedp.SendKeys(chromedp.CSS("#body"), "Please plant oaks, not planes."),
		chromedp.Click(chromedp.CSS("#publish")),
		chromedp.Submit(chromedp.CSS("#body")),
		chromedp.WaitVisible(chromedp.CSS("#entered-title")))
	if got := text("tr[data-offline]"); !strings.Contains(got, "Gwen Letter") || !strings.Contains(got, "By post") {
		t.Errorf("list row = %q", got)
	}
	b.CheckAccessibility(t)

	outcome := "## Street trees\n\nYou asked for oaks on [paragraph 2](/consultations/letters/paragraphs/" + key +
		"): we will plant oaks.\n\n## Everything else\n\nNo change.\n"
	b.Run(t, chromedp.Navigate(a.URL+"/admin/consultations/letters/outcome"), chromedp.WaitVisible(chromedp.CSS("#outcome")),
		chromedp.SendKeys(chromedp.CSS("#outcome"), outcome),
		chromedp.Click(chromedp.CSS(`button[value="preview"]`)),
		chromedp.WaitVisible(chromedp.CSS("#preview-heading")))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click(chromedp.CSS(`button[value="publish"]`)),
		chromedp.WaitVisible(chromedp.CSS("#done-title")))
	signOut(t, b)

	signIn(t, b, a.URL, "Cai Citizen", "cai@example.test", "citizen")
	b.Run(t, chromedp.Navigate(a.URL+"/consultations/letters/paragraphs/"+key),
		chromedp.WaitVisible(chromedp.CSS("#our-response-heading")))
	if got := text(".pc-our-response"); !strings.Contains(got, "we will plant oaks") || strings.Contains(got, "No change") {
		t.Errorf("Our response = %q", got)
	}
	if got := text("#pc-comments"); !strings.Contains(got, "Please plant oaks, not planes.") || strings.Contains(got, "Heol y Coed") {
		t.Errorf("comments = %q", got)
	}
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Navigate(a.URL+"/consultations/letters"), chromedp.WaitVisible(chromedp.CSS("#outcome-heading")))
	b.CheckAccessibility(t)
}
