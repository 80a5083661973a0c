package web_test

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// bigDocument is Markdown with n commentable blocks under a heading every 20.
func bigDocument(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if i%20 == 1 {
			fmt.Fprintf(&b, "## Section %d\n\n", i/20+1)
		}
		fmt.Fprintf(&b, "Paragraph %d proposes that the council should improve route %d, with details on crossings, lighting, surfaces and signs for everyone who walks, wheels or cycles.\n\n", i, i)
	}
	return b.String()
}

// countQueries counts every statement the store runs from now on.
func countQueries(t testing.TB, db *gorm.DB) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	count := func(*gorm.DB) { n.Add(1) }
	cb := db.Callback()
	for name, err := range map[string]error{
		"query": cb.Query().Before("gorm:query").Register("test:count_query", count),
		"row":   cb.Row().Before("gorm:row").Register("test:count_row", count),
		"raw":   cb.Raw().Before("gorm:raw").Register("test:count_raw", count),
	} {
		if err != nil {
			t.Fatalf("register %s callback: %v", name, err)
		}
	}
	return &n
}

// TestDocumentPageQueries checks that the document page's cost in queries does
// not grow with the number of blocks or comments: a few on a cold cache, none
// (or the consultation row, once a second) when nothing changed, two after a
// new comment.
func TestDocumentPageQueries(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "long-plan", Markdown: bigDocument(300)})
		if len(f.Blocks) != 300 {
			t.Fatalf("%d blocks", len(f.Blocks))
		}
		addComments(t, a, f, f.Blocks[150].Key, 40, model.CommentApproved, model.PublishName)
		n := countQueries(t, a.Store.DB)
		cl := a.Client(t)
		get := func() int64 {
			n.Store(0)
			r := cl.Get("/consultations/long-plan").Expect(t, http.StatusOK)
			if r.Doc.Find(".pc-block").Length() != 300 {
				t.Fatalf("%d blocks on the page", r.Doc.Find(".pc-block").Length())
			}
			return n.Load()
		}
		if q := get(); q > 4 {
			t.Errorf("cold cache: %d queries, want at most 4 (consultation, version, blocks, counts)", q)
		}
		// The consultation row itself is read again at most once a second.
		if q := get(); q > 1 {
			t.Errorf("warm cache: %d queries, want at most 1", q)
		}
		addComments(t, a, f, f.Blocks[299].Key, 1, model.CommentApproved, model.PublishAnonymous)
		if q := get(); q != 2 {
			t.Errorf("after a new comment: %d queries, want 2 (consultation, counts)", q)
		}
		r := cl.Get("/consultations/long-plan")
		if got := r.Doc.Find("#p-" + f.Blocks[299].Key + " a.pc-block__comments").Text(); !strings.HasPrefix(got, "1 comment") {
			t.Errorf("new comment not counted: %q", got)
		}
	})
}

// TestSharedPageCompression checks that the page kept for anonymous visitors is
// served compressed exactly once to clients that accept gzip, and plain to others.
func TestSharedPageCompression(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", nil)
	testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "squeezed", Markdown: bigDocument(50)})
	for i, enc := range []string{"gzip", "gzip", "", "br"} {
		req, _ := http.NewRequest(http.MethodGet, a.URL+"/consultations/squeezed", nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		var body io.Reader = resp.Body
		if got := resp.Header.Get("Content-Encoding"); got != enc && !(enc == "br" && got == "") {
			t.Errorf("request %d (%q): Content-Encoding %q", i, enc, got)
		}
		if resp.Header.Get("Content-Encoding") == "gzip" {
			if body, err = gzip.NewReader(resp.Body); err != nil {
				t.Fatal(err)
			}
		}
		b, err := io.ReadAll(body)
		resp.Body.Close()
		if err != nil || !strings.HasPrefix(string(b), "<!DOCTYPE html>") || strings.Count(string(b), `class="govuk-body pc-block`) != 50 {
			t.Errorf("request %d (%q): %v, body starts %.40q", i, enc, err, b)
		}
		if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("request %d: Vary %q", i, resp.Header.Get("Vary"))
		}
	}
}

// TestDocumentPageUnderConcurrentChange reads the page from many clients while
// comments arrive; run with -race it checks the caches' locking, and every
// page served must be whole.
func TestDocumentPageUnderConcurrentChange(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "busy", Markdown: bigDocument(30)})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 10 {
			addComments(t, a, f, f.Blocks[i].Key, 1, model.CommentApproved, model.PublishName)
		}
	}()
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			for range 10 {
				resp, err := http.Get(a.URL + "/consultations/busy")
				if err != nil {
					errs <- err.Error()
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if n := strings.Count(string(b), "pc-block__comments"); resp.StatusCode != http.StatusOK || n != 30 {
					errs <- fmt.Sprintf("status %d with %d comment links", resp.StatusCode, n)
					return
				}
			}
			errs <- ""
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
	<-done
}
