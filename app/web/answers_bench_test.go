package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// answerBenchAnswers is how many answers the results page counts; PILCROW_BENCH_ANSWERS overrides it.
func answerBenchAnswers() int {
	if n, err := strconv.Atoi(os.Getenv("PILCROW_BENCH_ANSWERS")); err == nil && n > 0 {
		return n
	}
	return 100000
}

// BenchmarkAnswers measures, on PostgreSQL, answers accepted per second with 64
// signed-in clients answering at once through HTTP (each answer with its text,
// replacing the client's earlier one), and the p99 of the results page for a
// question with 100,000 answers.
func BenchmarkAnswers(b *testing.B) {
	if !slices.Contains(testutil.Engines(b), store.Postgres) {
		testutil.Unavailable(b, "postgres", "the answers benchmark runs on PostgreSQL")
	}
	a := testutil.NewApp(b, store.Postgres, nil)
	roomyLimits(a)
	f := testutil.Consultation(b, a, testutil.ConsultationOpts{Moderation: model.PostModeration, Markdown: questionsMarkdown})
	keys := questionKeys(f)
	posters := newPosters(b, a, durableClients, "/consultations/"+f.Slug+"/paragraphs/"+keys[0])
	var next, accepted atomic.Int64
	latencies := make([][]time.Duration, len(posters))
	choices := []string{"Agree", "Disagree", "Don't know"}
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for c, p := range posters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(b.N); i = next.Add(1) {
				form := url.Values{"_csrf": {p.csrf}, "question": {keys[0]}, "choice": {choices[int(i)%3]},
					"text": {fmt.Sprintf("Reason number %d.", i)}, "responding_as": {"individual"}, "publish": {"anonymous"}}
				t0 := time.Now()
				resp, err := p.http.PostForm(a.URL+"/consultations/"+f.Slug+"/answers", form)
				latencies[c] = append(latencies[c], time.Since(t0))
				if err == nil {
					resp.Body.Close()
					if resp.StatusCode == http.StatusSeeOther {
						accepted.Add(1)
					}
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all := slices.Concat(latencies...)
	slices.Sort(all)
	if len(all) > 0 {
		b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99_ms")
	}
	b.ReportMetric(float64(accepted.Load())/elapsed.Seconds(), "answers/s")
	if accepted.Load() != int64(b.N) {
		b.Errorf("%d of %d answers accepted", accepted.Load(), b.N)
	}

	n := answerBenchAnswers()
	seedAnswers(b, a, f.ID, keys[1], n)
	analyst := a.Client(b)
	analyst.SignIn("Bench Analyst", "analyst@example.test", "analyst")
	r := analyst.Get("/consultations/"+f.Slug+"/results").Expect(b, http.StatusOK)
	if got := r.Doc.Find("#result-" + keys[1]).Text(); !strings.Contains(got, strconv.Itoa(n)+" answers") {
		b.Fatalf("results do not count %d answers: %.300s", n, got)
	}
	lat := make([]time.Duration, 50)
	for i := range lat {
		t0 := time.Now()
		analyst.Get("/consultations/"+f.Slug+"/results").Expect(b, http.StatusOK)
		lat[i] = time.Since(t0)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "results_p99_ms")
	b.ReportMetric(float64(n), "answers")
}

// seedAnswers inserts n people, each with a respondent row and a many-choice
// answer to the question, in three INSERT … SELECT statements.
func seedAnswers(b *testing.B, a *testutil.TestApp, consultationID int64, key string, n int) {
	b.Helper()
	now := time.Now().UTC()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO users (provider, subject, email, display_name, created_at, updated_at)
			SELECT 'bench', 'answer-' || g, 'a' || g || '@example.test', 'Respondent ' || g, ?, ? FROM generate_series(1, ?) AS g`,
			[]any{now, now, n}},
		{`INSERT INTO respondents (consultation_id, user_id, responding_as, organisation, publish, created_at, updated_at)
			SELECT ?, u.id, CASE WHEN u.id % 10 = 0 THEN 'organisation' ELSE 'individual' END, '', 'no', ?, ?
			FROM users u WHERE u.provider = 'bench'`, []any{consultationID, now, now}},
		{`INSERT INTO answers (consultation_id, question_key, user_id, choices, language, created_at, updated_at)
			SELECT ?, ?, u.id, (ARRAY['North', 'South', E'North\nSouth', E'South\n=SUM(A1)'])[1 + u.id % 4],
				CASE WHEN u.id % 7 = 0 THEN 'cy' ELSE 'en' END, ?, ?
			FROM users u WHERE u.provider = 'bench'`, []any{consultationID, key, now, now}},
	} {
		if err := a.Store.DB.Exec(q.sql, q.args...).Error; err != nil {
			b.Fatal(err)
		}
	}
	if err := a.Store.DB.Exec("ANALYZE answers").Error; err != nil {
		b.Fatal(err)
	}
}
