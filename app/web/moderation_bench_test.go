package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// queueBenchComments is the size of the pending queue the issue names.
const queueBenchComments = 100000

// BenchmarkModerationQueue serves the pending-queue page with 100,000 pending
// comments on PostgreSQL to 64 concurrent moderators' requests, and reports
// requests per second and p99, and the mean time a request waited for one of
// the pool's connections (where the page's time went under load); then, one
// request at a time, the p99 of a page deep in the queue (by keyset cursor)
// and of a text search.
//
//	go test -run '^$' -bench ModerationQueue ./app/web/
func BenchmarkModerationQueue(b *testing.B) {
	if !slices.Contains(testutil.Engines(b), store.Postgres) {
		testutil.Unavailable(b, "postgres", "the queue benchmark runs on PostgreSQL")
	}
	a := testutil.NewApp(b, store.Postgres, nil)
	f := testutil.NewModerationFixture(b, a.Store, a.Consult, "queue-bench", model.PreModeration)
	seedPendingQueue(b, f, queueBenchComments)
	mod := a.Client(b)
	mod.SignIn("Bench Moderator", "moderator@example.test", "moderator")
	first := mod.Get("/admin/moderation").Expect(b, http.StatusOK)
	if n := first.Doc.Find(".pc-queue__item").Length(); n != 25 {
		b.Fatalf("first page has %d items, want 25", n)
	}
	deep := deepQueueURL(b, f)
	sqlDB, _ := a.Store.DB.DB()
	before := sqlDB.Stats()
	b.ResetTimer()
	n := max(b.N, 200)
	page := runLoad(b, mod.HTTP, a.URL+"/admin/moderation", n)
	b.StopTimer()
	after := sqlDB.Stats()
	b.ReportMetric(float64((after.WaitDuration-before.WaitDuration).Microseconds())/1000/float64(n), "pool_wait_ms/req")
	b.ReportMetric(1e9/page.rps, "ns/op") // per request
	b.ReportMetric(page.rps, "req/s")
	b.ReportMetric(float64(page.p99.Microseconds())/1000, "p99_ms")
	b.ReportMetric(sequentialP99(b, mod, deep, 50), "deep_p99_ms")
	b.ReportMetric(sequentialP99(b, mod, "/admin/moderation?q=needle", 50), "search_p99_ms")
}

// seedPendingQueue inserts n pending comments in one INSERT … SELECT over
// generate_series, a second apart, spread over the paragraphs; one in a
// thousand mentions a "needle" for the search.
func seedPendingQueue(b *testing.B, f *testutil.ModerationFixture, n int) {
	b.Helper()
	author := f.User("Bench Author", "author@example.test", model.RoleCitizen)
	keys := []string{f.Paragraph(0).Key, f.Paragraph(1).Key, f.Paragraph(2).Key}
	start := time.Now().UTC().Add(-time.Duration(n) * time.Second)
	err := f.Store.DB.Exec(`INSERT INTO comments (consultation_id, version_id, paragraph_key, user_id, body, responding_as,
		publish, status, submission_token, created_at, updated_at)
		SELECT ?, ?, (ARRAY[?, ?, ?])[1 + g % 3], ?,
			CASE WHEN g % 1000 = 0 THEN 'A needle in the haystack ' || g ELSE 'Comment number ' || g || ' about the plan.' END,
			'individual', 'name', 'pending', 'bench-' || g, ?::timestamptz + g * interval '1 second', ?::timestamptz + g * interval '1 second'
		FROM generate_series(1, ?) AS g`,
		f.Consultation.ID, f.Version.ID, keys[0], keys[1], keys[2], author.ID, start, start, n).Error
	if err != nil {
		b.Fatal(err)
	}
	if err := f.Store.DB.Exec("ANALYZE comments").Error; err != nil {
		b.Fatal(err)
	}
}

// deepQueueURL is the queue page that starts half-way through the queue.
func deepQueueURL(b *testing.B, f *testutil.ModerationFixture) string {
	b.Helper()
	var c model.Comment
	if err := f.Store.DB.WithContext(context.Background()).Where("submission_token = ?", "bench-50000").Take(&c).Error; err != nil {
		b.Fatal(err)
	}
	return "/admin/moderation?" + url.Values{"after": {modItoa(c.CreatedAt.UnixNano()) + "-" + modItoa(c.ID)}}.Encode()
}

// sequentialP99 fetches a page n times, one at a time, and returns the p99 in ms.
func sequentialP99(b *testing.B, c *testutil.Client, path string, n int) float64 {
	b.Helper()
	lat := make([]time.Duration, n)
	for i := range lat {
		t0 := time.Now()
		r := c.Get(path).Expect(b, http.StatusOK)
		lat[i] = time.Since(t0)
		if !strings.Contains(r.Body, "pc-queue__item") {
			b.Fatalf("%s: no queue items", path)
		}
	}
	slices.Sort(lat)
	return float64(lat[(n-1)*99/100].Microseconds()) / 1000
}
