package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// mailApp is a Pilcrow with email on, sending to an in-process mailbox.
func mailApp(t *testing.T, engine string, env map[string]string) (*testutil.TestApp, *testutil.Mailbox) {
	t.Helper()
	box := testutil.NewMailbox(t)
	vars := map[string]string{"PILCROW_SMTP_URL": box.URL(), "PILCROW_MAIL_FROM": "Have your say <noreply@example.org>",
		"PILCROW_LANGUAGES": "en,cy"}
	for k, v := range env {
		vars[k] = v
	}
	return testutil.NewApp(t, engine, vars), box
}

// drain sends every message due.
func drain(t *testing.T, a *testutil.TestApp) {
	t.Helper()
	if err := a.Mail.Drain(context.Background()); err != nil {
		t.Fatalf("drain: %v", err)
	}
}

var linkPath = regexp.MustCompile(`/auth/email/[A-Za-z0-9_-]{43}`)

// askLink asks for a sign-in link for the address and returns the page.
func askLink(t *testing.T, cl *testutil.Client, email, next string) *testutil.Response {
	t.Helper()
	cl.Get("/auth/email?next="+url.QueryEscape(next)).Expect(t, http.StatusOK)
	return cl.PostForm("/auth/email", url.Values{"email": {email}, "next": {next}})
}

// lastLink is the sign-in link in the newest mail to the address.
func lastLink(t *testing.T, box *testutil.Mailbox, email string) string {
	t.Helper()
	ms := box.To(email)
	if len(ms) == 0 {
		t.Fatalf("no mail to %s", email)
	}
	p := linkPath.FindString(ms[len(ms)-1].Text)
	if p == "" {
		t.Fatalf("no sign-in link in %q", ms[len(ms)-1].Text)
	}
	return p
}

func TestEmailSignIn(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, box := mailApp(t, engine, nil)
		cl := a.Client(t)
		r := cl.Get("/auth/sign-in").Expect(t, http.StatusOK)
		if r.Doc.Find("[data-email-sign-in]").Length() != 1 {
			t.Fatal("the sign-in page does not offer email")
		}
		askLink(t, cl, "Resident@Example.org", "/me").Expect(t, http.StatusOK)
		drain(t, a)
		ms := box.To("resident@example.org")
		if len(ms) != 1 {
			t.Fatalf("%d mails, want 1", len(ms))
		}
		m := ms[0]
		if !strings.Contains(m.Subject, "sign-in link") || !strings.Contains(m.HTML, "/auth/email/") ||
			m.Header.Get("List-Unsubscribe") != "" || !strings.Contains(m.From, "noreply@example.org") {
			t.Errorf("sign-in mail: subject %q, from %q, unsubscribe %q", m.Subject, m.From, m.Header.Get("List-Unsubscribe"))
		}
		link := lastLink(t, box, "resident@example.org")

		// The scanner case: following the link signs nobody in and uses nothing up.
		scanner := a.Client(t)
		scanner.Get(link).Expect(t, http.StatusOK)
		scanner.Get("/account").Expect(t, http.StatusSeeOther)
		if r := cl.Get(link).Expect(t, http.StatusOK); r.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Error("the link page may leak its address in Referer")
		}

		// Another browser signs in with the button, and lands on next.
		other := a.Client(t)
		other.Get(link).Expect(t, http.StatusOK)
		r = other.PostForm(link, nil).Expect(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/me" {
			t.Errorf("signed in to %q, want /me", loc)
		}
		if txt := testutil.Text(other.Get("/account").Expect(t, http.StatusOK)); !strings.Contains(txt, "resident@example.org") {
			t.Errorf("account page: %s", txt)
		}
		u, err := a.Store.UserBySubject(context.Background(), "emaillink", "resident@example.org")
		if err != nil || !u.EmailVerified {
			t.Fatalf("account %+v, %v: want a verified email", u, err)
		}

		// A link works once.
		cl.Get(link).Expect(t, http.StatusGone)
		cl.Get("/auth/email")
		cl.PostForm(link, nil).Expect(t, http.StatusGone)
		cl.Get("/account").Expect(t, http.StatusSeeOther)
	})
}

func TestEmailSignInLinkExpires(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, box := mailApp(t, engine, nil)
		start := time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)
		a.Web.Now = func() time.Time { return start }
		cl := a.Client(t)
		askLink(t, cl, "late@example.org", "/").Expect(t, http.StatusOK)
		drain(t, a)
		link := lastLink(t, box, "late@example.org")
		a.Web.Now = func() time.Time { return start.Add(14 * time.Minute) }
		cl.Get(link).Expect(t, http.StatusOK)
		a.Web.Now = func() time.Time { return start.Add(16 * time.Minute) }
		cl.Get(link).Expect(t, http.StatusGone)
		cl.Get("/auth/email")
		cl.PostForm(link, nil).Expect(t, http.StatusGone)
		cl.Get("/account").Expect(t, http.StatusSeeOther)
	})
}

func TestEmailSignInSaysNothingAboutAccounts(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, _ := mailApp(t, engine, nil)
		testutil.User(t, a, "Known", "known@example.org")
		cl := a.Client(t)
		known := askLink(t, cl, "known@example.org", "/").Expect(t, http.StatusOK)
		unknown := askLink(t, cl, "nobody@example.org", "/").Expect(t, http.StatusOK)
		k := strings.ReplaceAll(testutil.Text(known), "known@example.org", "ADDRESS")
		u := strings.ReplaceAll(testutil.Text(unknown), "nobody@example.org", "ADDRESS")
		if k != u {
			t.Errorf("the answers differ:\n%s\n%s", k, u)
		}
		askLink(t, cl, "not an address", "/").Expect(t, http.StatusUnprocessableEntity)
	})
}

func TestEmailSignInRateLimits(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, _ := mailApp(t, engine, nil)
		cl := a.Client(t)
		for i := range 5 {
			askLink(t, cl, "flood@example.org", "/").Expect(t, http.StatusOK)
			_ = i
		}
		r := askLink(t, cl, "flood@example.org", "/").Expect(t, http.StatusTooManyRequests)
		if r.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
		// Per network: many addresses from one address run out too.
		limited := false
		for i := range 60 {
			if askLink(t, cl, "person"+string(rune('a'+i%26))+string(rune('a'+i/26))+"@example.org", "/").StatusCode == http.StatusTooManyRequests {
				limited = true
				break
			}
		}
		if !limited {
			t.Error("no limit per network")
		}
	})
}

// TestEmailSignInRefusesBlocked: the link goes through the same account rules
// as every sign-in, so a blocked account gets the blocked page and no session.
func TestEmailSignInRefusesBlocked(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, box := mailApp(t, engine, nil)
		ctx := context.Background()
		cl := emailSignIn(t, a, box, "blocked@example.org", "en")
		admin := testutil.User(t, a, "Admin", "admin@example.org")
		if err := a.Store.SetRole(ctx, admin.ID, model.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		admin.Role = model.RoleAdmin
		if err := a.Consult.Block(ctx, admin, userID(t, a, "blocked@example.org"), "spam"); err != nil {
			t.Fatal(err)
		}
		cl.Get("/account").Expect(t, http.StatusSeeOther)
		askLink(t, cl, "blocked@example.org", "/").Expect(t, http.StatusOK)
		drain(t, a)
		link := lastLink(t, box, "blocked@example.org")
		cl.Get(link).Expect(t, http.StatusOK)
		cl.PostForm(link, nil).Expect(t, http.StatusForbidden)
		cl.Get("/account").Expect(t, http.StatusSeeOther)
	})
}
