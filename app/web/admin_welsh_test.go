package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// postMultipart sends the editor's multipart form with the client's CSRF token.
func postMultipart(t *testing.T, cl *testutil.Client, path string, fields map[string]string) *testutil.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", cl.CSRF())
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	_ = w.Close()
	return cl.Do(http.MethodPost, path, &body, w.FormDataContentType())
}

// TestAdminWritesWelshBesideEnglish sets the Welsh title in the details form and
// publishes a Welsh document from the editor: a mismatch is refused naming the
// block, and nothing is published; a paired one is.
func TestAdminWritesWelshBesideEnglish(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", bilingual)
	f := testutil.NewModerationFixture(t, a.Store, a.Consult, "golygydd", model.PreModeration)
	ctx := context.Background()
	cl := modClient(t, a, "Admin", "admin")
	edit := cl.Get("/admin/consultations/golygydd/edit").Expect(t, http.StatusOK)
	form := url.Values{}
	edit.Doc.Find("form input, form textarea").Each(func(_ int, s *goquery.Selection) {
		if n, ok := s.Attr("name"); ok && n != "_csrf" {
			if s.Is("textarea") {
				form.Set(n, s.Text())
			} else if typ, _ := s.Attr("type"); typ != "radio" {
				form.Set(n, s.AttrOr("value", ""))
			}
		}
	})
	form.Set("moderation", "pre")
	form.Set("title_cy", "Cynllun y golygydd")
	cl.PostForm("/admin/consultations/golygydd/edit", form).Expect(t, http.StatusSeeOther)
	if c, _ := a.Store.ConsultationBySlug(ctx, "golygydd"); c.TitleCy != "Cynllun y golygydd" {
		t.Fatalf("Welsh title %q", c.TitleCy)
	}
	editor := cl.Get("/admin/consultations/golygydd/versions/new").Expect(t, http.StatusOK)
	if editor.Doc.Find("textarea#markdown_cy").Length() != 1 {
		t.Fatal("no Welsh document field in the editor")
	}
	english := editor.Doc.Find("textarea#markdown").Text()
	bad := postMultipart(t, cl, "/admin/consultations/golygydd/versions/new", map[string]string{
		"action": "publish", "markdown": english, "markdown_cy": "# Cynllun\n\nUn.\n\n- Dau\n\nTri.\n"})
	if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(testutil.Text(bad), "block 2") {
		t.Fatalf("mismatch: %d %.300s", bad.StatusCode, testutil.Text(bad))
	}
	if _, err := a.Store.Translation(ctx, f.Version.ID, "cy"); err == nil {
		t.Fatal("a refused Welsh document was published")
	}
	good := postMultipart(t, cl, "/admin/consultations/golygydd/versions/new", map[string]string{
		"action": "publish", "markdown": english, "markdown_cy": "# Cynllun\n\nUn.\n\nDau.\n\nTri.\n"})
	good.Expect(t, http.StatusSeeOther)
	tr, err := a.Store.Translation(ctx, f.Version.ID, "cy")
	if err != nil {
		t.Fatalf("Welsh document not published: %v", err)
	}
	blocks, _ := a.Store.TranslationBlocks(ctx, tr.ID)
	if len(blocks) != 3 || blocks[0].Key != f.Blocks[0].Key {
		t.Errorf("Welsh blocks %+v", blocks)
	}
}
