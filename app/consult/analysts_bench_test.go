package consult_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// searchQueries are what the benchmark's analysts look for: rare and common
// words, a phrase, filters, and text with no match.
var searchQueries = []consult.SearchQuery{
	{Q: "library saturdays"},
	{Q: `"cycling club"`},
	{Q: "buses", Stance: "agree"},
	{Q: "junction station", RespondingAs: "organisation"},
	{Q: "paragraph", Paragraph: "k7", Status: "pending"},
	{Q: "formula looking commas"},
	{Q: "nothingmatchesthis"},
	{Q: "park", From: "2026-02-01", To: "2026-02-07"},
	{Q: "oppose family", Theme: "none"},
	{},
}

// BenchmarkSearch runs the analysts' search over N comments
// (PILCROW_BENCH_SEARCH_COMMENTS, default 100,000; make bench uses 1,000,000) on
// PostgreSQL with 64 concurrent searches, each a page of results with its count,
// and reports the p99, the p50 and searches per second twice: with every search
// run on the database (cold_), and as analysts repeating searches get them,
// from the results kept while nothing changed, at one look at the database each.
func BenchmarkSearch(b *testing.B) {
	n := benchCount("PILCROW_BENCH_SEARCH_COMMENTS", 100_000)
	st, _ := benchDB(b, store.Postgres)
	c := seedBench(b, st, n)
	cold, kept := newReports(st), newReports(st)
	consult.SearchCacheOff(cold)
	analyst := &model.User{ID: 1, Role: model.RoleAnalyst}
	ctx := context.Background()
	for _, q := range searchQueries { // warm the caches and check every query works
		if _, err := kept.Search(ctx, analyst, c, q); err != nil {
			b.Fatalf("%+v: %v", q, err)
		}
	}
	total := max(b.N, 640) // ten searches per client
	b.ResetTimer()
	for _, run := range []struct {
		reports *consult.Reports
		prefix  string
	}{{cold, "cold_"}, {kept, ""}} {
		lat, elapsed := searchConcurrently(b, run.reports, c, total)
		b.ReportMetric(float64(total)/elapsed.Seconds(), run.prefix+"searches/s")
		b.ReportMetric(float64(lat[(total-1)*99/100].Microseconds())/1000, run.prefix+"p99_ms")
		b.ReportMetric(float64(lat[(total-1)/2].Microseconds())/1000, run.prefix+"p50_ms")
	}
	b.StopTimer()
	b.ReportMetric(float64(n), "comments")
}

