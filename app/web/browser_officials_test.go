package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// TestBrowserOfficials is the officials' journey in headless Chromium, with axe on
// every page: a moderator handles a reported comment and a campaign starting from
// the queue alone, and an admin re-attaches the comments of a rewritten paragraph.
func TestBrowserOfficials(t *testing.T) {
	t.Parallel()
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.NewModerationFixture(t, a.Store, a.Consult, "council", model.PreModeration)
	ann, bo := f.User("Ann", "ann@example.test", model.RoleCitizen), f.User("Bo", "bo@example.test", model.RoleCitizen)
	reported := f.Comment(ann, "The planners are all idiots.", func(c *model.Comment) { c.HeldReason, c.FlagCount = "flagged", 1 })
	if err := a.Store.DB.Create(&model.Flag{CommentID: reported.ID, UserID: bo.ID, Reason: "offensive: It insults the council’s staff."}).Error; err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Cy", "Di", "Ed"} {
		f.Comment(f.User(name, strings.ToLower(name)+"@example.test", model.RoleCitizen), "Stop the cycle lanes now, they will ruin our high street.")
	}
	b := browser.New(t)
	text := func(sel string) string { return squash(browser.Get(t, b, chromedp.Text(chromedp.CSS(sel)))) }
	id := modItoa(reported.ID)

	signIn(t, b, a.URL, "Mo Moderator", "mo@example.test", "moderator")
	b.Run(t, chromedp.Navigate(a.URL+"/admin"), chromedp.Click(chromedp.CSS(`main a[href="/admin/moderation"]`)),
		chromedp.WaitVisible(chromedp.CSS(".pc-queue")))
	b.CheckAccessibility(t)
	if got := text("#comment-" + id + " [data-flag]"); !strings.Contains(got, "It is offensive, abusive or discriminatory") ||
		!strings.Contains(got, "It insults the council’s staff.") {
		t.Errorf("the report reads %q", got)
	}
	// The reported comment: rejected on its own, with its own reason.
	b.Run(t, chromedp.Click(chromedp.CSS("#comment-"+id+" details.govuk-details summary")),
		chromedp.SetValue(chromedp.CSS("#reason_"+id), "offensive"),
		chromedp.Click(chromedp.CSS(`button[name="reject_one"][value="`+id+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(".govuk-notification-banner--success")))
	if got := f.Reload(reported.ID); got.Status != model.CommentRejected || got.ModerationReason != "offensive" {
		t.Errorf("the reported comment is %s (%q)", got.Status, got.ModerationReason)
	}
	// The campaign: one row in the queue, approved whole from its page, then back.
	b.Run(t, chromedp.Click(chromedp.CSS("[data-campaign] a")), chromedp.WaitVisible(chromedp.CSS(".pc-campaign")))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click(chromedp.CSS(".pc-campaign a.govuk-button:not(.govuk-button--warning)")),
		chromedp.WaitVisible(chromedp.CSS(`main form button[type="submit"]`)))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#decided-title")),
		chromedp.Click(chromedp.CSS(".govuk-back-link")), chromedp.WaitVisible(chromedp.CSS("#queue-empty")))
	b.CheckAccessibility(t)
	// "Sign out" looks like the navigation links beside it.
	colours := browser.Get(t, b, chromedp.Evaluate[[]string](`[document.querySelector('.govuk-service-navigation a[href="/me"]'), document.querySelector('form[action="/auth/logout"] button')]
		.map(e => getComputedStyle(e).color + " " + getComputedStyle(e).textDecorationLine + " " + getComputedStyle(e).fontSize)`))
	if len(colours) != 2 || colours[0] != colours[1] {
		t.Errorf("sign out is styled %q", colours)
	}
	signOut(t, b)

	// A new version rewrites the commented paragraph; the admin re-attaches.
	old := f.Paragraph(0)
	kept := f.Comment(ann, "Protected lanes would get my children cycling.", func(c *model.Comment) { c.Status = model.CommentApproved })
	if _, err := a.Consult.PublishVersion(context.Background(), f.Consultation, rewrittenDocument, "Rewrote the lanes", nil); err != nil {
		t.Fatal(err)
	}
	signIn(t, b, a.URL, "Root Admin", "root@example.test", "admin")
	b.Run(t, chromedp.Navigate(a.URL+"/admin/consultations/council"), chromedp.WaitVisible(chromedp.CSS("#reattach-notice")))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click(chromedp.CSS("#reattach-notice a")), chromedp.WaitVisible(chromedp.CSS(`[data-orphan="`+old.Key+`"]`)))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click(chromedp.CSS(`[data-orphan="`+old.Key+`"] button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#reattach-done")))
	b.CheckAccessibility(t)
	moved := f.Reload(kept.ID)
	b.Run(t, chromedp.Navigate(a.URL+"/consultations/council/paragraphs/"+moved.ParagraphKey), chromedp.WaitVisible(chromedp.CSS("#comment-"+modItoa(kept.ID))))
	if got := text("#comment-" + modItoa(kept.ID)); !strings.Contains(got, "get my children cycling") || !strings.Contains(got, old.Text) {
		t.Errorf("the re-attached comment reads %q", got)
	}
	b.CheckAccessibility(t)
}
