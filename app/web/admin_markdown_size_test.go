package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestLargeWelshDocumentPublishes sends a document close to the 1 MB Markdown limit,
// written mostly in letters that take two bytes, through the editor's multipart form:
// the request body limit must not refuse what the Markdown limit allows.
func TestLargeWelshDocumentPublishes(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
	c := a.Client(t)
	c.SignIn("Ada Admin", "ada@example.test", "admin")
	c.Get("/admin/consultations/"+f.Slug+"/versions/new").Expect(t, http.StatusOK)

	para := strings.Repeat("Ŵyn a ŷd ", 50) + "\n\n"
	md := "# Cynllun\n\n" + strings.Repeat(para, (1<<20-1024)/len(para))
	post := func(markdown string) *testutil.Response {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		for k, v := range map[string]string{"_csrf": c.CSRF(), "markdown": markdown, "change_note": "Welsh text", "action": "publish"} {
			_ = w.WriteField(k, v)
		}
		_ = w.Close()
		return c.Do(http.MethodPost, "/admin/consultations/"+f.Slug+"/versions/new", &body, w.FormDataContentType())
	}
	post(md).Expect(t, http.StatusSeeOther)
	c.Get("/admin/consultations/" + f.Slug + "/versions/new")
	r := post(md + strings.Repeat(para, 10))
	r.Expect(t, http.StatusUnprocessableEntity)
	if r.Doc.Find(".govuk-error-summary").Length() != 1 {
		t.Error("an over-large document must be refused with an error summary")
	}
}
