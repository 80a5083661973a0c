package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/testutil"
)

// TestCampaignsAsOneRow: once campaigns are detected, a campaign is one row
// with its count in search results and in the moderation queue, its members
// are one click away, and the key figures count the responses that came
// through campaigns.
func TestCampaignsAsOneRow(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		fx := newRptFixture(t, a)
		addCampaign(t, a, fx, 7) // six copies of the letter and one near miss
		analyst := rptSignIn(t, a, "analyst")
		page := analyst.Get("/admin/consultations/buses/analysis").Expect(t, http.StatusOK)
		if got := strings.TrimSpace(page.Doc.Find("#figure-campaigns").Text()); got != "6" {
			t.Errorf("responses through campaigns = %q, want 6", got)
		}

		letters := func(r *testutil.Response) (rows, letters int) {
			r.Doc.Find("[data-comment-id]").Each(func(_ int, s *goquery.Selection) {
				rows++
				if strings.Contains(s.Text(), "I object to the closure of the bus station in Aberystwyth") {
					letters++
				}
			})
			return rows, letters
		}
		r := analyst.Get("/admin/consultations/buses/search?q=closure").Expect(t, http.StatusOK)
		if rows, n := letters(r); n != 1 || rows != 2 {
			t.Errorf("search: %d rows with %d copies of the letter; want the campaign once beside the near miss", rows, n)
		}
		group := r.Doc.Find("[data-campaign-count]")
		if group.AttrOr("data-campaign-count", "") != "6" {
			t.Fatalf("campaign row count %q", group.AttrOr("data-campaign-count", ""))
		}
		all := analyst.Get(group.Find("a").AttrOr("href", "")).Expect(t, http.StatusOK)
		if rows, n := letters(all); rows != 6 || n != 6 {
			t.Errorf("the campaign's own search: %d rows, %d letters; want 6", rows, n)
		}

		mod := rptSignIn(t, a, "moderator")
		q := mod.Get("/admin/moderation?consultation=buses").Expect(t, http.StatusOK)
		if _, n := letters(q); n != 1 {
			t.Errorf("moderation queue shows the letter %d times, want once", n)
		}
		if c := q.Doc.Find("[data-campaign-count]"); c.Length() != 1 || c.AttrOr("data-campaign-count", "") != "6" {
			t.Errorf("queue marks %d campaign rows (%q)", c.Length(), c.AttrOr("data-campaign-count", ""))
		}
	})
}
