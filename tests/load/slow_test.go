package load

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/testutil"
)

// TestLoadSlowClients opens hundreds of connections that send their headers a
// byte at a time (slowloris), send a body a byte at a time, or ask for big pages
// and never read them, and checks that an ordinary client keeps getting answers
// in good time throughout, and that the server cuts the slow senders off.
func TestLoadSlowClients(t *testing.T) {
	t.Parallel()
	dbURL := testutil.DatabaseURL(t, "sqlite")
	cons := seedConsultation(t, dbURL, "slow")
	inst := startPilcrow(t, dbURL, nil)
	attack := scaled(9*time.Second, 45*time.Second)
	n := scaled(300, 1000)
	page := "/consultations/" + cons.Slug
	css := stylesheet(t, inst.URL+page)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	headers := &slowStats{}
	bodies := &slowStats{}
	for range n {
		wg.Add(3)
		go func() { defer wg.Done(); slowHeaders(inst.URL, page, stop, headers) }()
		go func() { defer wg.Done(); slowBody(inst.URL, stop, bodies) }()
		go func() { defer wg.Done(); slowReader(inst.URL, page, css, stop) }()
	}
	start := time.Now()
	worst, failures, served := normalTraffic(inst.URL, page, start.Add(attack))
	rss := readStatus(inst.pid(), "VmRSS")
	close(stop)
	wg.Wait()

	t.Logf("%d slow-header, %d slow-body and %d slow-reader connections for %s: ordinary client served %d requests, slowest %s; server RSS %s; slow headers cut after %s at most",
		n, n, n, attack, served, worst.Round(time.Millisecond), rss, headers.maxCut().Round(100*time.Millisecond))
	if failures > 0 {
		t.Errorf("%d ordinary requests failed during the attack", failures)
	}
	// Exhaustion would show as requests failing, or waiting on a slow client's
	// timeout (5s at least); a loaded CI machine is slow, but not that slow.
	if worst > 5*time.Second {
		t.Errorf("an ordinary request took %s during the attack", worst)
	}
	if served < 10 {
		t.Errorf("only %d ordinary requests were served in %s", served, attack)
	}
	// ReadHeaderTimeout is 5s: every slow-header connection must be cut soon after.
	if cut, open := headers.counts(); open > 0 || cut < n {
		t.Errorf("slow headers: %d of %d connections cut by the server, %d still open after %s", cut, n, open, attack)
	}
	// Measured from the client's dial, so the time to be accepted in a storm of
	// connections counts too: allow that on top of the 5s.
	if headers.maxCut() > 15*time.Second {
		t.Errorf("a slow-header connection lived %s, want it cut near ReadHeaderTimeout", headers.maxCut())
	}
	if full() {
		if cut, _ := bodies.counts(); cut < n {
			t.Errorf("slow bodies: only %d of %d connections cut by ReadTimeout", cut, n)
		}
	}
}

// slowStats counts slow connections and how long the server let them live.
type slowStats struct {
	mu     sync.Mutex
	cut    int
	open   int
	maxDur time.Duration
}

func (s *slowStats) record(cutByServer bool, lived time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cutByServer {
		s.cut++
		s.maxDur = max(s.maxDur, lived)
	} else {
		s.open++
	}
}

func (s *slowStats) counts() (int, int) { s.mu.Lock(); defer s.mu.Unlock(); return s.cut, s.open }

func (s *slowStats) maxCut() time.Duration { s.mu.Lock(); defer s.mu.Unlock(); return s.maxDur }

// dribble writes prefix, then one byte of filler every half second, until the
// server closes the connection or stop is closed; it records which came first.
func dribble(base, prefix string, stop <-chan struct{}, stats *slowStats) {
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), 5*time.Second)
	if err != nil {
		return
	}
	defer conn.Close()
	start := time.Now()
	closed := make(chan struct{})
	go func() { _, _ = io.Copy(io.Discard, conn); close(closed) }()
	if _, err := conn.Write([]byte(prefix)); err != nil {
		stats.record(true, time.Since(start))
		return
	}
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-closed:
			stats.record(true, time.Since(start))
			return
		case <-stop:
			stats.record(false, 0)
			return
		case <-tick.C:
			_, _ = conn.Write([]byte("a"))
		}
	}
}

// slowHeaders never finishes its headers.
func slowHeaders(base, path string, stop <-chan struct{}, stats *slowStats) {
	dribble(base, "GET "+path+" HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", stop, stats)
}

// slowBody sends complete headers and then a body far slower than any person.
func slowBody(base string, stop <-chan struct{}, stats *slowStats) {
	dribble(base, "POST /auth/dev HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
		"Content-Length: 100000\r\n\r\nname=", stop, stats)
}

// slowReader asks for the page and a big stylesheet over one connection with a
// tiny receive buffer, and never reads an answer, so the server's writes block.
func slowReader(base, path, css string, stop <-chan struct{}) {
	d := net.Dialer{Timeout: 5 * time.Second, Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) { _ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 2048) })
	}}
	conn, err := d.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		return
	}
	defer conn.Close()
	var req strings.Builder
	for _, p := range []string{path, css, path} {
		req.WriteString("GET " + p + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\n\r\n")
	}
	_ = conn.SetWriteDeadline(time.Now().Add(2 * time.Second))
	_, _ = conn.Write([]byte(req.String()))
	<-stop
}

// normalTraffic is an ordinary visitor reading the page until the deadline,
// alternating kept-alive and fresh connections.
func normalTraffic(base, path string, until time.Time) (worst time.Duration, failures, served int) {
	kept := &http.Client{Timeout: 10 * time.Second}
	fresh := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	time.Sleep(500 * time.Millisecond) // let the attack connect first
	for i := 0; time.Now().Before(until); i++ {
		c := kept
		if i%2 == 1 {
			c = fresh
		}
		start := time.Now()
		resp, err := c.Get(base + path)
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err == nil && resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("status %d", resp.StatusCode)
			}
		}
		took := time.Since(start)
		worst = max(worst, took)
		if err != nil {
			failures++
		} else {
			served++
		}
		time.Sleep(100 * time.Millisecond)
	}
	return worst, failures, served
}

// readStatus returns a field of /proc/<pid>/status, such as VmRSS.
func readStatus(pid, field string) string {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

// stylesheet returns the path of the biggest asset the page links to.
func stylesheet(t *testing.T, pageURL string) string {
	t.Helper()
	resp, err := http.Get(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	d, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	href, ok := d.Find(`link[rel="stylesheet"]`).First().Attr("href")
	if !ok {
		t.Fatal("the page links no stylesheet")
	}
	return href
}
