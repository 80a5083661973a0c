package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pilcrow/app/consult"
	"pilcrow/app/testutil"
)

// TestReportGETNeverStartsWork: a GET of report.pdf or report.docx serves the
// newest finished report or sends the person to the reports page, and never
// queues a job; a POST from that page does.
func TestReportGETNeverStartsWork(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		newRptFixture(t, a)
		c := rptSignIn(t, a, "analyst")
		for _, path := range []string{"/admin/consultations/buses/report.pdf", "/admin/consultations/buses/report.docx"} {
			for range 3 {
				res := c.Get(path).Expect(t, http.StatusSeeOther)
				if loc := res.Header.Get("Location"); loc != "/admin/consultations/buses/reports" {
					t.Errorf("GET %s went to %q", path, loc)
				}
			}
		}
		if n := sumJobs(t, a); n != 0 {
			t.Fatalf("GETs queued %d jobs", n)
		}
		page := c.Get("/admin/consultations/buses/reports").Expect(t, http.StatusOK)
		if page.Doc.Find("#none-pdf").Length() != 1 || page.Doc.Find("#make-pdf").Length() != 1 || page.Doc.Find("#make-docx").Length() != 1 {
			t.Errorf("reports page offers no way to make a report: %q", testutil.Text(page))
		}
		if sumJobs(t, a) != 0 {
			t.Fatal("showing the reports page queued a job")
		}
		start := c.PostForm("/admin/consultations/buses/reports", url.Values{"kind": {"pdf"}}).Expect(t, http.StatusSeeOther)
		if !strings.HasPrefix(start.Header.Get("Location"), "/admin/jobs/") {
			t.Fatalf("POST went to %q", start.Header.Get("Location"))
		}
		// Not finished yet: still a redirect, still one job, and the page shows progress.
		c.Get("/admin/consultations/buses/report.pdf").Expect(t, http.StatusSeeOther)
		if n := sumJobs(t, a); n != 1 {
			t.Fatalf("%d jobs after one POST", n)
		}
		page = c.Get("/admin/consultations/buses/reports").Expect(t, http.StatusOK)
		if page.Doc.Find("#recent-reports tbody tr").Length() != 1 {
			t.Errorf("the job is not listed with its progress")
		}
		if ran, err := a.App.Jobs.RunOnce(context.Background()); !ran || err != nil {
			t.Fatalf("RunOnce = %v, %v", ran, err)
		}
		file := c.Get("/admin/consultations/buses/report.pdf").Expect(t, http.StatusOK)
		if file.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(file.Body, "%PDF-") {
			t.Fatalf("report.pdf is %q", file.Header.Get("Content-Type"))
		}
		if n := sumJobs(t, a); n != 1 {
			t.Fatalf("serving the report queued work: %d jobs", n)
		}
		page = c.Get("/admin/consultations/buses/reports").Expect(t, http.StatusOK)
		if page.Doc.Find("#latest-pdf").Length() != 1 || !strings.Contains(page.Doc.Find("#taken-pdf").Text(), "data was taken at") {
			t.Errorf("reports page does not offer the finished report with its time: %q", testutil.Text(page))
		}
	})
}

// sumJobs counts the report jobs of any kind.
func sumJobs(t *testing.T, a *testutil.TestApp) int {
	t.Helper()
	js, err := a.App.Store.RecentJobsOfKinds(context.Background(), consult.ReportKinds, 100)
	if err != nil {
		t.Fatal(err)
	}
	return len(js)
}
