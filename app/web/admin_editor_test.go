package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestEditorKeepsDraftAndShowsChanges: the autosave address and a preview
// keep the text as the draft, and the preview lists what changed since the
// published version.
func TestEditorKeepsDraftAndShowsChanges(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
	c := a.Client(t)
	c.SignIn("Ada Admin", "ada@example.test", "admin")
	editor := "/admin/consultations/" + f.Slug + "/versions/new"
	page := c.Get(editor).Expect(t, http.StatusOK)
	if v, _ := page.Doc.Find("form[data-autosave]").Attr("data-autosave"); v != "/admin/consultations/"+f.Slug+"/draft" {
		t.Errorf("autosave address %q", v)
	}
	typed := strings.Replace(testutil.DefaultMarkdown, "Every new street should have trees on both sides.", "Every new street should have trees on one side.", 1) +
		"\n\nA new paragraph about benches.\n"
	c.PostForm("/admin/consultations/"+f.Slug+"/draft", url.Values{"markdown": {typed}}).Expect(t, http.StatusNoContent)
	if got := c.Get(editor).Doc.Find("#markdown").Text(); got != typed {
		t.Errorf("the autosaved draft was not kept:\n%s", got)
	}
	c.PostForm("/admin/consultations/"+f.Slug+"/draft", url.Values{"markdown": {"\x00"}}).Expect(t, http.StatusUnprocessableEntity)

	r := c.PostForm(editor, url.Values{"markdown": {typed + "\nOne more.\n"}, "action": {"preview"}}).Expect(t, http.StatusOK)
	changes := r.Doc.Find("#preview-changes [data-change]")
	kinds := map[string]int{}
	changes.Each(func(_ int, s *goquery.Selection) { k, _ := s.Attr("data-change"); kinds[k]++ })
	if kinds["changed"] != 1 || kinds["added"] != 2 || len(kinds) != 2 {
		t.Errorf("changes listed: %v", kinds)
	}
	if !strings.Contains(r.Doc.Find("#preview-changes ins").Text(), "one") {
		t.Error("the changed word is not marked as inserted")
	}
	if got := c.Get(editor).Doc.Find("#markdown").Text(); got != typed+"\nOne more.\n" {
		t.Error("a preview did not keep the draft")
	}
}
