package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pilcrow/app/demo"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// TestBrowserWelsh switches the demo consultation to Welsh with the header's
// language switcher, signs in and comments on a paragraph in Welsh, and checks
// each Welsh page with axe.
func TestBrowserWelsh(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, bilingual)
	ctx := context.Background()
	if _, err := demo.Seed(ctx, a.Consult); err != nil {
		t.Fatal(err)
	}
	c, err := a.Store.ConsultationBySlug(ctx, demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	page := a.URL + "/consultations/" + demo.Slug
	b := browser.New(t)
	b.Run(t,
		chromedp.Navigate(page),
		chromedp.WaitVisible(`nav.govuk-language-navigation a[hreflang="cy"]`),
		chromedp.Click(`nav.govuk-language-navigation a[hreflang="cy"]`),
		chromedp.WaitVisible(`nav.govuk-language-navigation a[hreflang="en"]`),
	)
	if lang := browser.Get(t, b, chromedp.Evaluate[string]("document.documentElement.lang")); lang != "cy" {
		t.Fatalf("after the switcher, <html lang=%q>", lang)
	}
	if h1 := browser.Get(t, b, chromedp.Text("h1")); !strings.Contains(h1, "Cynllun Drafft") {
		t.Errorf("Welsh h1 = %q", h1)
	}
	b.CheckAccessibility(t)

	href := browser.Get(t, b, chromedp.Evaluate[string](`document.querySelector(".pc-block a.pc-block__comments").getAttribute("href")`))
	b.Run(t,
		chromedp.Navigate(a.URL+"/auth/dev?next="+href),
		chromedp.WaitVisible("#name"),
	)
	b.CheckAccessibility(t)
	b.Run(t,
		chromedp.SendKeys("#name", "Gwenllian"),
		chromedp.SendKeys("#email", "gwenllian@example.org"),
		chromedp.Submit("#name"),
		chromedp.WaitVisible("#paragraph"),
	)
	if lang := browser.Get(t, b, chromedp.Evaluate[string]("document.documentElement.lang")); lang != "cy" {
		t.Errorf("after sign-in, <html lang=%q>", lang)
	}
	b.CheckAccessibility(t)
	b.Run(t, chromedp.SetValue("#body", "Rwy’n cefnogi’r cynllun hwn yn llwyr."))
	browser.Get(t, b, chromedp.Evaluate[bool]("(document.getElementById('publish').click(), true)"))
	b.Run(t,
		chromedp.Click(`form.pc-comment-form button[type="submit"]`),
		chromedp.WaitVisible(".pc-sent"),
	)
	b.CheckAccessibility(t)
	waitForComment(t, a, c.ID, "Rwy’n cefnogi’r cynllun hwn yn llwyr.")
	for _, cm := range storedComments(t, a, c.ID) {
		if strings.HasPrefix(cm.Body, "Rwy’n cefnogi") && cm.Language != "cy" {
			t.Errorf("the comment was stored as written in %q", cm.Language)
		}
	}
}
