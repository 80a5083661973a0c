package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pilcrow/app/consult"
	"pilcrow/app/store"
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
		if page.Doc.Find("#latest-pdf").Length() != 1 || !strings.Contains(page.Doc.Find("#taken-pdf").Text(), "data was taken on") {
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

// TestDownloadsAreAudited: each download of a file with personal data leaves an
// entry naming who took what, and the audit log says so in words.
func TestDownloadsAreAudited(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		newRptFixture(t, a)
		ctx := context.Background()
		job, err := a.App.Reports.StartReport(ctx, rptAdmin(t, a), mustConsultation(t, a, "buses"), consult.JobReportPDF, "en")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.App.Jobs.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		analyst := rptSignIn(t, a, "analyst")
		analyst.Get("/admin/consultations/buses/export.csv?status=approved").Expect(t, http.StatusOK)
		analyst.Get("/admin/consultations/buses/report.pdf").Expect(t, http.StatusOK)
		analyst.Get("/admin/jobs/"+itoa(job.ID)+"/download").Expect(t, http.StatusOK)
		admin := rptSignIn(t, a, "admin")
		admin.Get("/admin/audit.csv").Expect(t, http.StatusOK)

		es, err := a.App.Store.AuditEntries(ctx, store.AuditFilter{Action: "download.", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			if e.ActorID == nil {
				t.Errorf("%s has no actor", e.Action)
			}
			got = append(got, e.Action+" "+e.TargetID)
		}
		want := []string{"download.audit ", "download.pdf buses", "download.pdf buses", "download.csv buses"}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("audit entries %q, want %q", got, want)
		}
		if !strings.Contains(es[3].After, `"status":"approved"`) {
			t.Errorf("the CSV entry does not keep its filter: %s", es[3].After)
		}
		rptSignIn(t, a, "citizen")
		admin.Get("/admin/users")
		admin.PostForm("/admin/users/"+itoa(accountID(t, a, "citizen@example.org"))+"/role", url.Values{"role": {"moderator"}})
		page := admin.Get("/admin/audit").Expect(t, http.StatusOK)
		text := testutil.Text(page)
		for _, want := range []string{
			"Downloaded the responses CSV of “Buses and trains in Aberystwyth”",
			"Downloaded the PDF summary report of “Buses and trains in Aberystwyth”",
			"Downloaded the audit log",
			"Role changed from citizen to moderator.",
			"Only comments with the status: Approved.",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("audit page lacks %q", want)
			}
		}
		if strings.Contains(text, `{"`) {
			t.Errorf("audit page shows raw JSON: %q", text)
		}
	})
}
