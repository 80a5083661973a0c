package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pilcrow/app/consult"
	"pilcrow/app/export"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestReportDOCXOpensInLibreOffice makes the Word summary through the reports
// page, then has LibreOffice convert it, as a policy team's editor would open it.
func TestReportDOCXOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		testutil.Unavailable(t, "libreoffice", "install libreoffice-writer-nogui")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		testutil.Unavailable(t, "pdftotext", "install poppler-utils")
	}
	a := testutil.NewApp(t, "sqlite", nil)
	fx := newRptFixture(t, a)
	addReportComments(t, a, fx)
	c := rptSignIn(t, a, "analyst")
	c.Get("/admin/consultations/buses/report.docx").Expect(t, http.StatusSeeOther)
	c.PostForm("/admin/consultations/buses/reports", url.Values{"kind": {"docx"}}).Expect(t, http.StatusSeeOther)
	if ran, err := a.App.Jobs.RunOnce(context.Background()); !ran || err != nil {
		t.Fatalf("RunOnce = %v, %v", ran, err)
	}
	res := c.Get("/admin/consultations/buses/report.docx").Expect(t, http.StatusOK)
	if res.Header.Get("Content-Type") != export.DOCXContentType || !strings.HasPrefix(res.Body, "PK") {
		t.Fatalf("report.docx is %q", res.Header.Get("Content-Type"))
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, ".docx") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	if es, err := a.App.Store.AuditEntries(context.Background(), store.AuditFilter{Action: consult.AuditDownloadDOCX, Limit: 5}); err != nil || len(es) != 1 {
		t.Errorf("the Word download is not in the audit log: %v, %v", es, err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.docx")
	if err := os.WriteFile(path, []byte(res.Body), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "summary.pdf"))
	if err != nil {
		t.Fatalf("LibreOffice made no PDF: %v", err)
	}
	text := rptPDFText(t, pdftotext, pdf)
	for _, want := range []string{"Buses and trains in Aberystwyth", "Key figures", "Our members support the whole plan.",
		"Sunday parking at the station matters.", "The station car park should be free on Sundays.",
		"Reply from Anne Anonymous", "Capping fares helps everyone in Penparcau.", "Cymdeithas Bysiau Cymru"} {
		if !strings.Contains(text, want) {
			t.Errorf("converted document lacks %q", want)
		}
	}
	for _, banned := range []string{"Private view", "Nora Nopublish", "Rejected rant"} {
		if strings.Contains(text, banned) {
			t.Errorf("document shows %q, which may not be published", banned)
		}
	}
}
