package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"pilcrow/app/testutil"
)

// TestOutcomeDraftPreviewPublish: an admin drafts the outcome in Markdown
// (not public), previews it (sections and the paragraphs they will show on),
// then publishes it: the consultation page shows it rendered safely, the
// paragraph pages it links to show their section as "Our response", the home
// page marks it and the feed carries it.
func TestOutcomeDraftPreviewPublish(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_LANGUAGES": "en,cy"})
		now := time.Now().UTC()
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "parks", Title: "Pocket parks",
			Opens: now.Add(-48 * time.Hour), Closes: now.Add(-time.Hour)})
		k1, k5 := f.Blocks[0].Key, f.Blocks[4].Key
		md := "We read every response.\n\n" +
			"## Homes near stations\n\nWe will [build near stations](/consultations/parks/paragraphs/" + k1 + ").\n\n" +
			"<script>alert('x')</script>\n\n[Tap here](javascript:alert(1)) and " + strings.Repeat("x", 5) + "\n\n" +
			"## Car parks\n\nThe [car parks](" + a.URL + "/consultations/parks/paragraphs/" + k5 + "?lang=en) become parks.\n"
		admin := modClient(t, a, "Ada", "admin")
		form := "/admin/consultations/parks/outcome"
		admin.Get(form).Expect(t, http.StatusOK)

		admin.PostForm(form, url.Values{"outcome": {md}, "action": {"draft"}}).Expect(t, http.StatusSeeOther)
		if got := admin.Get(form).Expect(t, http.StatusOK).Doc.Find("#outcome").Text(); got != strings.TrimSpace(md) {
			t.Errorf("the form does not start from the draft: %q", got)
		}
		visitor := a.Client(t)
		if page := visitor.Get("/consultations/parks").Expect(t, http.StatusOK); page.Doc.Find(".pc-outcome").Length() != 0 ||
			strings.Contains(page.Body, "Homes near stations") {
			t.Error("a draft outcome is public")
		}

		pv := admin.PostForm(form, url.Values{"outcome": {md}, "action": {"preview"}}).Expect(t, http.StatusOK)
		sections := pv.Doc.Find(".pc-outcome-preview .pc-outcome")
		if sections.Length() != 3 || !strings.Contains(sections.Eq(1).Text(), "paragraphs: 1.") || !strings.Contains(sections.Eq(2).Text(), "paragraphs: 5.") {
			t.Errorf("preview sections: %d, %q", sections.Length(), sections.Text())
		}
		if c := mustConsultation(t, a, "parks"); c.OutcomePublishedAt != nil {
			t.Fatal("the preview published the outcome")
		}

		admin.PostForm(form, url.Values{"outcome": {md}, "action": {"publish"}}).Expect(t, http.StatusSeeOther)
		page := visitor.Get("/consultations/parks").Expect(t, http.StatusOK)
		outcome := page.Doc.Find(".pc-outcome")
		if outcome.Find("h3").Length() != 2 || outcome.Find("script").Length() != 0 || strings.Contains(page.Body, "alert(") {
			t.Errorf("outcome markup: %s", outcome.Text())
		}
		if href, _ := outcome.Find("a:contains('Tap here')").Attr("href"); href != "" {
			t.Errorf("a javascript: link survived: %q", href)
		}
		if page.Doc.Find(".pc-outcome-tag").Length() != 1 {
			t.Error("the consultation page does not mark the outcome as published")
		}

		p1 := visitor.Get("/consultations/parks/paragraphs/"+k1).Expect(t, http.StatusOK)
		ours := p1.Doc.Find(".pc-our-response")
		if ours.Find("h2").Text() != "Our response" || !strings.Contains(ours.Text(), "build near stations") ||
			strings.Contains(ours.Text(), "become parks") || ours.Find("h3").Length() != 1 {
			t.Errorf("paragraph 1's response: %q", ours.Text())
		}
		cy := visitor.Get("/consultations/parks/paragraphs/"+k1+"?lang=cy").Expect(t, http.StatusOK)
		if cy.Doc.Find("#our-response-heading").Text() != "Ein hymateb" || cy.Doc.Find(`.pc-our-response [lang="en"]`).Length() != 1 {
			t.Error("a Welsh page does not mark the English outcome as English")
		}
		visitor.Get("/consultations/parks/paragraphs/" + k1 + "?lang=en")
		if p5 := visitor.Get("/consultations/parks/paragraphs/"+k5).Expect(t, http.StatusOK); !strings.Contains(p5.Doc.Find(".pc-our-response").Text(), "become parks") {
			t.Error("an absolute link under the base URL does not bring the section to paragraph 5")
		}
		if p2 := visitor.Get("/consultations/parks/paragraphs/"+f.Blocks[1].Key).Expect(t, http.StatusOK); p2.Doc.Find(".pc-our-response").Length() != 0 {
			t.Error("a paragraph the outcome does not link to shows a response")
		}

		home := visitor.Get("/").Expect(t, http.StatusOK)
		if home.Doc.Find(".pc-outcome-mark a[href='/consultations/parks#outcome-heading']").Length() != 1 {
			t.Error("the home page does not mark the outcome")
		}
		feed := visitor.Get("/consultations/parks/comments.atom").Expect(t, http.StatusOK)
		if !strings.Contains(feed.Body, "<title>Outcome: Pocket parks</title>") || !strings.Contains(feed.Body, "Homes near stations") ||
			strings.Contains(feed.Body, "&lt;script") {
			t.Errorf("feed: %.1500s", feed.Body)
		}
		if got := admin.Get(form).Expect(t, http.StatusOK).Doc.Find("#outcome").Text(); got != strings.TrimSpace(md) {
			t.Errorf("after publishing the form shows %q", got)
		}
	})
}

// TestOutcomeNeedsTheAdminRole: a moderator may neither draft nor publish.
func TestOutcomeNeedsTheAdminRole(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "mods"})
		mod := modClient(t, a, "Mo", "moderator")
		mod.Get("/auth/dev")
		mod.PostForm("/admin/consultations/mods/outcome", url.Values{"outcome": {"x"}, "action": {"draft"}}).Expect(t, http.StatusForbidden)
	})
}
