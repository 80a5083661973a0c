package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// BenchmarkCommentWrites measures sustained accepted comments per second with 64
// signed-in clients posting at once through HTTP, and the 99th percentile of
// their response times, on each engine.
func BenchmarkCommentWrites(b *testing.B) {
	for _, engine := range testutil.Engines(b) {
		b.Run(engine, func(b *testing.B) {
			a := testutil.NewApp(b, engine, nil)
			roomyLimits(a)
			f := testutil.Consultation(b, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
			posters := newPosters(b, a, durableClients, "/consultations/"+f.Slug+"/paragraphs/"+f.Blocks[0].Key)
			var next, accepted atomic.Int64
			latencies := make([][]time.Duration, len(posters))
			b.ResetTimer()
			start := time.Now()
			var wg sync.WaitGroup
			for c, p := range posters {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := next.Add(1); i <= int64(b.N); i = next.Add(1) {
						form := validComment(f.Blocks[int(i)%len(f.Blocks)].Key, fmt.Sprintf("Benchmark comment %d", i))
						t0 := time.Now()
						status, err := p.post(a.URL, f.Slug, url.Values(form))
						latencies[c] = append(latencies[c], time.Since(t0))
						if err == nil && status == http.StatusSeeOther {
							accepted.Add(1)
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
			b.ReportMetric(float64(accepted.Load())/elapsed.Seconds(), "comments/s")
			if accepted.Load() != int64(b.N) {
				b.Errorf("%d of %d comments accepted", accepted.Load(), b.N)
			}
		})
	}
}
