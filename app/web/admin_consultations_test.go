package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pilcrow/app/testutil"
)

func TestAdminConsultationsNeedTheAdminRole(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", nil)
	testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "guarded"})
	for _, role := range []string{"citizen", "moderator", "analyst"} {
		cl := a.Client(t)
		cl.SignIn("Someone", role+"@example.org", role)
		for _, path := range []string{"/admin/consultations", "/admin/consultations/new", "/admin/consultations/guarded",
			"/admin/consultations/guarded/edit", "/admin/consultations/guarded/versions/new", "/admin/consultations/guarded/outcome"} {
			if r := cl.Get(path); r.StatusCode != http.StatusForbidden {
				t.Errorf("%s GET %s: %d, want 403", role, path, r.StatusCode)
			}
		}
		if r := cl.PostForm("/admin/consultations/guarded/close", nil); r.StatusCode != http.StatusForbidden {
			t.Errorf("%s POST close: %d, want 403", role, r.StatusCode)
		}
	}
	c, _ := a.Store.ConsultationBySlug(context.Background(), "guarded")
	if !c.ClosesAt.After(*c.OpensAt) || a.Consult.Status(c) != "open" {
		t.Error("a refused request changed the consultation")
	}
}

// TestAdminConsultationJourney creates, writes, previews, publishes, closes and
// concludes a consultation through the admin pages.
func TestAdminConsultationJourney(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		ctx := context.Background()
		admin := a.Client(t)
		admin.SignIn("Ada", "ada@example.org", "admin")
		admin.Get("/admin/consultations/new").Expect(t, http.StatusOK)

		bad := url.Values{"slug": {"Bad Slug"}, "title": {"Plan for Ŵyau"}, "opens": {"2026-05-01T09:00"}, "closes": {"2026-04-01T09:00"}, "moderation": {"post"}}
		r := admin.PostForm("/admin/consultations", bad).Expect(t, http.StatusUnprocessableEntity)
		summary := r.Doc.Find(".govuk-error-summary a")
		if summary.Length() != 2 || summary.First().AttrOr("href", "") != "#slug" {
			t.Errorf("error summary: %q", summary.Text())
		}
		if v := r.Doc.Find("#title").AttrOr("value", ""); v != "Plan for Ŵyau" {
			t.Errorf("title not kept: %q", v)
		}

		good := url.Values{"slug": {"wyau-plan"}, "title": {"Plan for Ŵyau"}, "summary": {"A short summary."},
			"opens": {"2020-01-01T09:00"}, "closes": {"2099-01-01T09:00"}, "moderation": {"post"}}
		r = admin.PostForm("/admin/consultations", good).Expect(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/admin/consultations/wyau-plan?done=created" {
			t.Fatalf("redirect to %q", loc)
		}
		admin.Follow(r).Expect(t, http.StatusOK)
		if r := admin.PostForm("/admin/consultations", good); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(testutil.Text(r), "already used") {
			t.Errorf("duplicate slug: %d", r.StatusCode)
		}
		a.Client(t).Get("/consultations/wyau-plan").Expect(t, http.StatusNotFound) // nothing published yet

		editor := "/admin/consultations/wyau-plan/versions/new"
		admin.Get(editor).Expect(t, http.StatusOK)
		md := "# Ŵyau\n\nFirst paragraph.\n\n- one\n- two\n"
		r = admin.PostForm(editor, url.Values{"markdown": {md}, "action": {"preview"}}).Expect(t, http.StatusOK)
		if r.Doc.Find(".pc-preview .pc-block").Length() != 3 || r.Doc.Find("#markdown").Text() != md {
			t.Errorf("preview shows %d blocks", r.Doc.Find(".pc-preview .pc-block").Length())
		}
		c, _ := a.Store.ConsultationBySlug(ctx, "wyau-plan")
		if c.CurrentVersionID != nil {
			t.Fatal("the preview published a version")
		}
		admin.PostForm(editor, url.Values{"markdown": {""}, "action": {"publish"}}).Expect(t, http.StatusUnprocessableEntity)
		admin.PostForm(editor, url.Values{"markdown": {md}, "action": {"publish"}}).Expect(t, http.StatusSeeOther)
		pub := a.Client(t).Get("/consultations/wyau-plan").Expect(t, http.StatusOK)
		if pub.Doc.Find(".pc-block").Length() != 3 {
			t.Errorf("public page shows %d blocks", pub.Doc.Find(".pc-block").Length())
		}
		r = admin.PostForm(editor, url.Values{"markdown": {md}, "change_note": {"Nothing"}, "action": {"publish"}}).Expect(t, http.StatusUnprocessableEntity)
		if !strings.Contains(testutil.Text(r), "same as the published version") {
			t.Errorf("no-change version: %.200s", testutil.Text(r))
		}

		admin.Get("/admin/consultations/wyau-plan")
		admin.PostForm("/admin/consultations/wyau-plan/close", nil).Expect(t, http.StatusSeeOther)
		admin.PostForm("/admin/consultations/wyau-plan/close", nil).Expect(t, http.StatusUnprocessableEntity)
		admin.Get("/admin/consultations/wyau-plan/outcome").Expect(t, http.StatusOK)
		admin.PostForm("/admin/consultations/wyau-plan/outcome", url.Values{"outcome": {"We listened.\n\nWe changed it."}}).Expect(t, http.StatusSeeOther)
		pub = a.Client(t).Get("/consultations/wyau-plan").Expect(t, http.StatusOK)
		if got := pub.Doc.Find(".pc-outcome p.govuk-body").Length(); got != 2 || !strings.Contains(testutil.Text(pub), "Closed") {
			t.Errorf("outcome paragraphs %d", got)
		}
		list := admin.Get("/admin/consultations").Expect(t, http.StatusOK)
		if list.Doc.Find("a[href='/admin/consultations/wyau-plan']").Length() != 1 {
			t.Error("admin list lacks the consultation")
		}
		var audits int64
		a.Store.DB.Table("audit_log").Where("target_id = ?", "wyau-plan").Count(&audits)
		if audits != 4 { // create, publish, close, outcome
			t.Errorf("%d audit entries, want 4", audits)
		}
	})
}
