package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// TestBrowserModeration is the moderation journey in headless Chromium: a citizen
// comments on a pre-moderated consultation, a moderator approves it from the
// queue and it is published; a second comment is rejected and the citizen reads
// the reason on /me.
func TestBrowserModeration(t *testing.T) {
	t.Parallel()
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.NewModerationFixture(t, a.Store, a.Consult, "browser", model.PreModeration)
	b := browser.New(t)
	text := func(sel string) string { return strings.TrimSpace(browser.Get(t, b, chromedp.Text(chromedp.CSS(sel)))) }
	paragraph := a.URL + "/consultations/browser/paragraphs/" + f.Paragraph(0).Key

	signIn(t, b, a.URL, "Ann Citizen", "ann@example.test", "citizen")
	for _, body := range []string{"Lanes would get my children cycling.", "The council leader lives at 4 Elm Road."} {
		b.Run(t, chromedp.Navigate(paragraph), chromedp.WaitVisible(chromedp.CSS("#body")),
			chromedp.SendKeys(chromedp.CSS("#body"), body), chromedp.Click(chromedp.CSS("#publish")),
			chromedp.Submit(chromedp.CSS("form.pc-comment-form")),
			chromedp.WaitVisible(chromedp.CSS("#sent-title")))
	}
	signOut(t, b)

	signIn(t, b, a.URL, "Alex Moderator", "alex@example.test", "moderator")
	b.Run(t, chromedp.Navigate(a.URL+"/admin"), chromedp.Click(chromedp.CSS(`main a[href="/admin/moderation"]`)),
		chromedp.WaitVisible(chromedp.CSS(".pc-queue")))
	// Approve the first comment with its own button, from the keyboard.
	b.Run(t, chromedp.Focus(chromedp.CSS(`.pc-queue__item:first-child button[name="approve_one"]`)),
		chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(".govuk-notification-banner--success")))
	// Reject the other with a reason, through the checkbox and the bulk form.
	b.Run(t, chromedp.Click(chromedp.CSS(`.pc-queue__item:first-child .govuk-checkboxes__input`)),
		chromedp.Click(chromedp.CSS("#action-reject")),
		chromedp.SetValue(chromedp.CSS("#reason"), "personal-information"),
		chromedp.SendKeys(chromedp.CSS("#note"), "Please leave out home addresses."),
		chromedp.Click(chromedp.CSS(`button[name="bulk"]`)),
		chromedp.WaitVisible(chromedp.CSS("#queue-empty")))
	signOut(t, b)

	b.Run(t, chromedp.Navigate(paragraph), chromedp.WaitVisible(chromedp.CSS("#pc-comments")))
	if got := text("#pc-comments"); !strings.Contains(got, "Lanes would get my children cycling.") || strings.Contains(got, "Elm Road") {
		t.Errorf("public comments = %q", got)
	}
	signIn(t, b, a.URL, "Ann Citizen", "ann@example.test", "citizen")
	b.Run(t, chromedp.Navigate(a.URL+"/me"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if got := text("main"); !strings.Contains(got, "Please leave out home addresses.") ||
		!strings.Contains(got, "it included personal information about someone") {
		t.Errorf("/me = %q", got)
	}
}

// TestBrowserAdminPagesAccessible runs axe on the admin home, a queue with
// flagged and replying comments, the users pages and the audit log.
func TestBrowserAdminPagesAccessible(t *testing.T) {
	t.Parallel()
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.NewModerationFixture(t, a.Store, a.Consult, "axe", model.PreModeration)
	ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
	first := f.Comment(ann, "First comment.", func(c *model.Comment) { c.Status, c.FlagCount = model.CommentApproved, 1 })
	f.Comment(ann, "A reply.\nOn two lines.", func(c *model.Comment) { c.ParentID, c.HeldReason = &first.ID, "links" })
	// Two browsers of three pages each keep each within the browser's time limit.
	groups := map[string][]struct{ path, wait string }{
		"moderation":      {{"/admin", "table"}, {"/admin/moderation", ".pc-queue"}, {"/admin/moderation?queue=flagged", ".pc-queue"}},
		"users and audit": {{"/admin/users", "#users"}, {"/admin/users/" + modItoa(ann.ID), "#current-role"}, {"/admin/audit", "#audit"}},
	}
	for name, pages := range groups {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := browser.New(t)
			signIn(t, b, a.URL, "Alex Admin", "alex@example.test", "admin")
			for _, p := range pages {
				b.Run(t, chromedp.Navigate(a.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
				b.CheckAccessibility(t)
			}
		})
	}
}

// signIn signs in through the development sign-in form.
func signIn(t *testing.T, b *browser.Browser, base, name, email, role string) {
	t.Helper()
	b.Run(t, chromedp.Navigate(base+"/auth/dev"), chromedp.WaitVisible(chromedp.CSS("#name")),
		chromedp.SendKeys(chromedp.CSS("#name"), name), chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.Click(chromedp.CSS(`input[name="role"][value="`+role+`"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/auth/dev"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/auth/logout"]`)))
}

// signOut signs out with the header's button.
func signOut(t *testing.T, b *browser.Browser) {
	t.Helper()
	b.Run(t, chromedp.Click(chromedp.CSS(`form[action="/auth/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.govuk-service-navigation a[href^="/auth/sign-in"]`)))
}
