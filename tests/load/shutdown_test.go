package load

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"pilcrow/app/testutil"
)

// outcome is what one comment POST came back with.
type outcome struct {
	token  string
	status int // 0 when the request failed without an answer
	ok     bool
	err    error
}

// TestFaultSIGTERMDuringWrites stops the server with SIGTERM while 64 clients post
// comments as fast as they can: the process drains and exits 0, every comment
// acknowledged with a 303 is in the database, and no client got a success for a
// comment that was lost.
func TestFaultSIGTERMDuringWrites(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		dbURL := testutil.DatabaseURL(t, engine)
		cons := seedConsultation(t, dbURL, "sigterm")
		inst := startPilcrow(t, dbURL, nil)
		clients := scaled(64, 64)
		stopAfter := int64(scaled(150, 1500)) // acknowledged comments before the signal

		var (
			mu       sync.Mutex
			outcomes []outcome
			acked    atomic.Int64
			wg       sync.WaitGroup
		)
		tr := newTransport()
		ready := make(chan struct{})
		for i := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got := postUntilRefused(inst.URL, tr, cons, i, ready, &acked)
				mu.Lock()
				outcomes = append(outcomes, got...)
				mu.Unlock()
			}()
		}
		close(ready)
		deadline := time.Now().Add(scaled(20*time.Second, 60*time.Second))
		for acked.Load() < stopAfter && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		signalled := acked.Load()
		inst.signal(syscall.SIGTERM)
		code := inst.wait(40 * time.Second)
		wg.Wait()
		if code != 0 {
			t.Fatalf("exit code %d after SIGTERM, want 0", code)
		}
		checkOutcomes(t, dbURL, outcomes, signalled)
	})
}

// postUntilRefused signs in and posts comments until the server stops
// answering; an account that reaches its rate limit is replaced by a new one.
func postUntilRefused(base string, tr http.RoundTripper, cons consultation, n int, ready <-chan struct{}, acked *atomic.Int64) []outcome {
	var got []outcome
	<-ready
	for account := 0; ; account++ {
		c := newClient(base, tr)
		email := fmt.Sprintf("load-%d-%d@example.org", n, account)
		if err := c.signIn(fmt.Sprintf("Load %d", n), email, "citizen"); err != nil {
			return got
		}
		key := cons.Keys[n%len(cons.Keys)]
		form, err := c.commentForm(cons.Slug, key)
		if err != nil {
			return got
		}
		for i := 0; ; i++ {
			f := comment(form, fmt.Sprintf("Comment %d of client %d on account %d.", i, n, account))
			r, err := c.post("/consultations/"+cons.Slug+"/comments", f)
			o := outcome{token: f.Get("submission_token"), err: err}
			if r != nil {
				o.status = r.Status
			}
			o.ok = err == nil && accepted(r, cons.Slug)
			got = append(got, o)
			if o.ok {
				acked.Add(1)
				continue
			}
			if err != nil {
				return got // refused or cut: the server is going away
			}
			if o.status == http.StatusTooManyRequests {
				break // this account is spent; sign in as another
			}
			if o.status >= 500 {
				return got
			}
		}
	}
}

// checkOutcomes compares what the clients were told with what was stored.
func checkOutcomes(t *testing.T, dbURL string, outcomes []outcome, signalled int64) {
	t.Helper()
	stored := storedTokens(t, openDB(t, dbURL))
	statuses := map[int]int{}
	var ok, lost, errs int
	for _, o := range outcomes {
		statuses[o.status]++
		switch {
		case o.ok:
			ok++
			if !stored[o.token] {
				lost++
			}
		case o.err != nil:
			errs++
		case o.status >= 200 && o.status < 400:
			t.Errorf("a comment POST answered %d without being an acknowledgement", o.status)
		}
	}
	t.Logf("%d POSTs: %d acknowledged (%d before SIGTERM), %d failed to connect or were cut, statuses %v, %d stored",
		len(outcomes), ok, signalled, errs, statuses, len(stored))
	if lost > 0 {
		t.Errorf("%d acknowledged comments are not in the database", lost)
	}
	if statuses[http.StatusInternalServerError] > 0 {
		t.Errorf("%d POSTs got 500 during the shutdown", statuses[http.StatusInternalServerError])
	}
	if ok == 0 {
		t.Error("no comment was acknowledged at all")
	}
	if errs == 0 {
		t.Error("no client saw the server go away: the signal came too late to test anything")
	}
}