// searchConcurrently runs total searches of searchQueries from 64 clients and
// returns their latencies, sorted, and the time they all took.
func searchConcurrently(b *testing.B, reports *consult.Reports, c *model.Consultation, total int) ([]time.Duration, time.Duration) {
	analyst := &model.User{ID: 1, Role: model.RoleAnalyst}
	lat := make([]time.Duration, total)
	var next atomic.Int64
	var failed atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(total); i = next.Add(1) - 1 {
				t0 := time.Now()
				if _, err := reports.Search(context.Background(), analyst, c, searchQueries[i%int64(len(searchQueries))]); err != nil {
					failed.Store(err.Error())
					return
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if msg := failed.Load(); msg != nil {
		b.Fatal(msg)
	}
	slices.Sort(lat)
	return lat, elapsed
}

// synthLine is one comment of the synthetic labelled set in app/analysis.
type synthLine struct {
	ID     int      `json:"id"`
	Themes []string `json:"themes"`
	Text   string   `json:"text"`
}

// BenchmarkSuggestions suggests themes for N untagged comments
// (PILCROW_BENCH_SUGGEST_COMMENTS, default 100,000) learned from 2,000 tagged
// ones, all from the synthetic labelled set, and reports the time, the peak
// heap, and the precision and recall of the suggestions against the set's labels.
func BenchmarkSuggestions(b *testing.B) {
	n := benchCount("PILCROW_BENCH_SUGGEST_COMMENTS", 100_000)
	st, _ := benchDB(b, benchEngine(b))
	set := readSynthetic(b)
	ctx := context.Background()
	f := testutil.NewModerationFixture(b, st, nil, "suggest-bench", model.PostModeration)
	author := f.User("Bench Author", "author@example.test", model.RoleCitizen)
	analyst := f.User("Bench Analyst", "analyst@example.test", model.RoleAnalyst)
	reports := newReports(st)
	themes := map[string]int64{}
	for _, sc := range set {
		for _, th := range sc.Themes {
			if themes[th] == 0 {
				t, err := reports.CreateTheme(ctx, analyst, f.Consultation, consult.ThemeInput{Name: th})
				if err != nil {
					b.Fatal(err)
				}
				themes[th] = t.ID
			}
		}
	}
	labels := map[int64][]string{} // the untagged comments' true themes
	now := time.Now().UTC()
	var batch []model.Comment
	var tagged []int
	flush := func() {
		if err := st.DB.CreateInBatches(batch, 1000).Error; err != nil {
			b.Fatal(err)
		}
		for i, cm := range batch {
			if tagged[i] >= 0 {
				for _, th := range set[tagged[i]].Themes {
					if err := st.TagComments(ctx, []int64{cm.ID}, []int64{themes[th]}, analyst.ID); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		batch, tagged = batch[:0], tagged[:0]
	}
	for i := 0; i < 2000+n; i++ {
		sc := set[i%len(set)]
		body := sc.Text
		if i >= 2000 {
			body = fmt.Sprintf("%s (%d)", sc.Text, i)
		}
		batch = append(batch, model.Comment{ConsultationID: f.Consultation.ID, VersionID: f.Version.ID, UserID: author.ID,
			Body: body, RespondingAs: "individual", Publish: model.PublishName, Status: model.CommentApproved,
			SubmissionToken: fmt.Sprint("s", i), CreatedAt: now, UpdatedAt: now})
		if i < 2000 {
			tagged = append(tagged, i%len(set))
		} else {
			tagged = append(tagged, -1)
		}
		if len(batch) == 5000 {
			flush()
		}
	}
	flush()
	var untagged []model.Comment
	st.DB.Where("consultation_id = ? AND submission_token NOT IN ?", f.Consultation.ID, tokens(2000)).Select("id, submission_token").Find(&untagged)
	for _, cm := range untagged {
		var i int
		fmt.Sscanf(cm.SubmissionToken, "s%d", &i)
		labels[cm.ID] = set[i%len(set)].Themes
	}
	runtime.GC()
	var res *consult.Suggestions
	var peak float64
	b.ResetTimer()
	for b.Loop() {
		stop := peakHeap()
		var err error
		if res, err = reports.Suggestions(ctx, analyst, f.Consultation, 1<<30); err != nil {
			b.Fatal(err)
		}
		peak = max(peak, stop())
	}
	b.StopTimer()
	names := map[int64]string{}
	for name, id := range themes {
		names[id] = name
	}
	var correct, relevant int
	for _, s := range res.Items {
		if slices.Contains(labels[s.CommentID], names[s.Theme.ID]) {
			correct++
		}
	}
	for _, ls := range labels {
		relevant += len(ls)
	}
	b.ReportMetric(float64(res.Untagged), "untagged")
	b.ReportMetric(peak, "peak_heap_MB")
	b.ReportMetric(float64(correct)/float64(max(len(res.Items), 1)), "precision")
	b.ReportMetric(float64(correct)/float64(max(relevant, 1)), "recall")
}

// tokens are the submission tokens of the first n (tagged) comments.
func tokens(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint("s", i)
	}
	return out
}

// readSynthetic reads app/analysis's synthetic labelled set.
func readSynthetic(b *testing.B) []synthLine {
	f, err := os.Open("../analysis/testdata/synthetic.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []synthLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l synthLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			b.Fatal(err)
		}
		out = append(out, l)
	}
	return out
}
