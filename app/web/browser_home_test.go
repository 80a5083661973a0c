package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// TestBrowserHomePage loads the home page in headless Chromium with its real CSS
// and JavaScript, and fails on any WCAG 2.2 A or AA violation axe finds.
func TestBrowserHomePage(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	b := browser.New(t)
	b.Run(t, chromedp.Navigate(a.URL+"/"))
	if h1 := browser.Get(t, b, chromedp.Text("h1")); h1 != "Consultations" {
		t.Errorf("h1 = %q", h1)
	}
	// GOV.UK Frontend's JavaScript ran: enable.js marked the body.
	classes := browser.Get(t, b, chromedp.Evaluate[string]("document.body.className"))
	if !containsWord(classes, "govuk-frontend-supported") {
		t.Errorf("body classes = %q", classes)
	}
	b.CheckAccessibility(t)
}

func containsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w && (i == 0 || s[i-1] == ' ') && (i+len(w) == len(s) || s[i+len(w)] == ' ') {
			return true
		}
	}
	return false
}
