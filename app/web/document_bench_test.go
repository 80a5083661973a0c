package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// benchClients is the number of concurrent connections the issue asks for.
const benchClients = 64

// benchMinRequests keeps the figures meaningful whatever -benchtime says: with
// the default, Go stops after one round because a round takes over a second.
const benchMinRequests = 2000

// BenchmarkDocumentPage serves the page of a 300-block document with 20,000
// approved comments to 64 concurrent clients over loopback, on each engine,
// and the same bytes as a static file from http.FileServer in the same run.
// It reports requests per second, p99 latency and the ratio page/static.
// Compression is off on both sides so that both serve the same bytes.
//
//	go test -run '^$' -bench DocumentPage ./app/web/
func BenchmarkDocumentPage(b *testing.B) {
	for _, engine := range testutil.Engines(b) {
		b.Run(engine, func(b *testing.B) {
			a := testutil.NewApp(b, engine, nil)
			f := testutil.Consultation(b, a, testutil.ConsultationOpts{Slug: "bench-plan", Markdown: bigDocument(300)})
			seedBenchComments(b, a, f, 20000)
			// A cookie jar, as a browser has: the site sets its CSRF cookie once.
			jar, _ := cookiejar.New(nil)
			client := &http.Client{Jar: jar, Transport: &http.Transport{
				MaxIdleConns: benchClients, MaxIdleConnsPerHost: benchClients, DisableCompression: true,
			}}
			pageURL := a.URL + "/consultations/bench-plan"
			staticURL := serveStatic(b, client, pageURL)
			b.ResetTimer()
			n := max(b.N, benchMinRequests)
			page := runLoad(b, client, pageURL, n)
			b.StopTimer()
			static := runLoad(b, client, staticURL, n)
			b.ReportMetric(1e9/page.rps, "ns/op") // per request, not per round
			b.ReportMetric(page.rps, "req/s")
			b.ReportMetric(float64(page.p99.Microseconds())/1000, "p99_ms")
			b.ReportMetric(static.rps, "static_req/s")
			b.ReportMetric(float64(static.p99.Microseconds())/1000, "static_p99_ms")
			b.ReportMetric(page.rps/static.rps, "ratio")
		})
	}
}

// seedBenchComments stores n approved, public comments spread over the blocks.
func seedBenchComments(b *testing.B, a *testutil.TestApp, f *testutil.ConsultationFixture, n int) {
	b.Helper()
	u := testutil.User(b, a, "Bench", "bench@example.org")
	cs := make([]model.Comment, n)
	for i := range cs {
		cs[i] = model.Comment{ConsultationID: f.ID, VersionID: f.Version.ID, ParagraphKey: f.Blocks[i%len(f.Blocks)].Key,
			UserID: u.ID, Body: "A benchmark comment.", RespondingAs: "individual", Publish: model.PublishName,
			Status: model.CommentApproved, SubmissionToken: fmt.Sprintf("bench-%d", i)}
	}
	if err := a.Store.SeedComments(context.Background(), cs); err != nil {
		b.Fatal(err)
	}
}

// serveStatic fetches the page once and serves its bytes from a file.
func serveStatic(b *testing.B, client *http.Client, pageURL string) string {
	b.Helper()
	resp, err := client.Get(pageURL)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("page: %d %v", resp.StatusCode, err)
	}
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "page.html"), body, 0o600); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	b.Cleanup(srv.Close)
	b.Logf("page is %d bytes", len(body))
	return srv.URL + "/page.html"
}

type loadResult struct {
	rps float64
	p99 time.Duration
}

// runLoad sends n GET requests from benchClients goroutines, each reading the
// whole body, and measures throughput and the 99th percentile latency.
func runLoad(b testing.TB, client *http.Client, url string, n int) loadResult {
	b.Helper()
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var failed atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for range benchClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(n); i = next.Add(1) - 1 {
				t0 := time.Now()
				resp, err := client.Get(url)
				if err != nil {
					failed.Store(err.Error())
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					failed.Store(resp.Status)
					return
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if msg := failed.Load(); msg != nil {
		b.Fatalf("GET %s: %v", url, msg)
	}
	slices.Sort(lat)
	return loadResult{rps: float64(n) / elapsed.Seconds(), p99: lat[(len(lat)-1)*99/100]}
}
