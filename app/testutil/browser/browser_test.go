package browser

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// goodPage is a small, valid GOV.UK-like page that meets WCAG 2.2 AA.
const goodPage = `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Draft plan – Pilcrow</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<a href="#main" class="govuk-skip-link">Skip to main content</a>
<header><p>Pilcrow</p></header>
<main id="main">
<h1>Draft local plan</h1>
<p id="p-a1">Homes should be built near public transport.</p>
<p><a href="/consultations/plan/paragraphs/a1">Comment on paragraph 1</a></p>
</main>
<footer><p>Open Government Licence</p></footer>
</body>
</html>`

// badPage breaks one rule axe must catch: an image with no text alternative.
const badPage = `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Broken</title></head>
<body><main><h1>Broken</h1><img src="/pixel.png"></main></body>
</html>`

// serve answers every path with the page, so relative links and images resolve.
func serve(t *testing.T, html string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// A strict CSP like the application's: axe must still be injectable.
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'")
		_, _ = w.Write([]byte(html))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestBrowserReadsAccessiblePage(t *testing.T) {
	t.Parallel()
	b := New(t)
	b.Run(t, chromedp.Navigate(serve(t, goodPage)))

	if got := Get(t, b, chromedp.Text("h1")); got != "Draft local plan" {
		t.Errorf("h1 = %q, want %q", got, "Draft local plan")
	}
	b.CheckAccessibility(t)
}

func TestViolationsFindsImageWithoutAlt(t *testing.T) {
	t.Parallel()
	b := New(t)
	b.Run(t, chromedp.Navigate(serve(t, badPage)))

	violations, err := b.Violations()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(violations, func(v Violation) bool { return v.ID == "image-alt" })
	if i < 0 {
		t.Fatalf("violations = %v, want one with id image-alt", violations)
	}
	v := violations[i]
	if v.Impact == "" || v.Help == "" || !slices.Contains(v.Targets, "img") {
		t.Errorf("image-alt violation = %+v, want impact, help and target img", v)
	}
	t.Logf("caught as expected: %s", v)
}

func TestViolationString(t *testing.T) {
	v := Violation{ID: "image-alt", Impact: "critical", Help: "Images must have alternative text",
		HelpURL: "https://example.test/image-alt", Targets: []string{"img", "#a", "#b", "#c", "#d"}}
	want := "image-alt (critical): Images must have alternative text; img, #a, #b and 2 more <https://example.test/image-alt>"
	if got := v.String(); got != want {
		t.Errorf("String() =\n %q\nwant\n %q", got, want)
	}
}
