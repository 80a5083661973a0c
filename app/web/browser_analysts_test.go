package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// TestBrowserAnalysts: an analyst adds a theme, searches, tags two comments from
// the results, and sees the theme counted on the analysis page; axe finds
// nothing wrong on the themes, search, comment, suggestions, discovery and
// analysis pages.
func TestBrowserAnalysts(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.NewModerationFixture(t, a.Store, a.Consult, "walking", model.PostModeration)
	ann := f.User("Siân Ŵyn", "sian@example.test", model.RoleCitizen)
	lanes := f.Comment(ann, "Protected cycle lanes on every main road, please.")
	lanes2 := f.Comment(ann, "Cycle lanes near the school would let my children ride.")
	f.Comment(ann, "Ban pavement parking.")
	base := a.URL + "/admin/consultations/walking"
	b := browser.New(t)

	b.Run(t,
		chromedp.Navigate(a.URL+"/auth/dev?next=/admin"),
		chromedp.SendKeys(chromedp.CSS("#name"), "Ana Analyst"),
		chromedp.SendKeys(chromedp.CSS("#email"), "ana@example.org"),
		chromedp.Click(chromedp.CSS(`#role-analyst`)),
		chromedp.Click(chromedp.CSS(`form[action="/auth/dev"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`main a[href="/admin/consultations/walking/search"]`)),
		chromedp.Navigate(base+"/themes"),
		chromedp.WaitVisible(chromedp.CSS("#name")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Cycling"),
		chromedp.SendKeys(chromedp.CSS("#description"), "Cycle lanes, parking and routes."),
		chromedp.Click(chromedp.CSS(`form[action$="/themes"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#frame tr[data-theme="Cycling"]`)),
	)
	b.CheckAccessibility(t)

	b.Run(t,
		chromedp.Navigate(base+"/search"),
		chromedp.WaitVisible(chromedp.CSS("#f-q")),
		chromedp.SendKeys(chromedp.CSS("#f-q"), "cycle lanes"),
		chromedp.Click(chromedp.CSS(`form[role="search"] button[type="submit"]`)),
		// The form page may already list comments: wait for the results page, whose
		// search box carries the words as its value attribute.
		chromedp.WaitVisible(chromedp.CSS(`#f-q[value="cycle lanes"]`)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#comment-%d", lanes.ID))),
	)
	b.CheckAccessibility(t)
	browser.Get(t, b, chromedp.Evaluate[bool](fmt.Sprintf(`(document.getElementById("select-%d").checked = true, document.getElementById("select-%d").checked = true)`, lanes.ID, lanes2.ID)))
	b.Run(t,
		chromedp.SetValue(chromedp.CSS("#theme"), "Cycling"),
		chromedp.Click(chromedp.CSS(`form[action$="/search/tag"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#tagged")),
	)
	if n := browser.Get(t, b, chromedp.Evaluate[int](`document.querySelectorAll('[data-theme="Cycling"]').length`)); n != 2 {
		t.Errorf("%d results show the theme after tagging, want 2", n)
	}
	b.CheckAccessibility(t)

	for _, page := range []string{fmt.Sprintf("%s/admin/comments/%d", a.URL, lanes.ID), base + "/suggestions", base + "/discover"} {
		b.Run(t, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("h1")))
		b.CheckAccessibility(t)
	}

	b.Run(t, chromedp.Navigate(base+"/analysis"), chromedp.WaitVisible(chromedp.CSS("#theme-counts")))
	got := browser.Get(t, b, chromedp.Text(chromedp.CSS(`#theme-counts tr[data-theme="Cycling"] [data-count="total"]`)))
	if strings.TrimSpace(got) != "2" {
		t.Errorf("analysis page counts %q comments for Cycling, want 2", got)
	}
	b.CheckAccessibility(t)
}
