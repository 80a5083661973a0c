package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// rptLetter is a form letter; the campaign fixture sends it with small edits.
const rptLetter = "I object to the closure of the bus station in Aberystwyth because it will leave " +
	"older residents without a way to reach the hospital, the library and the market on weekdays."

// addCampaign adds n pending copies of the form letter, each signed differently,
// and one comment that shares its opening but says something else.
func addCampaign(t *testing.T, a *testutil.TestApp, fx rptFixture, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		u := model.User{Provider: "dev", Subject: fmt.Sprint("camp-", time.Now().UnixNano(), "-", i), DisplayName: fmt.Sprint("Campaigner ", i),
			Role: model.RoleCitizen, CreatedAt: rptDay, UpdatedAt: rptDay}
		if err := a.App.Store.DB.Create(&u).Error; err != nil {
			t.Fatal(err)
		}
		body := rptLetter
		if i%2 == 1 {
			body += fmt.Sprintf(" Yours, resident %d.", i)
		}
		if i == n-1 {
			body = "I object to the closure of the bus station. Cycling lanes matter more to me than buses, and the hospital is fine."
		}
		c := model.Comment{ConsultationID: fx.c.ID, VersionID: *fx.c.CurrentVersionID, ParagraphKey: fx.keys[0],
			UserID: u.ID, Body: body, RespondingAs: "individual", Publish: model.PublishName,
			Status: model.CommentPending, SubmissionToken: "camp", CreatedAt: rptDay.Add(time.Hour), UpdatedAt: rptDay}
		if err := a.App.Store.DB.Create(&c).Error; err != nil {
			t.Fatal(err)
		}
	}
}

func TestAnalysisPage(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		fx := newRptFixture(t, a)
		addCampaign(t, a, fx, 7) // six copies of the letter and one near miss
		analyst := rptSignIn(t, a, "analyst")
		page := analyst.Get("/admin/consultations/buses/analysis").Expect(t, http.StatusOK)
		doc := page.Doc

		if got := doc.Find("svg.pilcrow-chart").Length(); got != 4 {
			t.Errorf("%d charts, want 4", got)
		}
		doc.Find(".pc-figure").Each(func(_ int, s *goquery.Selection) {
			if s.Find("table.govuk-table").Length() != 1 {
				t.Errorf("chart %s has no data table", s.AttrOr("id", "?"))
			}
		})
		if total := strings.TrimSpace(doc.Find("#figure-total").Text()); total != "21" {
			t.Errorf("total = %q, want 21", total)
		}
		// Paragraph 1: nine pending fixture comments and seven campaign comments.
		first := doc.Find(`.pc-heatmap__item[data-paragraph-key="` + fx.keys[0] + `"]`)
		if first.AttrOr("data-heat", "") != "5" || !strings.Contains(first.Text(), "16 comments") {
			t.Errorf("first paragraph heat %q: %q", first.AttrOr("data-heat", ""), strings.Join(strings.Fields(first.Text()), " "))
		}
		if href := first.Find("a").AttrOr("href", ""); href != "/consultations/buses/paragraphs/"+fx.keys[0] {
			t.Errorf("paragraph link = %q", href)
		}
		second := doc.Find(`.pc-heatmap__item[data-paragraph-key="` + fx.keys[1] + `"]`)
		if second.AttrOr("data-heat", "") != "1" || !strings.Contains(second.Text(), "1 agree, 1 disagree, 1 neutral") {
			t.Errorf("second paragraph: %q", strings.Join(strings.Fields(second.Text()), " "))
		}
		third := doc.Find(`.pc-heatmap__item[data-paragraph-key="` + fx.keys[2] + `"]`)
		if third.AttrOr("data-heat", "") != "0" || third.Find(".pc-heat-0").Length() != 1 {
			t.Errorf("a paragraph with only a rejected comment is shaded %q", third.AttrOr("data-heat", ""))
		}

		groups := doc.Find(".pc-campaign")
		if groups.Length() != 1 {
			t.Fatalf("%d campaigns, want 1", groups.Length())
		}
		if h := groups.Find("h3").Text(); !strings.Contains(h, "6 comments") {
			t.Errorf("campaign heading %q, want 6 comments", h)
		}
		if groups.Find("a.govuk-button").Length() != 0 {
			t.Errorf("an analyst, who cannot moderate, is offered campaign decisions")
		}
		rep := strings.TrimPrefix(groups.AttrOr("id", ""), "campaign-")
		analyst.PostForm("/admin/consultations/buses/campaigns/"+rep, url.Values{"action": {"reject"}, "reason": {"duplicate"}}).
			Expect(t, http.StatusForbidden)

		admin := rptSignIn(t, a, "admin")
		page = admin.Get("/admin/consultations/buses/analysis").Expect(t, http.StatusOK)
		reject := page.Doc.Find(".pc-campaign a.govuk-button--warning").AttrOr("href", "")
		confirm := admin.Get(reject).Expect(t, http.StatusOK)
		if sel := confirm.Doc.Find(`#reason option[selected]`).AttrOr("value", ""); sel != "duplicate" {
			t.Errorf("default reason = %q", sel)
		}
		done := admin.PostForm("/admin/consultations/buses/campaigns/"+rep, url.Values{"action": {"reject"}, "reason": {"duplicate"}}).
			Expect(t, http.StatusSeeOther)
		if loc := done.Header.Get("Location"); !strings.Contains(loc, "decided=6") {
			t.Errorf("redirect to %q", loc)
		}
		var rejected int64
		a.App.Store.DB.Model(&model.Comment{}).Where("status = 'rejected' AND moderation_reason = 'duplicate'").Count(&rejected)
		if rejected != 6 {
			t.Errorf("%d comments rejected as duplicates, want 6", rejected)
		}
		after := admin.Follow(done).Expect(t, http.StatusOK)
		if after.Doc.Find(".pc-campaign").Length() != 0 {
			t.Errorf("rejected campaign still listed")
		}
		if !strings.Contains(testutil.Text(after), "applied to 6 comments") {
			t.Errorf("no confirmation banner: %q", testutil.Text(after))
		}
	})
}

