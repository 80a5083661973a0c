package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

func TestHomePage(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		r := a.Client(t).Get("/").Expect(t, http.StatusOK)
		if lang, _ := r.Doc.Find("html").Attr("lang"); lang != "en" {
			t.Errorf("lang = %q", lang)
		}
		if got := r.Doc.Find("h1").Text(); got != "Consultations" {
			t.Errorf("h1 = %q", got)
		}
		if r.Doc.Find(".govuk-skip-link").Length() != 1 || r.Doc.Find("footer a[href='/privacy']").Length() != 1 {
			t.Error("layout lacks the skip link or the footer's privacy link")
		}
		if r.Doc.Find(".pc-dev-banner").Length() != 1 {
			t.Error("development sign-in banner missing while it is on")
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	r := a.Client(t).Get("/")
	for header, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
	} {
		if got := r.Header.Get(header); got != want {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}
	csp := r.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP = %q", csp)
	}
	if r.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent outside production")
	}
	if r.Doc.Find("script:not([src])").Length() != 0 {
		t.Error("inline script in the page")
	}
}

func TestErrorPages(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	c := a.Client(t)
	cases := []struct {
		name, method, path string
		status             int
		heading            string
	}{
		{"unknown page", http.MethodGet, "/no/such/page", http.StatusNotFound, "Page not found"},
		{"unknown static file", http.MethodGet, "/static/abc/nothing.css", http.StatusNotFound, "Page not found"},
		{"wrong method", http.MethodPut, "/", http.StatusMethodNotAllowed, "There is a problem with your request"},
	}
	c.Get("/auth/dev") // a page with a form, for a valid CSRF token
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Do(tc.method, tc.path, strings.NewReader("_csrf="+c.CSRF()), "application/x-www-form-urlencoded")
			r.Expect(t, tc.status)
			if r.Doc == nil || strings.TrimSpace(r.Doc.Find("h1").Text()) != tc.heading {
				t.Errorf("heading = %q", testutil.Text(r))
			}
		})
	}
}

func TestStaticAssetsAreHashedAndCached(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	c := a.Client(t)
	page := c.Get("/")
	href, ok := page.Doc.Find(`link[rel="stylesheet"]`).First().Attr("href")
	if !ok || !strings.HasPrefix(href, "/static/") {
		t.Fatalf("stylesheet href %q", href)
	}
	r := c.Get(href).Expect(t, http.StatusOK)
	if cc := r.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("hashed URL Cache-Control = %q", cc)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("Content-Type = %q", ct)
	}
	stale := c.Get(strings.Replace(href, strings.Split(href, "/")[2], "000000000000", 1)).Expect(t, http.StatusOK)
	if cc := stale.Header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
		t.Errorf("a URL with a stale hash must not be immutable: %q", cc)
	}
}

func TestHealthz(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	a.Client(t).Get("/healthz").Expect(t, http.StatusOK)
	a.Client(t).Get("/readyz").Expect(t, http.StatusOK)
}

// TestReadyzFollowsTheDatabase cuts PostgreSQL off behind a proxy: /readyz and
// pages say 503 during the outage, and the same process recovers by itself.
func TestReadyzFollowsTheDatabase(t *testing.T) {
	for _, engine := range testutil.Engines(t) {
		if engine != store.Postgres {
			continue
		}
		direct := testutil.DatabaseURL(t, engine)
		proxy := testutil.NewProxy(t, "127.0.0.1:5432")
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_DATABASE_URL": proxy.Via(direct)})
		c := a.Client(t)
		c.Get("/readyz").Expect(t, http.StatusOK)

		proxy.Cut()
		start := time.Now()
		c.Get("/readyz").Expect(t, http.StatusServiceUnavailable)
		r := c.Get("/")
		r.Expect(t, http.StatusServiceUnavailable)
		if !strings.Contains(r.Doc.Find("h1").Text(), "unavailable") {
			t.Errorf("outage page heading = %q", r.Doc.Find("h1").Text())
		}
		if elapsed := time.Since(start); elapsed > 10*time.Second {
			t.Errorf("outage answers took %s", elapsed)
		}

		proxy.Restore()
		deadline := time.Now().Add(15 * time.Second)
		for c.Get("/").StatusCode != http.StatusOK {
			if time.Now().After(deadline) {
				t.Fatal("did not recover within 15s of the database's return")
			}
			time.Sleep(200 * time.Millisecond)
		}
		c.Get("/readyz").Expect(t, http.StatusOK)
	}
}
