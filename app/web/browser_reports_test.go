package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// fetchText downloads a same-site URL inside the page, with the page's cookies,
// and returns the start of the body: what a person's browser would save.
const fetchText = `fetch(%q, {credentials: "same-origin"}).then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status))
  .then(b => new TextDecoder("utf-8", {ignoreBOM: true}).decode(new Uint8Array(b).slice(0, 4000)))`

// TestBrowserReports: an admin opens the reports pages from the admin panel,
// downloads the CSV and, through the report's progress page, the PDF, and axe
// finds nothing wrong on the reports, analysis and progress pages.
func TestBrowserReports(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	fx := newRptFixture(t, a)
	addCampaign(t, a, fx, 5)
	b := browser.New(t)
	fetch := func(href string) string {
		return browser.Get(t, b, chromedp.Evaluate[string](fmt.Sprintf(fetchText, href), chromedp.EvalAwaitPromise))
	}

	b.Run(t,
		chromedp.Navigate(a.URL+"/auth/dev?next=/admin"),
		chromedp.SendKeys(chromedp.CSS("#name"), "Ada Admin"),
		chromedp.SendKeys(chromedp.CSS("#email"), "ada@example.org"),
		chromedp.Click(chromedp.CSS(`#role-admin`)),
		chromedp.Click(chromedp.CSS(`form[action="/auth/dev"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`main a[href="/admin/reports"]`)),
		chromedp.Click(chromedp.CSS(`main a[href="/admin/reports"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/admin/consultations/buses/reports"]`)),
	)
	b.CheckAccessibility(t)

	b.Run(t, chromedp.Click(chromedp.CSS(`a[href="/admin/consultations/buses/reports"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="export.csv"]`)))
	b.CheckAccessibility(t)
	csv := fetch("/admin/consultations/buses/export.csv?status=pending")
	if !strings.HasPrefix(csv, "\ufeffconsultation,document_version,") || !strings.Contains(csv, "Siân Ŵyn ap Dafydd") {
		t.Errorf("CSV download starts %.200q", csv)
	}

	b.Run(t, chromedp.Click(chromedp.CSS(`#make-pdf`)), chromedp.WaitVisible(chromedp.CSS("#job-status")))
	if status := browser.Get(t, b, chromedp.Text(chromedp.CSS("#job-status"))); !strings.Contains(status, "0% done") {
		t.Errorf("progress page says %q", status)
	}
	b.CheckAccessibility(t)
	// The worker is not running in tests: run the job now, and the page, polling,
	// turns into a download link by itself.
	if ran, err := a.App.Jobs.RunOnce(context.Background()); !ran || err != nil {
		t.Fatalf("RunOnce = %v, %v", ran, err)
	}
	ctx, cancel := context.WithTimeout(b.Ctx(), 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitVisible(chromedp.CSS("#download"))); err != nil {
		t.Fatalf("the progress page did not turn into a download: %v", err)
	}
	if status := browser.Get(t, b, chromedp.Text(chromedp.CSS("#job-status"))); !strings.Contains(status, "ready") {
		t.Errorf("finished page says %q", status)
	}
	b.CheckAccessibility(t)
	href := browser.Get(t, b, chromedp.Evaluate[string](`document.getElementById("download").getAttribute("href")`))
	if pdf := fetch(href); !strings.HasPrefix(pdf, "%PDF-") {
		t.Errorf("PDF download starts %.20q", pdf)
	}

	b.Run(t, chromedp.Navigate(a.URL+"/admin/consultations/buses/analysis"), chromedp.WaitVisible(chromedp.CSS("#campaigns")))
	if n := browser.Get(t, b, chromedp.Evaluate[int](`document.querySelectorAll(".pc-campaign").length`)); n != 1 {
		t.Errorf("%d campaigns shown, want 1", n)
	}
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click(chromedp.CSS(`.pc-campaign a.govuk-button--warning`)), chromedp.WaitVisible(chromedp.CSS("#reason")))
	b.CheckAccessibility(t)
}
