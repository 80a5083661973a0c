package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"pilcrow/app/consult"
	"pilcrow/app/export"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

func TestReportRoutesRoles(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		newRptFixture(t, a)
		// A finished report, so the job routes have something to show.
		job, err := a.App.Reports.StartReport(context.Background(), rptAdmin(t, a), mustConsultation(t, a, "buses"), consult.JobReportPDF, "en")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.App.Jobs.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		jobPath := "/admin/jobs/" + itoa(job.ID)
		routes := []struct {
			path string
			ok   int // the analyst's and the admin's status
		}{
			{"/admin/reports", http.StatusOK},
			{"/admin/consultations/buses/reports", http.StatusOK},
			{"/admin/consultations/buses/export.csv", http.StatusOK},
			{"/admin/consultations/buses/report.pdf", http.StatusOK}, // the finished one above
			{"/admin/consultations/buses/analysis", http.StatusOK},
			{jobPath, http.StatusOK},
			{jobPath + "/download", http.StatusOK},
		}
		roles := []struct {
			role string
			want func(ok int) int
		}{
			{"", func(int) int { return http.StatusSeeOther }},
			{"citizen", func(int) int { return http.StatusForbidden }},
			{"moderator", func(int) int { return http.StatusForbidden }},
			{"analyst", func(ok int) int { return ok }},
			{"admin", func(ok int) int { return ok }},
		}
		for _, r := range roles {
			c := rptSignIn(t, a, r.role)
			for _, rt := range routes {
				res := c.Get(rt.path)
				if want := r.want(rt.ok); res.StatusCode != want {
					t.Errorf("%q GET %s = %d, want %d", r.role, rt.path, res.StatusCode, want)
				}
				if r.role == "" && !strings.HasPrefix(res.Header.Get("Location"), "/auth/sign-in") {
					t.Errorf("anonymous GET %s went to %q, not sign-in", rt.path, res.Header.Get("Location"))
				}
			}
		}
	})
}

// rptCSV downloads the export and parses it, failing on anything malformed.
func rptCSV(t *testing.T, c *testutil.Client, query string) (*testutil.Response, [][]string) {
	t.Helper()
	res := c.Get("/admin/consultations/buses/export.csv"+query).Expect(t, http.StatusOK)
	if !strings.HasPrefix(res.Body, "\ufeff") {
		t.Fatalf("no byte-order mark: %.40q", res.Body)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("export is not valid CSV: %v", err)
	}
	if !slices.Equal(recs[0], export.CSVHeader) {
		t.Fatalf("header = %q", recs[0])
	}
	return res, recs[1:]
}

