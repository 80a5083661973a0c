package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

const (
	durableClients   = 64
	durablePerClient = 50
)

// poster is one signed-in browser that sends comments from its own goroutine.
type poster struct {
	http *http.Client
	csrf string
}

// newPosters signs in n citizens and reads each one's CSRF token from the page.
func newPosters(t testing.TB, a *testutil.TestApp, n int, page string) []poster {
	t.Helper()
	ps := make([]poster, n)
	for i := range ps {
		cl := a.Client(t)
		cl.SignIn(fmt.Sprintf("Load Tester %d", i), fmt.Sprintf("load%d-%s@example.org", i, testutil.RandomToken()), "citizen")
		cl.Get(page)
		ps[i] = poster{http: cl.HTTP, csrf: cl.CSRF()}
	}
	return ps
}

// post sends one comment and returns the status, or an error for a failed request.
func (p poster) post(base, slug string, form url.Values) (int, error) {
	form.Set("_csrf", p.csrf)
	resp, err := p.http.PostForm(base+"/consultations/"+slug+"/comments", form)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusSeeOther && !strings.Contains(resp.Header.Get("Location"), "#comment-") {
		return 0, fmt.Errorf("success redirect to %q", resp.Header.Get("Location"))
	}
	return resp.StatusCode, nil
}

// TestDurability sends 64 × 50 comments at once through HTTP: every one must be
// stored exactly once, and sending them all again with the same submission
// tokens must store nothing new.
func TestDurability(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		a := testutil.NewApp(t, engine, nil)
		roomyLimits(a)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		key := f.Blocks[0].Key
		posters := newPosters(t, a, durableClients, "/consultations/"+f.Slug+"/paragraphs/"+key)
		forms := make([][]url.Values, durableClients)
		for c := range forms {
			for i := range durablePerClient {
				form := validComment(f.Blocks[i%len(f.Blocks)].Key, fmt.Sprintf("Durable comment %d from client %d", i, c))
				form.Set("submission_token", fmt.Sprintf("durable-%03d-%03d-%s", c, i, testutil.RandomToken()))
				forms[c] = append(forms[c], form)
			}
		}
		send := func(round string) {
			var failures atomic.Int64
			var firstErr sync.Once
			var wg sync.WaitGroup
			start := time.Now()
			for c, p := range posters {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for _, form := range forms[c] {
						status, err := p.post(a.URL, f.Slug, url.Values(cloneValues(form)))
						if err != nil || status != http.StatusSeeOther {
							failures.Add(1)
							firstErr.Do(func() { t.Errorf("%s: status %d, error %v", round, status, err) })
						}
					}
				}()
			}
			wg.Wait()
			t.Logf("%s: %d posts in %s", round, durableClients*durablePerClient, time.Since(start).Round(time.Millisecond))
			if n := failures.Load(); n > 0 {
				t.Fatalf("%s: %d of %d posts failed", round, n, durableClients*durablePerClient)
			}
		}
		send("first round")
		if n := len(storedComments(t, a, f.ID)); n != durableClients*durablePerClient {
			t.Fatalf("stored %d comments, want %d", n, durableClients*durablePerClient)
		}
		send("replay")
		if n := len(storedComments(t, a, f.ID)); n != durableClients*durablePerClient {
			t.Fatalf("after the replay %d comments are stored, want %d", n, durableClients*durablePerClient)
		}
	})
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
