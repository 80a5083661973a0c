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

// TestBrowserEmailSignInCommentReceipt walks the whole loop of a resident
// without an account elsewhere: sign-in by email, a comment and its receipt in
// the in-process mailbox, then the outcome published, its email, and "Our
// response" on the paragraph they commented on, with axe on every new page.
func TestBrowserEmailSignInCommentReceipt(t *testing.T) {
	a, box := mailApp(t, store.SQLite, map[string]string{"PILCROW_DEV_LOGIN": "false"})
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{Title: "Draft local plan"})
	b := browser.New(t)

	b.Run(t, chromedp.Navigate(a.URL+"/auth/sign-in"), chromedp.WaitVisible("[data-email-sign-in]"))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click("[data-email-sign-in]"), chromedp.WaitVisible("#email"),
		chromedp.Click(`form[action="/auth/email"] button[type="submit"]`), chromedp.WaitVisible(".govuk-error-summary"))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.SendKeys("#email", "walker@example.org"),
		chromedp.Click(`form[action="/auth/email"] button[type="submit"]`), chromedp.WaitVisible("[data-email-sent]"))
	b.CheckAccessibility(t)
	drain(t, a)
	link := lastLink(t, box, "walker@example.org")
	b.Run(t, chromedp.Navigate(a.URL+link), chromedp.WaitVisible("[data-confirm-sign-in]"))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click("[data-confirm-sign-in]"), chromedp.WaitVisible(`form[action="/auth/logout"]`))

	b.Run(t, chromedp.Navigate(a.URL+"/account"), chromedp.WaitVisible("#mail-receipt"))
	b.CheckAccessibility(t)

	page := a.URL + "/consultations/" + f.Slug + "/paragraphs/" + f.Blocks[1].Key
	b.Run(t, chromedp.Navigate(page), chromedp.WaitVisible("#body"),
		chromedp.SendKeys("#body", "Sent from the browser"),
		chromedp.Click("#publish-2"),
		chromedp.Click(`form.pc-comment-form button[type="submit"]`),
		chromedp.WaitVisible(".pc-sent"))
	if err := a.Mail.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	ms := box.To("walker@example.org")
	if len(ms) != 2 || !strings.Contains(ms[1].Text, "Sent from the browser") {
		t.Fatalf("receipt missing: %d mails", len(ms))
	}
	unsub := strings.Trim(ms[1].Header.Get("List-Unsubscribe"), "<>")
	b.Run(t, chromedp.Navigate(unsub), chromedp.WaitVisible(`form[action^="/mail/unsubscribe"]`))
	b.CheckAccessibility(t)

	ctx := context.Background()
	admin := testutil.User(t, a, "Admin", "admin@example.org")
	if err := a.Store.SetRole(ctx, admin.ID, model.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	if err := a.Consult.CloseEarly(ctx, f.Slug, &admin.ID); err != nil {
		t.Fatal(err)
	}
	outcome := "## Walking routes\n\nOn [this paragraph](/consultations/" + f.Slug + "/paragraphs/" + f.Blocks[1].Key +
		") you asked for wider paths: we will widen them.\n"
	if err := a.Consult.PublishOutcome(ctx, f.Slug, outcome, &admin.ID); err != nil {
		t.Fatal(err)
	}
	drain(t, a)
	if ms := box.To("walker@example.org"); len(ms) != 3 || !strings.Contains(ms[2].Text, "/consultations/"+f.Slug) {
		t.Fatalf("outcome mail missing: %d mails, last %q", len(ms), ms[len(ms)-1].Text)
	}
	b.Run(t, chromedp.Navigate(page), chromedp.WaitVisible("#our-response-heading"))
	if got := browser.Get(t, b, chromedp.Text(".pc-our-response")); !strings.Contains(got, "we will widen them") {
		t.Errorf("Our response = %q", got)
	}
	b.CheckAccessibility(t)
}
