package load

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// answerWithin is the longest a request may take while the database is away:
// well under the server's timeouts, so a client never waits on a dead pool.
const answerWithin = 8 * time.Second

// TestFaultDatabaseOutage cuts PostgreSQL off while clients read and post. The
// PostgreSQL server is shared by the whole suite running in parallel, so the
// outage is made at the network level: a TCP relay between the binary and the
// server drops every connection and refuses new ones, which is what the
// application sees when the database host stops or the network partitions.
func TestFaultDatabaseOutage(t *testing.T) {
	t.Parallel()
	dbURL := testutil.DatabaseURL(t, store.Postgres)
	cons := seedConsultation(t, dbURL, "outage")
	setModeration(t, dbURL, cons.Slug, "post")
	u, _ := url.Parse(dbURL)
	proxy := testutil.NewProxy(t, u.Host)
	inst := startPilcrow(t, proxy.Via(dbURL), nil)

	tr := newTransport()
	readers, writers := makeClients(t, inst.URL, tr, cons, 8), makeClients(t, inst.URL, tr, cons, 8)
	acked := &ackLog{}
	runTraffic(t, readers, writers, cons, acked, time.Second, "before the outage", okOnly)

	proxy.Cut()
	cutAt := time.Now()
	expectReadyz(t, inst.URL, http.StatusServiceUnavailable, 5*time.Second)
	runTraffic(t, readers, writers, cons, acked, scaled(3*time.Second, 20*time.Second), "during the outage", unavailableOnly)
	if len(acked.during) > 0 {
		t.Errorf("%d comments were acknowledged while the database was unreachable", len(acked.during))
	}

	proxy.Restore()
	restoredAt := time.Now()
	expectReadyz(t, inst.URL, http.StatusOK, 10*time.Second)
	recovered := time.Since(restoredAt)
	runTraffic(t, readers, writers, cons, acked, time.Second, "after the outage", okOnly)
	t.Logf("outage of %s; ready again %s after the database came back", restoredAt.Sub(cutAt).Round(time.Millisecond), recovered.Round(time.Millisecond))

	stored := storedTokens(t, openDB(t, dbURL))
	for _, tok := range acked.tokens {
		if !stored[tok] {
			t.Errorf("acknowledged comment %s is not in the database", tok)
		}
	}
	if strings.Contains(inst.out.String(), "panic") {
		t.Error("the server logged a panic during the outage")
	}
}

// ackLog records acknowledged comments, and any acknowledged during an outage.
type ackLog struct {
	mu     sync.Mutex
	tokens []string
	during []string
}

// expectation judges one answer in a phase of the test.
type expectation func(r *reply, isPost bool) error

func okOnly(r *reply, isPost bool) error {
	if (isPost && r.Status == http.StatusSeeOther) || (!isPost && r.Status == http.StatusOK) {
		return nil
	}
	return fmt.Errorf("status %d", r.Status)
}

// unavailableOnly wants the 503 page, except that a page served whole from a
// cache may still answer 200 to a reader.
func unavailableOnly(r *reply, isPost bool) error {
	if !isPost && r.Status == http.StatusOK {
		return nil
	}
	if r.Status != http.StatusServiceUnavailable {
		return fmt.Errorf("status %d, want 503", r.Status)
	}
	if !strings.HasPrefix(r.Type, "text/html") {
		return fmt.Errorf("503 without the HTML page (%q)", r.Type)
	}
	return nil
}

// makeClients signs n clients in and loads their comment forms.
func makeClients(t *testing.T, base string, tr http.RoundTripper, cons consultation, n int) []*clientForm {
	t.Helper()
	var cs []*clientForm
	for i := range n {
		c := newClient(base, tr)
		if err := c.signIn(fmt.Sprintf("Outage %d", i), fmt.Sprintf("outage-%d-%s@example.org", i, c.ip), "citizen"); err != nil {
			t.Fatal(err)
		}
		form, err := c.commentForm(cons.Slug, cons.Keys[i%len(cons.Keys)])
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, &clientForm{client: c, form: form, key: cons.Keys[i%len(cons.Keys)]})
	}
	return cs
}

type clientForm struct {
	*client
	form url.Values
	key  string
}

// runTraffic has readers fetch pages and writers post comments for d, and
// checks every answer against want. Writers post slowly enough to stay within
// the per-account rate limit.
func runTraffic(t *testing.T, readers, writers []*clientForm, cons consultation, acked *ackLog, d time.Duration, phase string, want expectation) {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	problems := map[string]int{}
	var slowest time.Duration
	note := func(r *reply, err error, isPost bool) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil:
			problems["no answer: "+err.Error()]++
		case r.Took > answerWithin:
			problems[fmt.Sprintf("took %s", r.Took.Round(time.Second))]++
		default:
			if e := want(r, isPost); e != nil {
				problems[e.Error()]++
			}
		}
		if r != nil && r.Took > slowest {
			slowest = r.Took
		}
	}
	end := time.Now().Add(d)
	for i, rc := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			paths := []string{"/consultations/" + cons.Slug, "/consultations/" + cons.Slug + "/paragraphs/" + rc.key, "/"}
			for n := i; time.Now().Before(end); n++ {
				r, err := rc.get(paths[n%len(paths)])
				note(r, err, false)
			}
		}()
	}
	for _, wc := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				f := comment(wc.form, "A comment posted "+phase+".")
				r, err := wc.post("/consultations/"+cons.Slug+"/comments", f)
				note(r, err, true)
				if err == nil && accepted(r, cons.Slug) {
					acked.mu.Lock()
					acked.tokens = append(acked.tokens, f.Get("submission_token"))
					if phase == "during the outage" {
						acked.during = append(acked.during, f.Get("submission_token"))
					}
					acked.mu.Unlock()
				}
				time.Sleep(250 * time.Millisecond)
			}
		}()
	}
	wg.Wait()
	for p, n := range problems {
		t.Errorf("%s: %d requests: %s", phase, n, p)
	}
	t.Logf("%s: slowest answer %s", phase, slowest.Round(time.Millisecond))
}

// expectReadyz polls /readyz until it gives status, failing after d.
func expectReadyz(t *testing.T, base string, status int, d time.Duration) {
	t.Helper()
	c := &http.Client{Timeout: answerWithin}
	deadline := time.Now().Add(d)
	last := 0
	for time.Now().Before(deadline) {
		resp, err := c.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if last = resp.StatusCode; last == status {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("/readyz did not answer %d within %s (last %d)", status, d, last)
}
