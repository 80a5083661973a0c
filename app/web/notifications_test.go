package web_test

import (
	"context"
	"fmt"
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

// TestReplyAndOutcomeMail: a public reply tells the comment's author, and a
// published outcome tells every respondent once, however often it is corrected.
func TestReplyAndOutcomeMail(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, box := mailApp(t, engine, nil)
		ctx := context.Background()
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration, Title: "Bus plan"})
		ann := emailSignIn(t, a, box, "ann@example.org", "en")
		bob := emailSignIn(t, a, box, "bob@example.org", "en")
		key := f.Blocks[1].Key
		page := "/consultations/" + f.Slug + "/paragraphs/" + key
		ann.Get(page)
		ann.PostForm("/consultations/"+f.Slug+"/comments", validComment(key, "More buses.")).Expect(t, http.StatusSeeOther)
		cs, _, _ := a.Store.UserComments(ctx, userID(t, a, "ann@example.org"), 0, 10)
		bob.Get(page)
		reply := validComment(key, "Yes, in the evening too.")
		reply.Set("parent", fmt.Sprint(cs[0].ID))
		bob.PostForm("/consultations/"+f.Slug+"/comments", reply).Expect(t, http.StatusSeeOther)
		drain(t, a)
		var got []string
		for _, m := range box.To("ann@example.org") {
			got = append(got, m.Subject)
		}
		if len(got) != 3 || !strings.Contains(got[2], "replied") || !strings.Contains(box.To("ann@example.org")[2].Text, "in the evening") {
			t.Fatalf("ann's mail: %q", got)
		}

		admin := testutil.User(t, a, "Admin", "admin@example.org")
		if err := a.Store.SetRole(ctx, admin.ID, model.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		if err := a.Consult.CloseEarly(ctx, f.Slug, &admin.ID); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := a.Consult.PublishOutcome(ctx, f.Slug, "We will run more buses.", &admin.ID); err != nil {
				t.Fatal(err)
			}
		}
		drain(t, a)
		for _, who := range []string{"ann@example.org", "bob@example.org"} {
			n := 0
			for _, m := range box.To(who) {
				if strings.Contains(m.Subject, "outcome") {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s got %d outcome mails, want 1", who, n)
			}
		}
	})
}
