package web_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// TestBrowserAuthoring: an official creates a consultation from a Word file
// with an image, attaches a PDF, sets the dates with the date inputs,
// previews and publishes; a citizen sees the image and downloads the
// attachment. Every page is checked with axe.
func TestBrowserAuthoring(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	pdfPath := filepath.Join(t.TempDir(), "impact.pdf")
	if err := os.WriteFile(pdfPath, []byte(threePagePDF(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	docx, err := filepath.Abs("../importdoc/testdata/constructs.docx")
	if err != nil {
		t.Fatal(err)
	}
	zone := a.Config.TimeZone
	opens, closes := time.Now().In(zone).AddDate(0, 0, -1), time.Now().In(zone).AddDate(0, 0, 30)
	date := func(prefix string, d time.Time, at string) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{
			chromedp.SendKeys(chromedp.CSS("#"+prefix), strconv.Itoa(d.Day())),
			chromedp.SendKeys(chromedp.CSS("#"+prefix+"-month"), strconv.Itoa(int(d.Month()))),
			chromedp.SendKeys(chromedp.CSS("#"+prefix+"-year"), strconv.Itoa(d.Year())),
			chromedp.SendKeys(chromedp.CSS("#"+prefix+"-time"), at),
		}
	}

	b := browser.New(t)
	signIn(t, b, a.URL, "Olu Official", "olu@example.test", "admin")
	b.Run(t, chromedp.Navigate(a.URL+"/admin/consultations/new"), chromedp.WaitVisible(chromedp.CSS("#title")))
	b.CheckAccessibility(t)
	actions := []chromedp.Action[chromedp.Void]{
		chromedp.SendKeys(chromedp.CSS("#title"), "Cycling and walking plan"),
		chromedp.SendKeys(chromedp.CSS("#slug"), "walking-plan"),
	}
	actions = append(actions, date("opens", opens, "9:00am")...)
	actions = append(actions, date("closes", closes, "17:00")...)
	actions = append(actions, chromedp.Click(chromedp.CSS(`form[action="/admin/consultations"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".govuk-notification-banner")))
	b.Run(t, actions...)

	// A supporting document.
	b.Run(t, chromedp.Navigate(a.URL+"/admin/consultations/walking-plan/attachments"), chromedp.WaitVisible(chromedp.CSS("#title")))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.SendKeys(chromedp.CSS("#title"), "Impact assessment"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{pdfPath}),
		chromedp.Click(chromedp.CSS(`form[enctype="multipart/form-data"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#attachments")))
	b.CheckAccessibility(t)

	// The document from Word, previewed, then published.
	b.Run(t, chromedp.Navigate(a.URL+"/admin/consultations/walking-plan/versions/new"), chromedp.WaitVisible(chromedp.CSS("#document")))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.SetUploadFiles(chromedp.CSS("#document"), []string{docx}),
		chromedp.Click(chromedp.CSS(`form.pc-import button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#import-losses")))
	if md := browser.Get(t, b, chromedp.Value(chromedp.CSS("#markdown"))); !strings.Contains(md, "](image1.png)") {
		t.Fatalf("the editor holds:\n%s", md)
	}
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click(chromedp.CSS(`button[value="preview"]`)), chromedp.WaitVisible(chromedp.CSS(".pc-preview img.pc-document-image")))
	if w := browser.Get(t, b, chromedp.Evaluate[int](`document.querySelector(".pc-preview img.pc-document-image").naturalWidth`)); w != 40 {
		t.Errorf("the preview's image is %d pixels wide, want 40 (loaded)", w)
	}
	b.CheckAccessibility(t)
	// Wait for the redirect itself: the editor's own h1 is ready before it.
	b.Run(t, chromedp.Click(chromedp.CSS(`button[value="publish"]`)),
		chromedp.WaitNotPresent(chromedp.CSS("#markdown")), chromedp.WaitReady(chromedp.CSS("h1")))
	if loc := browser.Get(t, b, chromedp.Location()); !strings.HasSuffix(loc, "?done=published") {
		t.Fatalf("publishing went to %s: %.1000s", loc, browser.Get(t, b, chromedp.Evaluate[string](`document.querySelector("main").innerText`)))
	}

	// A citizen reads it (one browser per test: the helper runs one at a time).
	signOut(t, b)
	citizen := b
	citizen.Run(t, chromedp.Navigate(a.URL+"/consultations/walking-plan"), chromedp.WaitReady(chromedp.CSS("h1")))
	if n := browser.Get(t, citizen, chromedp.Evaluate[int](`document.querySelectorAll(".pc-attachment").length`)); n != 1 {
		t.Fatalf("%d attachments on the page: %.2000s", n, browser.Get(t, citizen, chromedp.Evaluate[string](`document.querySelector("main").innerText`)))
	}
	citizen.CheckAccessibility(t)
	if status := browser.Get(t, citizen, chromedp.Text(".govuk-summary-list .govuk-tag")); !strings.Contains(status, "Open") {
		t.Errorf("status %q, want open", status)
	}
	img := browser.Get(t, citizen, chromedp.Evaluate[map[string]any](`(() => { const i = document.querySelector("img.pc-document-image");
		return {alt: i.alt, width: i.naturalWidth, complete: i.complete}; })()`))
	if img["alt"] != "Route map of the city centre" || img["width"] != float64(40) {
		t.Errorf("image on the page: %v", img)
	}
	got := browser.Get(t, citizen, chromedp.Evaluate[map[string]any](`(async () => {
		const a = document.querySelector(".pc-attachment a");
		const r = await fetch(a.href);
		const b = await r.arrayBuffer();
		return {status: r.status, type: r.headers.get("content-type"), disposition: r.headers.get("content-disposition"),
			nosniff: r.headers.get("x-content-type-options"), size: b.byteLength, text: a.textContent};
	})()`, chromedp.EvalAwaitPromise))
	if got["status"] != float64(200) || got["type"] != "application/pdf" || !strings.HasPrefix(got["disposition"].(string), "attachment") ||
		got["nosniff"] != "nosniff" || got["size"] != float64(len(threePagePDF(t))) {
		t.Errorf("download: %v", got)
	}
	if meta := browser.Get(t, citizen, chromedp.Text(".pc-attachment__metadata")); !strings.Contains(meta, "3 pages") {
		t.Errorf("attachment metadata %q", meta)
	}
}
