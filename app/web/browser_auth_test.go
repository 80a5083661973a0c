package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// TestBrowserSignInAndOut signs in through the development sign-in and out again
// in headless Chromium, checking the sign-in, development sign-in and account
// pages (and the dev sign-in's error summary) with axe on the way.
func TestBrowserSignInAndOut(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	b := browser.New(t)
	text := func(sel string) string { return strings.TrimSpace(browser.Get(t, b, chromedp.Text(chromedp.CSS(sel)))) }

	b.Run(t, chromedp.Navigate(a.URL+"/auth/sign-in?next=/account"))
	if h1 := text("h1"); h1 != "Sign in" {
		t.Fatalf("h1 = %q", h1)
	}
	b.CheckAccessibility(t)

	b.Run(t, chromedp.Click(chromedp.CSS(`a[href^="/auth/dev"]`)), chromedp.WaitVisible(chromedp.CSS("form #name")))
	b.CheckAccessibility(t)

	// Nothing filled in: the error summary must be accessible too.
	b.Run(t, chromedp.Click(chromedp.CSS(`form button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	b.CheckAccessibility(t)

	b.Run(t,
		chromedp.SendKeys(chromedp.CSS("#name"), "Grace Hopper"),
		chromedp.SendKeys(chromedp.CSS("#email"), "grace@example.com"),
		chromedp.Click(chromedp.CSS(`#role-moderator`)),
		chromedp.Click(chromedp.CSS(`form[action="/auth/dev"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/auth/logout"]`)),
	)
	if loc := browser.Get(t, b, chromedp.Location()); !strings.HasSuffix(loc, "/account") {
		t.Errorf("after sign-in the browser is on %s, want the page it came from", loc)
	}
	if body := text("main"); !strings.Contains(body, "Moderator") || !strings.Contains(body, "grace@example.com") {
		t.Errorf("account page: %q", body)
	}
	b.CheckAccessibility(t)

	// Signed out, the header offers to sign in again.
	b.Run(t, chromedp.Click(chromedp.CSS(`form[action="/auth/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.govuk-service-navigation a[href^="/auth/sign-in"]`)))
	b.Run(t, chromedp.Navigate(a.URL+"/account"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if h1 := text("h1"); h1 != "Sign in" {
		t.Errorf("after signing out /account shows %q, want the sign-in page", h1)
	}
}
