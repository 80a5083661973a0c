package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// TestBrowserComments comments on one paragraph in place on the document page
// with JavaScript, and on another through its paragraph page without it, and
// checks the form, its error state and /me with axe.
func TestBrowserComments(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
	first, second := f.Blocks[0].Key, f.Blocks[1].Key
	doc := a.URL + "/consultations/" + f.Slug
	b := browser.New(t)
	b.Run(t,
		chromedp.Navigate(a.URL+"/auth/dev?next=/consultations/"+f.Slug),
		chromedp.SendKeys("#name", "Browser Tester"),
		chromedp.SendKeys("#email", "browser@example.org"),
		chromedp.Submit("#name"),
		chromedp.WaitVisible(`a.pc-block__comments`),
	)

	t.Run("in place with JavaScript", func(t *testing.T) {
		region := "#pc-inplace-" + first
		b.Run(t,
			chromedp.Click("#p-"+first+" a.pc-block__comments"),
			chromedp.WaitVisible(region+" textarea"),
		)
		b.CheckAccessibility(t)
		b.Run(t,
			chromedp.Click(region+` button[type="submit"]`),
			chromedp.WaitVisible(region+" .govuk-error-summary"),
		)
		focused := browser.Get(t, b, chromedp.Evaluate[string]("document.activeElement.closest('.govuk-error-summary') ? 'summary' : document.activeElement.tagName"))
		if focused != "summary" {
			t.Errorf("focus after errors is on %q, want the error summary", focused)
		}
		b.CheckAccessibility(t)
		b.Run(t,
			// SetValue rather than typed keys: GOV.UK's error summary takes focus as it
			// starts, and on a loaded machine that can land mid-typing.
			chromedp.SetValue(region+" textarea", "Written in place beside the paragraph"),
		)
		// The radio is checked from script: a pointer click lands by coordinates, and
		// the page can still be scrolling to the error summary at that moment.
		browser.Get(t, b, chromedp.Evaluate[bool]("(document.getElementById('"+first+"-publish').click(), true)"))
		b.Run(t,
			chromedp.Click(region+` button[type="submit"]`),
			chromedp.WaitVisible(region+" .pc-sent"),
		)
		if loc := browser.Get(t, b, chromedp.Location()); loc != doc {
			t.Errorf("left the document page for %q", loc)
		}
		// Read the text from script rather than waiting for the list to be visible:
		// a missing list must fail here, not hang until the browser's timeout.
		shown := browser.Get(t, b, chromedp.Evaluate[string]("(document.querySelector('"+region+"')||{}).textContent||''"))
		if !strings.Contains(shown, "Written in place beside the paragraph") {
			t.Errorf("the new comment is not shown in place: %.600s", strings.Join(strings.Fields(shown), " "))
		}
		waitForComment(t, a, f.ID, "Written in place beside the paragraph")
	})

	t.Run("paragraph page without JavaScript", func(t *testing.T) {
		page := doc + "/paragraphs/" + second
		b.Run(t,
			scripts(false),
			chromedp.Navigate(page),
			chromedp.WaitVisible("#body"),
			chromedp.Click(`form.pc-comment-form button[type="submit"]`),
			chromedp.WaitVisible(".govuk-error-summary"),
		)
		checkWithoutScripts(t, b)
		b.Run(t,
			scripts(false),
			chromedp.SendKeys("#body", "Written on the paragraph page"),
			chromedp.Click("#publish-2"),
			chromedp.Click(`form.pc-comment-form button[type="submit"]`),
			chromedp.WaitVisible(".pc-sent"),
		)
		if loc := browser.Get(t, b, chromedp.Location()); !strings.HasPrefix(loc, page+"?sent=") {
			t.Errorf("after sending, the browser is at %q", loc)
		}
		waitForComment(t, a, f.ID, "Written on the paragraph page")
		checkWithoutScripts(t, b)
	})

	t.Run("my comments", func(t *testing.T) {
		b.Run(t, chromedp.Navigate(a.URL+"/me"), chromedp.WaitVisible(".pc-my-comments"))
		if n := browser.Get(t, b, chromedp.Evaluate[int]("document.querySelectorAll('.pc-my-comment').length")); n != 2 {
			t.Errorf("/me lists %d comments, want 2", n)
		}
		b.CheckAccessibility(t)
	})
}

// waitForComment fails unless a comment with the body is stored soon.
func waitForComment(t *testing.T, a *testutil.TestApp, consultationID int64, body string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		for _, c := range storedComments(t, a, consultationID) {
			if c.Body == body {
				return
			}
		}
	}
	t.Errorf("no comment %q stored", body)
}

// scripts switches the page's JavaScript on or off, as a browser setting would.
func scripts(on bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	})
}

// checkWithoutScripts runs axe on the page as it rendered without JavaScript:
// axe itself needs scripts, so they are switched back on without reloading.
func checkWithoutScripts(t *testing.T, b *browser.Browser) {
	t.Helper()
	b.Run(t, scripts(true))
	b.CheckAccessibility(t)
}
