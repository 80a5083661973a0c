package consult_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"pilcrow/app/consult"
	"pilcrow/app/i18n"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/views"
)

// Run one with, for example:
//
//	PILCROW_BENCH_COMMENTS=1000000 go test -run '^$' -bench ExportCSV -benchtime 1x ./app/consult
//
// Each reports its own figures (peak heap in MB, and the CSV's time over COPY's).

// benchCount reads a size from the environment, or returns def.
func benchCount(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// benchDB opens and migrates a fresh database of the engine for a benchmark,
// returning its URL too, for pgx.
func benchDB(b *testing.B, engine string) (*store.Store, string) {
	b.Helper()
	url := testutil.DatabaseURL(b, engine)
	st, err := store.Open(context.Background(), url, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	return st, url
}

// seedBench publishes a document of 60 paragraphs and n comments from 1,000
// authors in one INSERT … SELECT, so even a million rows load in seconds. A third
// of the comments are copies of three form letters, so campaigns have work.
func seedBench(b *testing.B, st *store.Store, n int) *model.Consultation {
	b.Helper()
	ctx := context.Background()
	c := &model.Consultation{Slug: "bench", Title: "Bench consultation: ŵ ŷ “quotes”", Organisation: "Bench council", Moderation: model.PreModeration}
	if err := st.CreateConsultation(ctx, c); err != nil {
		b.Fatal(err)
	}
	var blocks []model.Block
	for i := 1; i <= 60; i++ {
		blocks = append(blocks, model.Block{Key: fmt.Sprintf("k%d", i), Number: i, Kind: "paragraph",
			Section: fmt.Sprintf("Section %d", 1+(i-1)/10), Text: fmt.Sprintf("Paragraph %d of the proposal, which says something about buses and parks at some length so that excerpts are cut.", i)})
	}
	v := &model.DocumentVersion{ConsultationID: c.ID, Markdown: "bench", HTML: "<p>bench</p>", PublishedAt: time.Now().UTC()}
	if err := st.CreateVersion(ctx, v, blocks); err != nil {
		b.Fatal(err)
	}
	db := st.DB.WithContext(ctx)
	if err := db.Exec(`WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 1000)
		INSERT INTO users (provider, subject, display_name, role, created_at, updated_at)
		SELECT 'bench', 'u' || n, 'Bench Ŵyn ' || n, 'citizen', ?, ? FROM g`, time.Now().UTC(), time.Now().UTC()).Error; err != nil {
		b.Fatal(err)
	}
	var firstUser int64
	db.Raw(`SELECT MIN(id) FROM users WHERE provider = 'bench'`).Scan(&firstUser)
	var base any = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	// Submission times spread over 60 days from a hash of the row, not from n:
	// times taken from n % 60 would tie the date to which letter a row holds
	// (n % 9), leaving whole days without any copy of one letter. Rows go in
	// in time order (ORDER BY 12, created_at), as they arrive in life, so ids
	// grow with time and every index on the time is appended to, not written
	// at random.
	day := "CAST(? AS timestamptz) + (('x' || substr(t.h, 26, 7))::bit(28)::int % 5184000) * interval '1 second'"
	if st.Engine == store.SQLite {
		base, day = "2026-01-05 09:00:00", "datetime(?, '+' || (abs(random()) % 5184000) || ' seconds')"
	}
	// Ordinary comments carry random words, so that only the form letters group.
	// PostgreSQL numbers the rows with generate_series and takes the words from
	// one hash per row; SQLite has neither, so it counts recursively.
	tok := func(i int) string { return "substr(t.h, " + strconv.Itoa(5*i-4) + ", 5)" }
	prefix, from := "", "FROM generate_series(1, ?) AS g(n) CROSS JOIN LATERAL (SELECT md5(n::text) AS h) t"
	args := []any{c.ID, v.ID, firstUser, base, time.Now().UTC(), n}
	if st.Engine == store.SQLite {
		tok = func(int) string { return "hex(randomblob(3))" }
		prefix, from = "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ?)", "FROM g"
		args = append([]any{n}, args[:5]...)
	}
	insert := prefix + `
		INSERT INTO comments (consultation_id, version_id, paragraph_key, user_id, body, responding_as,
			organisation, publish, stance, status, submission_token, created_at, updated_at)
		SELECT ?, ?, CASE WHEN n % 61 = 0 THEN '' ELSE 'k' || (1 + n % 60) END, ? + n % 1000,
			CASE WHEN n % 9 = 0 THEN 'I write to oppose the plan because the buses matter to me and my family, and the park must stay open for everyone in the town, every day of the year.'
			WHEN n % 9 = 3 THEN 'Please keep the library open on Saturdays: children, students and older readers depend on it, and the proposed hours would shut most of them out.'
			WHEN n % 9 = 6 THEN 'As a member of the cycling club I support the new lanes on the high street, provided the junction by the station is made safe before the lanes open.'
			ELSE 'Comment ' || TOK(1) || ' says "yes, ' || TOK(2) || ' but", with ' || TOK(3) || ' commas, a line
break ' || TOK(4) || ' and =formula-looking ' || TOK(5) || ' start, about paragraph ' || (n % 60) || ' ' || TOK(6) || '.' END,
			CASE WHEN n % 10 = 0 THEN 'organisation' ELSE 'individual' END,
			CASE WHEN n % 10 = 0 THEN 'Organisation ' || (n % 50) ELSE '' END,
			CASE n % 3 WHEN 0 THEN 'name' WHEN 1 THEN 'anonymous' ELSE 'no' END,
			CASE n % 4 WHEN 0 THEN 'agree' WHEN 1 THEN 'disagree' WHEN 2 THEN 'neutral' ELSE '' END,
			CASE WHEN n % 5 = 0 THEN 'pending' ELSE 'approved' END, 't' || n, ` + day + `, ?
		` + from + `
		ORDER BY 12`
	for i := 1; i <= 6; i++ {
		insert = strings.Replace(insert, "TOK("+strconv.Itoa(i)+")", tok(i), 1)
	}
	seeded := time.Now()
	if err := loadComments(db, st.Engine, insert, args); err != nil {
		b.Fatal(err)
	}
	if st.Engine == store.Postgres {
		// As autovacuum would after a load, for the seeded tables only (the server
		// may hold other schemas): statistics and the visibility map.
		db.Exec("VACUUM ANALYZE users, comments, comment_search")
	} else {
		db.Exec("ANALYZE")
	}
	b.Logf("seeded %d comments on %s in %s", n, st.Engine, time.Since(seeded).Round(time.Millisecond))
	c.CurrentVersionID = &v.ID
	return c
}

// loadComments runs the seed's one INSERT. On PostgreSQL it drops the search
// index's GIN index first and builds it again after, as a bulk load would:
// one build sorts every entry once, where a million insertions into it take
// several times as long. The definition is migration 00060's.
func loadComments(db *gorm.DB, engine, insert string, args []any) error {
	if engine != store.Postgres {
		return db.Exec(insert, args...).Error
	}
	return db.Connection(func(conn *gorm.DB) error {
		for _, step := range []func() error{
			func() error { return conn.Exec("DROP INDEX comment_search_tsv").Error },
			func() error { return conn.Exec(insert, args...).Error },
			func() error { return conn.Exec("SET maintenance_work_mem = '256MB'").Error },
			func() error {
				return conn.Exec("CREATE INDEX comment_search_tsv ON comment_search USING GIN (tsv)").Error
			},
			func() error { return conn.Exec("RESET maintenance_work_mem").Error },
		} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
}

// peakHeap samples the heap in use every 5 ms until stopped, and returns the
// peak in megabytes.
func peakHeap() (stop func() float64) {
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak) / (1 << 20)
	}
}

func newReports(st *store.Store) *consult.Reports {
	cat, err := i18n.Load(views.FS)
	if err != nil {
		panic(err)
	}
	return &consult.Reports{Service: &consult.Service{Store: st, Log: testutil.TestLogger(), Now: time.Now}, Zone: time.UTC, Messages: cat}
}

// BenchmarkExportCSV streams the CSV of N comments (PILCROW_BENCH_COMMENTS,
// default 100,000) to io.Discard on PostgreSQL, and in the same run PostgreSQL's
// own COPY (same query) TO STDOUT WITH CSV through pgx, reporting the ratio of
// their times and the peak heap while exporting.
func BenchmarkExportCSV(b *testing.B) {
	n := benchCount("PILCROW_BENCH_COMMENTS", 100_000)
	st, url := benchDB(b, store.Postgres)
	c := seedBench(b, st, n)
	reports := newReports(st)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	copySQL := "COPY (" + store.ExportCopySQL(c.ID) + ") TO STDOUT WITH CSV"
	var csvTime, copyTime time.Duration
	var peak float64
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		stop := peakHeap()
		if err := reports.WriteCSV(ctx, c, store.ExportFilter{}, io.Discard); err != nil {
			b.Fatal(err)
		}
		peak = max(peak, stop())
		csvTime += time.Since(start)
		start = time.Now()
		if _, err := conn.PgConn().CopyTo(ctx, io.Discard, copySQL); err != nil {
			b.Fatal(err)
		}
		copyTime += time.Since(start)
	}
	b.ReportMetric(float64(n), "comments")
	b.ReportMetric(csvTime.Seconds()/float64(b.N), "csv_s")
	b.ReportMetric(copyTime.Seconds()/float64(b.N), "copy_s")
	b.ReportMetric(float64(csvTime)/float64(copyTime), "csv/copy")
	b.ReportMetric(peak, "peak_heap_MB")
}

// benchEngine is PostgreSQL when it answers, SQLite otherwise.
func benchEngine(b *testing.B) string {
	engines := testutil.Engines(b)
	return engines[len(engines)-1]
}

// BenchmarkReportPDF makes the PDF summary report of N comments
// (PILCROW_BENCH_PDF_COMMENTS, default 20,000) from the database: figures,
// campaigns and the PDF itself, as the report job does.
func BenchmarkReportPDF(b *testing.B) { benchReport(b, "pdf_MB", (*consult.Reports).WritePDF) }

// BenchmarkReportDOCX makes the Word summary of the same N comments.
func BenchmarkReportDOCX(b *testing.B) { benchReport(b, "docx_MB", (*consult.Reports).WriteDOCX) }

// benchReport makes a report of N comments with write, reporting its peak
// heap and size.
func benchReport(b *testing.B, sizeUnit string, write func(*consult.Reports, context.Context, *model.Consultation, io.Writer, func(int, int)) error) {
	n := benchCount("PILCROW_BENCH_PDF_COMMENTS", 20_000)
	st, _ := benchDB(b, benchEngine(b))
	c := seedBench(b, st, n)
	reports := newReports(st)
	ctx := context.Background()
	var peak float64
	var size int
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		st.DB.Where("kind = ?", consult.JobCampaigns).Delete(&model.Job{})
		b.StartTimer()
		stop := peakHeap()
		w := &countingWriter{}
		if err := write(reports, ctx, c, w, nil); err != nil {
			b.Fatal(err)
		}
		peak = max(peak, stop())
		size = w.n
	}
	b.ReportMetric(float64(n), "comments")
	b.ReportMetric(peak, "peak_heap_MB")
	b.ReportMetric(float64(size)/(1<<20), sizeUnit)
}

// BenchmarkCampaigns reads N comments (PILCROW_BENCH_CAMPAIGN_COMMENTS, default
// 100,000) from the database and groups them, as the analysis page does when its
// cached result is stale.
func BenchmarkCampaigns(b *testing.B) {
	n := benchCount("PILCROW_BENCH_CAMPAIGN_COMMENTS", 100_000)
	st, _ := benchDB(b, benchEngine(b))
	c := seedBench(b, st, n)
	reports := newReports(st)
	ctx := context.Background()
	var groups int
	var peak float64
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		st.DB.Where("kind = ?", consult.JobCampaigns).Delete(&model.Job{})
		b.StartTimer()
		stop := peakHeap()
		gs, err := reports.Campaigns(ctx, c)
		if err != nil {
			b.Fatal(err)
		}
		peak = max(peak, stop())
		groups = len(gs)
	}
	if groups != 3 {
		b.Fatalf("%d campaigns, want the 3 form letters", groups)
	}
	b.ReportMetric(float64(n), "comments")
	b.ReportMetric(peak, "peak_heap_MB")
}

// countingWriter discards what it is given and counts the bytes.
type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}
