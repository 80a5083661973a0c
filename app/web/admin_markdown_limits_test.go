package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestEditorRefusesTooComplexDocument sends a 0.9 MB table padded to a wide
// header through the editor's preview and publish buttons: both answer 422
// with an error summary naming the tables, and neither renders the table.
func TestEditorRefusesTooComplexDocument(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
	c := a.Client(t)
	c.SignIn("Ada Admin", "ada@example.test", "admin")
	path := "/admin/consultations/" + f.Slug + "/versions/new"
	head := "|" + strings.Repeat(" h |", 60) + "\n|" + strings.Repeat("---|", 60) + "\n"
	md := head + strings.Repeat("| x |\n", (900_000-len(head))/6)
	for _, action := range []string{"preview", "publish"} {
		c.Get(path).Expect(t, http.StatusOK)
		r := c.PostForm(path, url.Values{"markdown": {md}, "change_note": {"A table"}, "action": {action}})
		r.Expect(t, http.StatusUnprocessableEntity)
		summary := r.Doc.Find(".govuk-error-summary").Text()
		if !strings.Contains(summary, "tables have more than 20,000 cells") {
			t.Errorf("%s: error summary %q does not name the tables", action, strings.TrimSpace(summary))
		}
		if n := r.Doc.Find("td").Length(); n > 0 {
			t.Errorf("%s: %d table cells rendered", action, n)
		}
		if len(r.Body) > 2<<20 {
			t.Errorf("%s: %d bytes of page", action, len(r.Body))
		}
	}
}
