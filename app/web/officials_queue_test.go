package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestQueueSpeaksInWords shows hold reasons and report reasons in words, with the
// reporter's own note, where the queue used to show code words.
func TestQueueSpeaksInWords(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "words", model.PreModeration)
		ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
		held := f.Comment(ann, "Read www.a.test www.b.test www.c.test www.d.test", func(c *model.Comment) { c.HeldReason = "links" })
		flagged := f.Comment(ann, "You are all idiots.", func(c *model.Comment) { c.HeldReason = "flagged"; c.FlagCount = 1 })
		if err := a.Store.DB.Create(&model.Flag{CommentID: flagged.ID, UserID: f.User("Bo", "bo@example.test", model.RoleCitizen).ID,
			Reason: "offensive: It insults the people who live on my street."}).Error; err != nil {
			t.Fatal(err)
		}
		mod := modClient(t, a, "Mo", "moderator")
		r := mod.Get("/admin/moderation").Expect(t, http.StatusOK)
		if got := squash(r.Doc.Find(`[data-comment-id="` + modItoa(held.ID) + `"] [data-held]`).Text()); got != "It has more than 3 links" {
			t.Errorf("hold reason for links = %q", got)
		}
		item := r.Doc.Find(`[data-comment-id="` + modItoa(flagged.ID) + `"]`)
		if got := squash(item.Find("[data-held]").Text()); got != "People reading it reported it" {
			t.Errorf("hold reason for a report = %q", got)
		}
		flag := squash(item.Find("[data-flag]").Text())
		if !strings.Contains(flag, "It is offensive, abusive or discriminatory") || !strings.Contains(flag, "It insults the people who live on my street.") ||
			strings.Contains(flag, "offensive:") {
			t.Errorf("report shown as %q", flag)
		}
	})
}

// TestQueueRejectOne rejects one comment with its own reason, without the bulk
// form; without a reason the error is on that comment's own field.
func TestQueueRejectOne(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "one", model.PreModeration)
		ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
		c := f.Comment(ann, "Buy cheap watches at my shop.")
		keep := f.Comment(ann, "Lanes would help.")
		mod := modClient(t, a, "Mo", "moderator")
		r := mod.Get("/admin/moderation").Expect(t, http.StatusOK)
		id := modItoa(c.ID)
		if r.Doc.Find(`button[name="reject_one"][value="`+id+`"]`).Length() != 1 || r.Doc.Find(`select[name="reason_`+id+`"]`).Length() != 1 {
			t.Fatal("no reject button and reason of its own")
		}
		bad := mod.PostForm("/admin/moderation/decide", url.Values{"reject_one": {id}, "seen_" + id: {"0"}, "return": {"/admin/moderation"}})
		bad.Expect(t, http.StatusUnprocessableEntity)
		if href, _ := bad.Doc.Find(".govuk-error-summary a").Attr("href"); href != "#reason_"+id {
			t.Errorf("error summary links to %q", href)
		}
		mod.PostForm("/admin/moderation/decide", url.Values{"reject_one": {id}, "reason_" + id: {"spam"}, "reason": {""},
			"seen_" + id: {"0"}, "ids": {modItoa(keep.ID)}, "return": {"/admin/moderation"}}).Expect(t, http.StatusSeeOther)
		if got := f.Reload(c.ID); got.Status != model.CommentRejected || got.ModerationReason != "spam" {
			t.Errorf("after reject: %s %q", got.Status, got.ModerationReason)
		}
		if got := f.Reload(keep.ID); got.Status != model.CommentPending {
			t.Errorf("a checked comment was decided too: %s", got.Status)
		}
	})
}

// TestQueueParagraphNumber filters the queue by the paragraph number people see,
// and says in words when the number names no paragraph.
func TestQueueParagraphNumber(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "numbers", model.PreModeration)
		ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
		first := f.Comment(ann, "On the first paragraph.")
		second := f.Comment(ann, "On the second paragraph.", func(c *model.Comment) { c.ParagraphKey = f.Paragraph(1).Key })
		mod := modClient(t, a, "Mo", "moderator")
		n := strconv.Itoa(f.Paragraph(1).Number)
		r := mod.Get("/admin/moderation?consultation=numbers&paragraph="+n).Expect(t, http.StatusOK)
		if r.Doc.Find(`[data-comment-id="`+modItoa(second.ID)+`"]`).Length() != 1 || r.Doc.Find(`[data-comment-id="`+modItoa(first.ID)+`"]`).Length() != 0 {
			t.Errorf("paragraph %s did not filter to its comment", n)
		}
		for q, want := range map[string]string{
			"consultation=numbers&paragraph=99": "There is no paragraph with that number",
			"consultation=numbers&paragraph=x":  "Paragraph number must be a whole number",
			"paragraph=" + n:                    "Choose a consultation to filter by paragraph number",
		} {
			r := mod.Get("/admin/moderation?"+q).Expect(t, http.StatusOK)
			if got := squash(r.Doc.Find(".govuk-error-summary").Text()); !strings.Contains(got, want) {
				t.Errorf("%s: error summary %q", q, got)
			}
		}
	})
}

// squash joins a text's words with single spaces.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestQueueMarksCampaigns marks near-identical pending comments as one campaign
// row linking to the campaigns page, which the admin home and the analysis page
// link to, and whose back link goes where the person came from or may go.
func TestQueueMarksCampaigns(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "letters", model.PreModeration)
		for _, name := range []string{"Ann", "Bo", "Cy"} {
			f.Comment(f.User(name, strings.ToLower(name)+"@example.test", model.RoleCitizen), "Stop the cycle lanes now, they will ruin our high street.")
		}
		mod := modClient(t, a, "Mo", "moderator")
		rows := mod.Get("/admin/moderation").Expect(t, http.StatusOK).Doc.Find(".pc-queue__item")
		marked := rows.Find("[data-campaign-count]")
		if rows.Length() != 1 || marked.AttrOr("data-campaign-count", "") != "3" {
			t.Fatalf("%d rows, campaign of %q", rows.Length(), marked.AttrOr("data-campaign-count", ""))
		}
		href, _ := marked.Find("a").Attr("href")
		if !strings.HasPrefix(href, "/admin/consultations/letters/campaigns?from=queue#campaign-") {
			t.Errorf("campaign link %q", href)
		}
		back := func(cl *testutil.Client, path string) string {
			v, _ := cl.Get(path).Expect(t, http.StatusOK).Doc.Find(".govuk-back-link").Attr("href")
			return v
		}
		if got := back(mod, "/admin/consultations/letters/campaigns?from=queue"); got != "/admin/moderation?consultation=letters" {
			t.Errorf("moderator's back link %q", got)
		}
		analyst := modClient(t, a, "Ana", "analyst")
		for _, from := range []string{"analysis", "queue", ""} {
			if got := back(analyst, "/admin/consultations/letters/campaigns?from="+from); got != "/admin/consultations/letters/analysis" {
				t.Errorf("analyst from %q: back link %q", from, got)
			}
		}
		if back(analyst, "/admin/consultations/letters/campaigns?from=admin") != "/admin" {
			t.Error("back link from the admin home")
		}
		if analyst.Get("/admin").Doc.Find(`a[href="/admin/consultations/letters/campaigns?from=admin"]`).Length() != 1 {
			t.Error("the admin home does not link the campaigns page")
		}
		if href, _ := analyst.Get("/admin/consultations/letters/analysis").Doc.Find("#campaigns-page").Attr("href"); href != "/admin/consultations/letters/campaigns?from=analysis" {
			t.Errorf("analysis page links %q", href)
		}
	})
}
