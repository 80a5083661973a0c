package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// firstRefusal makes n requests and returns the index of the first 429 (-1 if
// none), checking that it says when to retry.
func firstRefusal(t *testing.T, n int, do func() *testutil.Response) int {
	t.Helper()
	for i := range n {
		r := do()
		if r.StatusCode == http.StatusTooManyRequests {
			if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 {
				t.Errorf("429 without a Retry-After: %q", r.Header.Get("Retry-After"))
			}
			return i
		}
		if r.StatusCode >= 400 {
			t.Fatalf("request %d: %d %.200s", i, r.StatusCode, testutil.Text(r))
		}
	}
	return -1
}

// TestExportRateLimits downloads exports in a row until the account's limit
// refuses one with 429 and Retry-After; every kind of download shares the
// count, and report starts have their own.
func TestExportRateLimits(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		const limit = 4
		a.Consult.ExportLimits = consult.ExportLimits{DownloadsPer10Minutes: limit, ReportsPerHour: limit}
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "limits", model.PreModeration)
		analyst := modClient(t, a, "Ana", "analyst")
		base := "/admin/consultations/" + f.Consultation.Slug
		// 2*limit+1 requests hold more than limit in one fixed window even if a
		// window boundary falls among them.
		i := firstRefusal(t, 2*limit+1, func() *testutil.Response { return analyst.Get(base + "/export.csv") })
		if i < limit {
			t.Fatalf("CSV: first 429 at request %d, want after %d", i, limit)
		}
		analyst.Get(base+"/answers.csv").Expect(t, http.StatusTooManyRequests)
		analyst.Get(base+"/report.pdf").Expect(t, http.StatusTooManyRequests)
		// Another analyst has their own allowance.
		modClient(t, a, "Bea", "analyst").Get(base+"/export.csv").Expect(t, http.StatusOK)

		starts := func() *testutil.Response {
			return analyst.PostForm(base+"/reports", url.Values{"kind": {"pdf"}})
		}
		if i := firstRefusal(t, 2*limit+1, starts); i < limit {
			t.Fatalf("report starts: first 429 at request %d, want after %d", i, limit)
		}
	})
}
