package web_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// The document page has one h1, the consultation's title, and its outline never
// skips a level, so a screen reader's list of headings reads as the document's
// structure: the document's own "# Title" must not become a second h1.
func TestDocumentPageHeadingOutline(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{
		Markdown: "# The plan\n\nIntro paragraph.\n\n## Part one\n\nText one.\n\n### Detail\n\nText two.\n\n#### Finer\n\nText three.\n"})
	for _, path := range []string{"/consultations/" + f.Slug, "/consultations/" + f.Slug + "/versions/1"} {
		r := a.Client(t).Get(path).Expect(t, http.StatusOK)
		if n := r.Doc.Find("h1").Length(); n != 1 {
			t.Errorf("%s: %d h1 elements, want 1", path, n)
		}
		prev := 0
		r.Doc.Find("h1, h2, h3, h4, h5, h6").Each(func(_ int, h *goquery.Selection) {
			level, _ := strconv.Atoi(goquery.NodeName(h)[1:])
			if level > prev+1 {
				t.Errorf("%s: %q is an h%d after an h%d", path, h.Text(), level, prev)
			}
			prev = level
		})
	}
}
