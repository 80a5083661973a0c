package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestBlockedPersonIsTold blocks an account: signing in again says why and whom
// to contact, and a session that outlived the block shows the same on every page.
func TestBlockedPersonIsTold(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		ctx := context.Background()
		modClient(t, a, "Root", "admin")
		root, _ := a.Store.User(ctx, accountID(t, a, "root@example.test"))
		modClient(t, a, "Cai", "citizen")
		if err := a.Consult.Block(ctx, root, accountID(t, a, "cai@example.test"), "Abusive comments about staff"); err != nil {
			t.Fatal(err)
		}
		cl := a.Client(t)
		cl.Get("/auth/dev")
		r := cl.PostForm("/auth/dev", url.Values{"name": {"Cai"}, "email": {"cai@example.test"}, "role": {"citizen"}}).Expect(t, http.StatusForbidden)
		if got := squash(r.Doc.Find("#blocked-reason").Text()); got != "The reason we gave: Abusive comments about staff" {
			t.Errorf("sign-in refusal gives reason %q", got)
		}

		// Every page they can still reach says so, the shared document page included.
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "blocked", model.PreModeration)
		for _, path := range []string{"/", "/consultations/blocked", "/consultations/blocked/paragraphs/" + f.Paragraph(0).Key, "/privacy"} {
			b := squash(cl.Get(path).Expect(t, http.StatusOK).Doc.Find("#blocked-banner").Text())
			if !strings.Contains(b, "Your account is blocked") || !strings.Contains(b, "Abusive comments about staff") ||
				!strings.Contains(b, "contact Pilcrow demonstration council") {
				t.Errorf("%s: banner %q", path, b)
			}
		}
		if b := a.Client(t).Get("/consultations/blocked").Doc.Find("#blocked-banner"); b.Length() != 0 {
			t.Error("someone else sees the blocked banner")
		}
		forged := a.Client(t)
		u, _ := url.Parse(a.URL)
		forged.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "pilcrow_blocked", Value: "SGk.bad", Path: "/"}})
		if forged.Get("/").Doc.Find("#blocked-banner").Length() != 0 {
			t.Error("a forged notice was shown")
		}
	})
}

// TestConsultationPageLooseEnds checks the consultation page: the Atom feed
// linked in the head and visibly, and, once closed, what happens next instead
// of how to respond.
func TestConsultationPageLooseEnds(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "ends", model.PostModeration)
		cl := a.Client(t)
		r := cl.Get("/consultations/ends").Expect(t, http.StatusOK)
		if href, _ := r.Doc.Find(`head link[rel="alternate"][type="application/atom+xml"]`).Attr("href"); href != "/consultations/ends/comments.atom" {
			t.Errorf("alternate link %q", href)
		}
		if href, _ := r.Doc.Find("#feed-link").Attr("href"); href != "/consultations/ends/comments.atom" {
			t.Errorf("visible feed link %q", href)
		}
		if got := squash(r.Doc.Find("#respond-heading").Text()); got != "How to respond" {
			t.Errorf("open: heading %q", got)
		}
		past := time.Now().UTC().Add(-time.Hour)
		if err := a.Store.DB.Model(&model.Consultation{}).Where("id = ?", f.Consultation.ID).
			Updates(map[string]any{"closes_at": past, "revision": 99}).Error; err != nil {
			t.Fatal(err)
		}
		r = cl.Get("/consultations/ends").Expect(t, http.StatusOK)
		if got := squash(r.Doc.Find("#respond-heading").Text()); got != "What happens next" {
			t.Errorf("closed: heading %q", got)
		}
		if got := squash(r.Doc.Find("#respond").Text()); !strings.Contains(got, "will publish what it decided") {
			t.Errorf("closed: %q", got)
		}
	})
}

// TestOrganisationNamedOnce shows an organisation once where the person is their
// organisation, and says whom a person spoke for in the Atom feed.
func TestOrganisationNamedOnce(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "orgs", model.PreModeration)
		ra := f.User("Riverside Residents’ Association", "ra@example.test", model.RoleCitizen)
		ann := f.User("Ann Jones", "ann@example.test", model.RoleCitizen)
		approved := func(c *model.Comment) {
			c.Status, c.RespondingAs, c.Organisation = model.CommentApproved, "organisation", "Riverside Residents’ Association"
		}
		own := f.Comment(ra, "We support the lanes.", approved)
		f.Comment(ann, "Our members support it.", approved, func(c *model.Comment) { c.Organisation = "Cycle Riverside" })
		page := testutil.Text(a.Client(t).Get("/consultations/orgs/paragraphs/"+f.Paragraph(0).Key).Expect(t, http.StatusOK))
		if strings.Contains(page, "Riverside Residents’ Association for Riverside Residents’ Association") {
			t.Error("the organisation is named twice")
		}
		if !strings.Contains(page, "Ann Jones") || !strings.Contains(page, "for Cycle Riverside") {
			t.Error("a person speaking for an organisation lost it")
		}
		analyst := testutil.Text(modClient(t, a, "Ana", "analyst").Get("/admin/comments/"+modItoa(own.ID)).Expect(t, http.StatusOK))
		if strings.Contains(analyst, "Riverside Residents’ Association (Riverside Residents’ Association)") {
			t.Error("the analysts' page names the organisation twice")
		}
		feed := a.Client(t).Get("/consultations/orgs/comments.atom").Expect(t, http.StatusOK).Body
		if !strings.Contains(feed, "<name>Ann Jones for Cycle Riverside</name>") || !strings.Contains(feed, "<name>Riverside Residents’ Association</name>") {
			t.Errorf("feed authors: %s", feed)
		}
	})
}

// TestDatesGOVUKStyle writes dates with their time as GOV.UK does.
func TestDatesGOVUKStyle(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_TIME_ZONE": "Europe/London", "PILCROW_LANGUAGES": "en,cy"})
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "dates", model.PreModeration)
		closes := time.Date(2027, 1, 8, 23, 59, 0, 0, time.UTC)
		if err := a.Store.DB.Model(&model.Consultation{}).Where("id = ?", f.Consultation.ID).
			Updates(map[string]any{"closes_at": closes, "revision": 99}).Error; err != nil {
			t.Fatal(err)
		}
		for lang, want := range map[string]string{"en": "8 January 2027 at 11:59pm", "cy": "8 Ionawr 2027 am 11:59yh"} {
			r := a.Client(t).Get("/consultations/dates?lang="+lang).Expect(t, http.StatusOK)
			if got := squash(r.Doc.Find(`time[datetime="2027-01-08T23:59:00Z"]`).First().Text()); got != want {
				t.Errorf("%s: closing date %q, want %q", lang, got, want)
			}
		}
		if err := a.Store.DB.Model(&model.Consultation{}).Where("id = ?", f.Consultation.ID).
			Updates(map[string]any{"closes_at": time.Date(2027, 6, 8, 11, 0, 0, 0, time.UTC), "revision": 100}).Error; err != nil {
			t.Fatal(err)
		}
		r := a.Client(t).Get("/consultations/dates").Expect(t, http.StatusOK)
		if got := squash(r.Doc.Find(`time[datetime="2027-06-08T11:00:00Z"]`).First().Text()); got != "8 June 2027 at midday" {
			t.Errorf("summer midday: %q", got)
		}
	})
}
