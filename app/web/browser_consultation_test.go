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

// demoApp serves the demo consultation with a second version, and returns the
// app and the consultation page's URL.
func demoApp(t *testing.T) (*testutil.TestApp, string) {
	t.Helper()
	a := testutil.NewApp(t, store.SQLite, nil)
	ctx := context.Background()
	if _, err := demo.Seed(ctx, a.Consult); err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(demo.Markdown(), "at least 600 new cycle parking spaces", "at least 800 new cycle parking spaces", 1)
	if _, err := a.Consult.NewVersion(ctx, demo.Slug, edited, "More cycle parking.", nil); err != nil {
		t.Fatal(err)
	}
	return a, a.URL + "/consultations/" + demo.Slug
}

// TestBrowserConsultation reads the demo consultation in Chromium, follows a
// paragraph link and comes back, and checks the page with axe.
func TestBrowserConsultation(t *testing.T) {
	a, page := demoApp(t)
	b := browser.New(t)
	b.Run(t, chromedp.Navigate(page))
	if h1 := browser.Get(t, b, chromedp.Text("h1")); !strings.Contains(h1, "Cycling and Walking") {
		t.Fatalf("h1 = %q", h1)
	}
	b.CheckAccessibility(t)

	href := browser.Get(t, b, chromedp.Evaluate[string](`document.querySelector(".pc-block a.pc-block__comments").getAttribute("href")`))
	key := href[strings.LastIndex(href, "/")+1:]
	// Follow the link as a reader without JavaScript does (with it, the link
	// opens the comments in place), then come back by the page's back link.
	b.Run(t, chromedp.Navigate(a.URL+href), chromedp.WaitReady("h1"))
	if url := browser.Get(t, b, chromedp.Location()); !strings.HasSuffix(url, "/paragraphs/"+key) {
		t.Errorf("followed the link to %s, want the paragraph page of %s", url, key)
	}
	if browser.Get(t, b, chromedp.Text("h1")) == "Page not found" {
		// Without a paragraph page, the block's own anchor must still work.
		b.Run(t, chromedp.Navigate(page+"#p-"+key), chromedp.WaitReady("section#respond"))
	} else {
		b.Run(t, chromedp.Click(".govuk-back-link", chromedp.NodeVisible), chromedp.WaitReady("section#respond"),
			chromedp.WaitReady("#p-"+key))
	}
	if back := browser.Get(t, b, chromedp.Location()); !strings.HasPrefix(back, page) {
		t.Errorf("came back to %s", back)
	}
	b.Run(t, chromedp.Navigate(page), chromedp.Click(`.pc-toc a`, chromedp.NodeVisible))
	if loc := browser.Get(t, b, chromedp.Location()); !strings.Contains(loc, "#") {
		t.Errorf("contents link did not move to a heading: %s", loc)
	}
}

// TestBrowserVersionPages checks the version history, an old version and the
// diff with axe.
func TestBrowserVersionPages(t *testing.T) {
	_, page := demoApp(t)
	b := browser.New(t)
	for _, path := range []string{"/versions", "/versions/1", "/versions/2/changes"} {
		b.Run(t, chromedp.Navigate(page+path), chromedp.WaitReady("h1"))
		b.CheckAccessibility(t)
	}
	if ins := browser.Get(t, b, chromedp.Text("ins")); !strings.Contains(ins, "800") {
		t.Errorf("diff inserts %q", ins)
	}
}

// TestBrowserAdminConsultationPages signs in as an admin and checks the list,
// the details form and the editor with its preview with axe.
func TestBrowserAdminConsultationPages(t *testing.T) {
	a, _ := demoApp(t)
	b := browser.New(t)
	admin := a.URL + "/admin/consultations"
	// The sign-in itself lands on the list: navigating again while its redirect
	// is still under way would abort it.
	b.Run(t,
		chromedp.Navigate(a.URL+"/auth/dev?next=/admin/consultations"),
		chromedp.SendKeys("#name", "Ada Admin"),
		chromedp.SendKeys("#email", "ada@example.org"),
		chromedp.Click("#role-admin"),
		chromedp.Submit("#name"),
		chromedp.WaitReady("table"),
	)
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Navigate(admin+"/"+demo.Slug+"/edit"), chromedp.WaitReady("#title"))
	b.CheckAccessibility(t)
	b.Run(t,
		chromedp.Navigate(admin+"/"+demo.Slug+"/versions/new"), chromedp.WaitReady("#markdown"),
		chromedp.Click(`button[value="preview"]`), chromedp.WaitReady(".pc-preview"),
	)
	if n := browser.Get(t, b, chromedp.Evaluate[int](`document.querySelectorAll(".pc-preview .pc-block").length`)); n < 40 {
		t.Errorf("preview shows %d blocks", n)
	}
	b.CheckAccessibility(t)
}
