package web_test

import (
	"net/http"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestSignedInResponsesAreNoStore walks every GET route of the site map, the
// role table's admin routes included, signed in as an admin and as a citizen:
// each response is Cache-Control: no-store, except the content-addressed files
// that are the same for everyone; signing out clears the browser's cache.
// Anonymous pages keep their caching.
func TestSignedInResponsesAreNoStore(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "nostore", model.PreModeration)
		author := f.User("Cai", "cai@example.test", model.RoleCitizen)
		cm := f.Comment(author, "A comment to open")
		params := strings.NewReplacer(":slug", f.Consultation.Slug, ":key", f.Blocks[0].Key, ":n", "1",
			":id", modItoa(cm.ID), ":provider", "github", ":file", "none.png", ":name", "file.pdf")
		for _, role := range []string{"admin", "citizen"} {
			c := modClient(t, a, "Store"+role, role)
			for _, route := range a.Web.RouteList() {
				method, path, _ := strings.Cut(route, " ")
				if method != http.MethodGet || strings.HasPrefix(path, "/static/") || path == "/healthz" || path == "/auth/dev" {
					continue
				}
				r := c.Get(params.Replace(path))
				if r.StatusCode >= 500 {
					t.Errorf("%s as %s: %d", path, role, r.StatusCode)
				}
				if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("%s as %s: %d with Cache-Control %q, want no-store", path, role, r.StatusCode, cc)
				}
			}
		}
		out := modClient(t, a, "Leaving", "citizen")
		if cd := out.PostForm("/auth/logout", nil).Header.Get("Clear-Site-Data"); !strings.Contains(cd, `"cache"`) {
			t.Errorf("sign-out sends Clear-Site-Data %q, want the cache cleared", cd)
		}
		anon := a.Client(t)
		for _, path := range []string{"/", "/consultations/" + f.Consultation.Slug} {
			if cc := anon.Get(path).Header.Get("Cache-Control"); cc == "no-store" || cc == "" {
				t.Errorf("anonymous %s: Cache-Control %q, want its cacheable value", path, cc)
			}
		}
	})
}
