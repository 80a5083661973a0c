package web_test

import (
	"net/http"
	"testing"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestCachedPageIsTheRenderedPage checks that the document page an anonymous
// visitor gets from the page cache is the page as rendered, with the headers
// every rendered page carries.
func TestCachedPageIsTheRenderedPage(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
	c := a.Client(t)
	first := c.Get("/consultations/"+f.Slug).Expect(t, http.StatusOK)
	kept := c.Get("/consultations/"+f.Slug).Expect(t, http.StatusOK)
	if first.Body != kept.Body {
		t.Error("the kept page differs from the page as rendered")
	}
	for _, h := range []string{"Content-Type", "Cache-Control"} {
		if first.Header.Get(h) != kept.Header.Get(h) || first.Header.Get(h) == "" {
			t.Errorf("%s: rendered %q, kept %q", h, first.Header.Get(h), kept.Header.Get(h))
		}
	}
}
