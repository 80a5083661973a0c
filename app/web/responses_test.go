package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// HEAD is answered wherever GET is, with GET's status and headers and no body:
// monitors probe HEAD /healthz, link checkers HEAD pages.
func TestHeadAnswersLikeGet(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	c := a.Client(t)
	cases := []struct {
		name, path string
		status     int
	}{
		{"health", "/healthz", http.StatusOK},
		{"readiness", "/readyz", http.StatusOK},
		{"home", "/", http.StatusOK},
		{"unknown consultation", "/consultations/nope", http.StatusNotFound},
		{"signed-in page while anonymous", "/me", http.StatusSeeOther},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			get := c.Get(tc.path)
			head := c.Do(http.MethodHead, tc.path, nil, "")
			if head.StatusCode != tc.status || get.StatusCode != tc.status {
				t.Fatalf("HEAD %d, GET %d, want %d", head.StatusCode, get.StatusCode, tc.status)
			}
			if head.Body != "" {
				t.Errorf("HEAD sent a body of %d bytes", len(head.Body))
			}
			for _, h := range []string{"Content-Type", "Cache-Control", "Content-Security-Policy"} {
				if head.Header.Get(h) != get.Header.Get(h) {
					t.Errorf("%s: HEAD %q, GET %q", h, head.Header.Get(h), get.Header.Get(h))
				}
			}
		})
	}
	// A HEAD is still no way around a role.
	c.SignIn("Cit", "cit@example.com", "citizen")
	if r := c.Do(http.MethodHead, "/admin/users", nil, ""); r.StatusCode != http.StatusForbidden {
		t.Errorf("HEAD /admin/users as a citizen: %d, want 403", r.StatusCode)
	}
}

// A page rendered for a signed-in reader carries their name and CSRF token, so
// no shared cache may keep it; pages for anonymous visitors may be.
func TestSignedInPagesArePrivate(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	anon, signed := a.Client(t), a.Client(t)
	signed.SignIn("Priya", "priya@example.com", "citizen")
	for _, path := range []string{"/", "/privacy", "/auth/sign-in", "/consultations/nope"} {
		if cc := signed.Get(path).Header.Get("Cache-Control"); !strings.Contains(cc, "private") && !strings.Contains(cc, "no-store") {
			t.Errorf("signed in, %s: Cache-Control %q lets a shared cache keep it", path, cc)
		}
		if cc := anon.Get(path).Header.Get("Cache-Control"); strings.Contains(cc, "private") {
			t.Errorf("anonymous, %s: Cache-Control %q", path, cc)
		}
	}
}

// The development sign-in refuses the control characters the account page refuses.
func TestDevSignInRefusesControlCharactersInName(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	c := a.Client(t)
	c.Get("/auth/dev")
	r := c.PostForm("/auth/dev", url.Values{"name": {"Bob\x01\x0b=SUM(1)"}, "email": {"bob@example.com"}, "role": {"citizen"}})
	r.Expect(t, http.StatusUnprocessableEntity)
	if r.Doc.Find(`.govuk-error-summary a[href="#name"]`).Length() != 1 || r.Doc.Find("#name").Length() != 1 {
		t.Error("no error linked to the name field")
	}
}

// The open-data endpoint answers errors in JSON too, so a client that parses
// the body gets a reason rather than an HTML page.
func TestOpenDataErrorsAreJSON(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	c := a.Client(t)
	cases := []struct {
		name, path string
		status     int
	}{
		{"unknown consultation", "/consultations/nope/comments.json", http.StatusNotFound},
		{"malformed slug", "/consultations/%00/comments.json", http.StatusBadRequest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Get(tc.path)
			if r.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", r.StatusCode, tc.status)
			}
			var body struct {
				Error  string `json:"error"`
				Status int    `json:"status"`
			}
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Fatalf("Content-Type %q", ct)
			}
			if err := json.Unmarshal([]byte(r.Body), &body); err != nil || body.Error == "" || body.Status != tc.status {
				t.Errorf("body %q: %v", r.Body, err)
			}
		})
	}
}

// A paragraph's feed exists exactly when its page does: a key of another
// consultation, or one never used, is 404 rather than an empty feed.
func TestParagraphFeedOfUnknownKeyIsNotFound(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		one := testutil.Consultation(t, a, testutil.ConsultationOpts{})
		two := testutil.Consultation(t, a, testutil.ConsultationOpts{})
		c := a.Client(t)
		cases := []struct {
			name, slug, key string
			status          int
		}{
			{"its own paragraph", one.Slug, one.Blocks[0].Key, http.StatusOK},
			{"another consultation's paragraph", one.Slug, two.Blocks[0].Key, http.StatusNotFound},
			{"a key never used", one.Slug, "zzzzzzzz", http.StatusNotFound},
		}
		for _, tc := range cases {
			path := "/consultations/" + tc.slug + "/paragraphs/" + tc.key
			if got := c.Get(path + "/comments.atom").StatusCode; got != tc.status {
				t.Errorf("%s: feed %d, want %d", tc.name, got, tc.status)
			}
			if got := c.Get(path).StatusCode; got != tc.status {
				t.Errorf("%s: page %d, want %d", tc.name, got, tc.status)
			}
		}
	})
}
