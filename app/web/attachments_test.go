package web_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/testutil"
)

func threePagePDF(t *testing.T) string {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	for i := 0; i < 3; i++ {
		pdf.AddPage()
		pdf.Cell(40, 10, "Impact assessment")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestAttachmentsAcrossInstances uploads supporting documents on one instance
// and reads and downloads them from another sharing the database.
func TestAttachmentsAcrossInstances(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		dbURL := testutil.DatabaseURL(t, engine)
		one := testutil.NewApp(t, engine, map[string]string{"PILCROW_DATABASE_URL": dbURL})
		two := testutil.NewApp(t, engine, map[string]string{"PILCROW_DATABASE_URL": dbURL})
		f := testutil.Consultation(t, one, testutil.ConsultationOpts{})
		page := "/consultations/" + f.Slug
		reader := two.Client(t)
		if reader.Get(page).Expect(t, http.StatusOK).Doc.Find(".pc-attachment").Length() != 0 {
			t.Fatal("attachments before any upload")
		}

		admin := one.Client(t)
		admin.SignIn("Ada Admin", "ada@example.test", "admin")
		list := "/admin/consultations/" + f.Slug + "/attachments"
		admin.Get(list).Expect(t, http.StatusOK)
		pdf := threePagePDF(t)
		refusals := []struct {
			title, name, content, field string
		}{
			{"", "impact.pdf", pdf, "title"},
			{"Impact", "impact.pdf", "just text pretending", "file"},
			{"Impact", "tool.exe", "MZ\x90\x00", "file"},
			{"Impact", "page.html", "<html><script>alert(1)</script></html>", "file"},
			{"Impact", "data.csv", "a,b\x00", "file"},
			{"Impact", "", "", "file"},
		}
		for _, r := range refusals {
			resp := upload(admin, list, map[string]string{"title": r.title}, map[string][2]string{"file": {r.name, r.content}})
			resp.Expect(t, http.StatusUnprocessableEntity)
			if resp.Doc.Find("#"+r.field+"-error").Length() != 1 {
				t.Errorf("%q %q: no error on %s", r.title, r.name, r.field)
			}
		}
		upload(admin, list, map[string]string{"title": "Impact assessment"}, map[string][2]string{"file": {"Impact Assessment.pdf", pdf}}).Expect(t, http.StatusSeeOther)
		upload(admin, list, map[string]string{"title": "Survey data"}, map[string][2]string{"file": {"data.csv", "area,count\nNorth,12\n"}}).Expect(t, http.StatusSeeOther)

		// The other instance shows them within changeWindow, the rule for
		// several instances.
		items := seenWithin(t, reader, page, ".pc-attachment", 2)
		meta := items.First().Find(".pc-attachment__metadata").First().Text()
		for _, want := range []string{"PDF", "KB", "3 pages"} {
			if !strings.Contains(meta, want) {
				t.Errorf("metadata %q lacks %q", meta, want)
			}
		}
		if !strings.Contains(items.First().Find("details").Text(), "Request an accessible format") {
			t.Error("no way to ask for an accessible format")
		}
		href, _ := items.First().Find("a").Attr("href")
		got := two.Client(t).Get(href).Expect(t, http.StatusOK)
		h := got.Header
		if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Content-Disposition") != `attachment; filename="impact-assessment.pdf"; filename*=UTF-8''impact-assessment.pdf` {
			t.Errorf("download headers: %v", h)
		}
		if got.Body != pdf {
			t.Error("the download differs from the upload")
		}
		csvHref, _ := items.Last().Find("a").Attr("href")
		csv := two.Client(t).Get(csvHref).Expect(t, http.StatusOK)
		if csv.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.HasPrefix(csv.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("CSV headers: %v", csv.Header)
		}

		// Removing one on the first instance takes it off the second.
		form := admin.Get(list).Doc.Find("#attachments form").First()
		action, _ := form.Attr("action")
		admin.PostForm(action, nil).Expect(t, http.StatusSeeOther)
		seenWithin(t, reader, page, ".pc-attachment", 1)
		two.Client(t).Get(href).Expect(t, http.StatusNotFound)
	})
}

// seenWithin reads path until it shows want elements matching sel, for at most
// changeWindow, and returns them.
func seenWithin(t *testing.T, cl *testutil.Client, path, sel string, want int) *goquery.Selection {
	t.Helper()
	deadline := time.Now().Add(changeWindow)
	for {
		found := cl.Get(path).Expect(t, http.StatusOK).Doc.Find(sel)
		if found.Length() == want {
			return found
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s shows %d of %s after %s, want %d", path, found.Length(), sel, changeWindow, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