func TestCampaignsCachedPerFingerprint(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", nil)
	fx := newRptFixture(t, a)
	addCampaign(t, a, fx, 4)
	ctx := context.Background()
	first, err := a.App.Reports.Campaigns(ctx, fx.c)
	if err != nil || len(first) != 1 || first[0].Count != 3 {
		t.Fatalf("campaigns = %+v, %v", first, err)
	}
	var cached int64
	a.App.Store.DB.Model(&model.Job{}).Where("kind = 'campaigns' AND status = 'done'").Count(&cached)
	if cached != 1 {
		t.Fatalf("%d cached results, want 1", cached)
	}
	if _, err := a.App.Reports.Campaigns(ctx, fx.c); err != nil {
		t.Fatal(err)
	}
	a.App.Store.DB.Model(&model.Job{}).Where("kind = 'campaigns'").Count(&cached)
	if cached != 1 {
		t.Errorf("detection ran again without any change: %d results", cached)
	}
	addCampaign(t, a, fx, 2) // a change of comments means a new detection
	again, err := a.App.Reports.Campaigns(ctx, fx.c)
	if err != nil || len(again) != 1 || again[0].Count != 4 {
		t.Fatalf("after new comments: %+v, %v", again, err)
	}
}

// TestCampaignsPageForModerators: moderators, who do not see the analysis page,
// approve a whole campaign from its own page and come back to it.
func TestCampaignsPageForModerators(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		fx := newRptFixture(t, a)
		addCampaign(t, a, fx, 5) // four copies and a near miss
		rptSignIn(t, a, "citizen").Get("/admin/consultations/buses/campaigns").Expect(t, http.StatusForbidden)
		mod := rptSignIn(t, a, "moderator")
		mod.Get("/admin/consultations/buses/analysis").Expect(t, http.StatusForbidden)
		page := mod.Get("/admin/consultations/buses/campaigns").Expect(t, http.StatusOK)
		approve := page.Doc.Find(".pc-campaign a.govuk-button").First().AttrOr("href", "")
		if !strings.Contains(approve, "action=approve") {
			t.Fatalf("approve link = %q", approve)
		}
		confirm := mod.Get(approve).Expect(t, http.StatusOK)
		if confirm.Doc.Find("#reason").Length() != 0 {
			t.Errorf("an approval asks for a rejection reason")
		}
		form := url.Values{"action": {"approve"}, "return": {confirm.Doc.Find(`input[name="return"]`).AttrOr("value", "")}}
		action := confirm.Doc.Find(`form[action*="/campaigns/"]`).AttrOr("action", "")
		done := mod.PostForm(action, form).Expect(t, http.StatusSeeOther)
		if loc := done.Header.Get("Location"); !strings.HasPrefix(loc, "/admin/consultations/buses/campaigns?decided=4") {
			t.Errorf("redirect to %q", loc)
		}
		var approved int64
		a.App.Store.DB.Model(&model.Comment{}).Where("status = 'approved' AND body LIKE 'I object to the closure of the bus station in%'").Count(&approved)
		if approved != 4 {
			t.Errorf("%d campaign comments approved, want 4", approved)
		}
		// Deciding again finds nothing left to decide.
		again := mod.Get("/admin/consultations/buses/campaigns").Expect(t, http.StatusOK)
		if again.Doc.Find(".pc-campaign a.govuk-button").Length() != 0 {
			t.Errorf("buttons offered for a campaign with nothing pending")
		}
	})
}
