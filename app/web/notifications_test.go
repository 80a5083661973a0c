package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// emailSignIn signs a new client in by email, in the given language.
func emailSignIn(t *testing.T, a *testutil.TestApp, box *testutil.Mailbox, email, lang string) *testutil.Client {
	t.Helper()
	cl := a.Client(t)
	cl.Get("/?lang=" + lang)
	askLink(t, cl, email, "/").Expect(t, http.StatusOK)
	drain(t, a)
	link := lastLink(t, box, email)
	cl.Get(link).Expect(t, http.StatusOK)
	cl.PostForm(link, nil).Expect(t, http.StatusSeeOther)
	cl.Get("/account").Expect(t, http.StatusOK)
	return cl
}

func TestWelshReceiptModerationAndUnsubscribe(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, box := mailApp(t, engine, nil)
		ctx := context.Background()
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Title: "Cynllun lleol"})
		cl := emailSignIn(t, a, box, "gwen@example.org", "cy")
		key := f.Blocks[1].Key
		cl.Get("/consultations/" + f.Slug + "/paragraphs/" + key)
		cl.PostForm("/consultations/"+f.Slug+"/comments", validComment(key, "Mwy o fysiau, os gwelwch yn dda.")).Expect(t, http.StatusSeeOther)
		drain(t, a)
		ms := box.To("gwen@example.org")
		if len(ms) != 2 {
			t.Fatalf("%d mails, want the sign-in link and a receipt", len(ms))
		}
		r := ms[1]
		if !strings.Contains(r.Subject, "cyfeirnod C") || !strings.Contains(r.Text, "Mwy o fysiau") ||
			!strings.Contains(r.HTML, "Mwy o fysiau") || !strings.Contains(r.HTML, `lang="cy"`) {
			t.Errorf("receipt: subject %q\n%s", r.Subject, r.Text)
		}
		unsub := strings.Trim(r.Header.Get("List-Unsubscribe"), "<>")
		if !strings.HasPrefix(unsub, a.URL+"/mail/unsubscribe?t=") ||
			r.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
			t.Errorf("unsubscribe headers: %q, %q", unsub, r.Header.Get("List-Unsubscribe-Post"))
		}
		if strings.Contains(r.HTML, "<img") {
			t.Error("the HTML part has an image")
		}

		// A moderator rejects it: the author reads the reason in words, in Welsh.
		mod := testutil.User(t, a, "Mod", "mod@example.org")
		if err := a.Store.SetRole(ctx, mod.ID, model.RoleModerator); err != nil {
			t.Fatal(err)
		}
		mod.Role = model.RoleModerator
		cs, _, _ := a.Store.UserComments(ctx, userID(t, a, "gwen@example.org"), 0, 10)
		if _, err := a.Consult.Decide(ctx, mod, []int64{cs[0].ID}, consult.Decision{Action: consult.ActionReject, Reason: "off-topic"}); err != nil {
			t.Fatal(err)
		}
		drain(t, a)
		ms = box.To("gwen@example.org")
		if len(ms) != 3 || !strings.Contains(ms[2].Text, "nid oedd yn ymwneud") {
			t.Fatalf("moderation mail: %d mails; %+v", len(ms), ms[len(ms)-1].Text)
		}

		// One click, from a mail program: no session, no CSRF token.
		u, _ := url.Parse(unsub)
		a.Client(t).Do(http.MethodPost, u.RequestURI(), strings.NewReader("List-Unsubscribe=One-Click"),
			"application/x-www-form-urlencoded").Expect(t, http.StatusOK)
		a.Client(t).Do(http.MethodPost, "/mail/unsubscribe?t=1.receipt.forged", nil, "").Expect(t, http.StatusNotFound)
		cl.Get("/consultations/" + f.Slug + "/paragraphs/" + key)
		cl.PostForm("/consultations/"+f.Slug+"/comments", validComment(key, "Eto.")).Expect(t, http.StatusSeeOther)
		drain(t, a)
		if got := len(box.To("gwen@example.org")); got != 3 {
			t.Errorf("%d mails after unsubscribing from receipts, want 3", got)
		}
		r2 := cl.Get("/account").Expect(t, http.StatusOK)
		if _, on := r2.Doc.Find("#mail-receipt").Attr("checked"); on {
			t.Error("/account still ticks receipts")
		}
	})
}

// TestEmailOffSendsNothing: without email configured nothing is queued and no
// email feature is offered.
func TestEmailOffSendsNothing(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
		cl := commenter(t, a, "Off Line")
		key := f.Blocks[1].Key
		cl.Get("/consultations/" + f.Slug + "/paragraphs/" + key)
		cl.PostForm("/consultations/"+f.Slug+"/comments", validComment(key, "Hello")).Expect(t, http.StatusSeeOther)
		ms, _ := a.Store.OutboxMail(context.Background(), "")
		if len(ms) != 0 || a.Mail != nil {
			t.Errorf("email is off, yet %d mails are queued", len(ms))
		}
		cl.Get("/auth/email").Expect(t, http.StatusNotFound)
		if cl.Get("/auth/sign-in").Doc.Find("[data-email-sign-in]").Length() != 0 {
			t.Error("email sign-in offered without email")
		}
	})
}

func userID(t *testing.T, a *testutil.TestApp, email string) int64 {
	t.Helper()
	u, err := a.Store.UserBySubject(context.Background(), "emaillink", email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}