func TestExportCSV(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		fx := newRptFixture(t, a)
		c := rptSignIn(t, a, "analyst")
		res, rows := rptCSV(t, c, "")
		if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
		if cd := res.Header.Get("Content-Disposition"); !regexp.MustCompile(`^attachment; filename=buses-responses-\d{8}\.csv$`).MatchString(cd) {
			t.Errorf("Content-Disposition = %q", cd)
		}
		if len(rows) != len(fx.comments) {
			t.Fatalf("%d rows, want %d", len(rows), len(fx.comments))
		}
		col := func(name string) int { return slices.Index(export.CSVHeader, name) }
		for i, body := range rptBodies {
			row := rows[i]
			// encoding/csv writes line breaks as CRLF and reads them back as LF,
			// and its writer drops a carriage return that ends no line.
			want := strings.ReplaceAll(export.Neutralise(body), "\r\n", "\n")
			want = strings.ReplaceAll(want, "\r", "")
			if row[col("body")] != want {
				t.Errorf("body %d round trip = %q, want %q", i, row[col("body")], want)
			}
			if row[col("author")] != "Siân Ŵyn ap Dafydd" || row[col("paragraph_number")] != "1" ||
				row[col("paragraph_key")] != fx.keys[0] || row[col("document_version")] != "1" ||
				row[col("consultation")] != "buses" || row[col("status")] != "pending" {
				t.Errorf("row %d = %q", i, row)
			}
		}
		for _, cell := range []string{"=", "+", "-", "@", "\t", "\r"} {
			for _, row := range rows {
				for _, v := range row {
					if strings.HasPrefix(strings.TrimLeft(v, " "), cell) {
						t.Errorf("cell %q starts a formula", v)
					}
				}
			}
		}
		publish := map[string]string{}
		for _, row := range rows {
			publish[row[col("author")]] = row[col("publish")]
		}
		if publish["Anne Anonymous"] != "anonymous" || publish["Nora Nopublish"] != "no" || publish["Olaf Org"] != "name" {
			t.Errorf("publish column = %v", publish)
		}
		whole := rows[len(rptBodies)+3]
		if whole[col("paragraph_number")] != "" || whole[col("organisation")] != "Cymdeithas Bysiau Cymru" ||
			whole[col("responding_as")] != "organisation" || whole[col("submitted_at")] != "2026-01-14T12:00:00Z" ||
			whole[col("moderated_at")] != "2026-01-14T13:00:00Z" {
			t.Errorf("whole-document row = %q", whole)
		}
		if ex := rows[len(rptBodies)][col("paragraph_excerpt")]; ex != "Fares should be capped at two pounds." {
			t.Errorf("excerpt = %q", ex)
		}
	})
}

func TestExportCSVFilters(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		newRptFixture(t, a)
		c := rptSignIn(t, a, "admin")
		cases := []struct {
			name, query string
			rows        int
		}{
			{"all", "", 14},
			{"approved", "?status=approved", 4},
			{"rejected", "?status=rejected", 1},
			{"from the fourth day", "?from=2026-01-13", 5},
			{"to the first day, inclusive", "?to=2026-01-10", 3},
			{"range and status", "?status=approved&from=2026-01-13&to=2026-01-13", 2},
			{"empty values", "?status=&from=&to=", 14},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				if _, rows := rptCSV(t, c, tc.query); len(rows) != tc.rows {
					t.Errorf("%s: %d rows, want %d", tc.query, len(rows), tc.rows)
				}
			})
		}
		for _, bad := range []string{"?status=deleted", "?from=yesterday", "?to=2026-13-01", "?from=2026-02-01&to=2026-01-01"} {
			res := c.Get("/admin/consultations/buses/export.csv" + bad)
			if res.StatusCode != http.StatusBadRequest || strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
				t.Errorf("%s: status %d, disposition %q", bad, res.StatusCode, res.Header.Get("Content-Disposition"))
			}
		}
		c.Get("/admin/consultations/nowhere/export.csv").Expect(t, http.StatusNotFound)
	})
}

