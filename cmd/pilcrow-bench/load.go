package main

import (
	"io"
	"net/http"
	"runtime"
	"slices"
	"sync"
	"time"
)

// loadResult is what a fixed-length load run measured.
type loadResult struct {
	RPS    float64
	P99    time.Duration
	Errors int
}

// hammer sends GET url from conns concurrent clients for d, each reading the
// whole body, without compression so that every server sends the same bytes.
// during, if set, is called every 100 ms while the load runs.
func hammer(url string, conns int, d time.Duration, during func()) loadResult {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, DisableCompression: true,
	}}
	defer client.CloseIdleConnections()
	lat := make([][]time.Duration, conns)
	errs := make([]int, conns)
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(d)
	for i := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				t0 := time.Now()
				resp, err := client.Get(url)
				if err != nil {
					errs[i]++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs[i]++
					continue
				}
				lat[i] = append(lat[i], time.Since(t0))
			}
		}()
	}
	stop := make(chan struct{})
	if during != nil {
		go func() {
			t := time.NewTicker(100 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					during()
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	elapsed := time.Since(start)
	all := slices.Concat(lat...)
	slices.Sort(all)
	r := loadResult{RPS: float64(len(all)) / elapsed.Seconds()}
	for _, e := range errs {
		r.Errors += e
	}
	if len(all) > 0 {
		r.P99 = all[(len(all)-1)*99/100]
	}
	return r
}

func numCPU() int { return runtime.NumCPU() }