func TestReportPDFJobFlow(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		testutil.Unavailable(t, "pdftotext", "install poppler-utils")
	}
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		newRptFixture(t, a)
		c := rptSignIn(t, a, "analyst")
		start := c.PostForm("/admin/consultations/buses/reports", url.Values{"kind": {"pdf"}}).Expect(t, http.StatusSeeOther)
		jobPath := start.Header.Get("Location")
		if !regexp.MustCompile(`^/admin/jobs/\d+$`).MatchString(jobPath) {
			t.Fatalf("redirect to %q", jobPath)
		}
		waiting := c.Get(jobPath).Expect(t, http.StatusOK)
		// It updates itself with a script and offers a link without one; never a
		// meta refresh, which reloads under a screen reader's feet (WCAG 2.2.1).
		if waiting.Doc.Find(`script[src*="js/jobs.js"]`).Length() != 1 || waiting.Doc.Find(`a[href="`+jobPath+`"]`).Length() != 1 {
			t.Errorf("waiting page lacks its script or its check-again link")
		}
		if waiting.Doc.Find(`meta[http-equiv="refresh"]`).Length() != 0 {
			t.Errorf("waiting page reloads itself")
		}
		if !strings.Contains(testutil.Text(waiting), "0% done") {
			t.Errorf("waiting page says %q", testutil.Text(waiting))
		}
		if again := c.PostForm("/admin/consultations/buses/reports", url.Values{"kind": {"pdf"}}); again.Header.Get("Location") != jobPath {
			t.Errorf("the same report was queued twice: %q", again.Header.Get("Location"))
		}
		if ran, err := a.App.Jobs.RunOnce(context.Background()); !ran || err != nil {
			t.Fatalf("RunOnce = %v, %v", ran, err)
		}
		done := c.Get(jobPath).Expect(t, http.StatusOK)
		if done.Doc.Find(`script[src*="js/jobs.js"]`).Length() != 0 {
			t.Errorf("finished page still polls")
		}
		href, _ := done.Doc.Find("#download").Attr("href")
		if href != jobPath+"/download" {
			t.Fatalf("download link = %q", href)
		}
		file := c.Get(href).Expect(t, http.StatusOK)
		if file.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(file.Body, "%PDF-") {
			t.Fatalf("download is %q: %.10q", file.Header.Get("Content-Type"), file.Body)
		}
		if cd := file.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "buses-report-") {
			t.Errorf("Content-Disposition = %q", cd)
		}
		text := rptPDFText(t, pdftotext, []byte(file.Body))
		for _, want := range []string{"Buses and trains in Aberystwyth", "Siân Ŵyn ap Dafydd", "Capping fares helps everyone",
			"Anonymous view on fares", "Key figures", "Cymdeithas Bysiau Cymru"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF lacks %q", want)
			}
		}
		for _, banned := range []string{"Private view", "Nora Nopublish", "Anne Anonymous", "Rejected rant", "HYPERLINK"} {
			if strings.Contains(text, banned) {
				t.Errorf("PDF shows %q, which may not be published", banned)
			}
		}
		list := c.Get("/admin/reports").Expect(t, http.StatusOK)
		if list.Doc.Find(`a[href="`+jobPath+`"]`).Length() != 1 {
			t.Errorf("the reports page does not list the report")
		}
	})
}

// rptPDFText extracts a PDF's text with pdftotext, which also proves it parses.
func rptPDFText(t *testing.T, pdftotext string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestReportJobFailure: a report that cannot be made says so on its page, with a
// way to try again, and offers no download.
func TestReportJobFailure(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", nil)
	job := &model.Job{Kind: consult.JobReportPDF, Params: `{"consultation_id":999,"slug":"gone","fingerprint":"x"}`}
	if err := a.App.Store.CreateJob(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	if ran, err := a.App.Jobs.RunOnce(context.Background()); !ran || err != nil {
		t.Fatalf("RunOnce = %v, %v", ran, err)
	}
	c := rptSignIn(t, a, "analyst")
	page := c.Get("/admin/jobs/"+itoa(job.ID)).Expect(t, http.StatusOK)
	if status := page.Doc.Find("#job-status").Text(); !strings.Contains(status, "could not be made") {
		t.Errorf("status = %q", status)
	}
	if !strings.Contains(testutil.Text(page), "The consultation no longer exists.") ||
		page.Doc.Find(`form[action="/admin/consultations/gone/reports"] button#retry`).Length() != 1 {
		t.Errorf("failure page: %q", testutil.Text(page))
	}
	c.Get("/admin/jobs/"+itoa(job.ID)+"/download").Expect(t, http.StatusNotFound)
	cache := &model.Job{Kind: consult.JobCampaigns, Params: "{}", Result: []byte("[]")}
	if err := a.App.Store.SaveFinishedJob(context.Background(), cache); err != nil {
		t.Fatal(err)
	}
	c.Get("/admin/jobs/"+itoa(cache.ID)+"/download").Expect(t, http.StatusNotFound) // internal caches stay internal
	c.Get("/admin/jobs/nope").Expect(t, http.StatusNotFound)
	c.Get("/admin/jobs/999999").Expect(t, http.StatusNotFound)
}
