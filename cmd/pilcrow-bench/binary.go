package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// The binary's own figures: how long it takes to be ready, and how much memory it
// holds at rest and under load, each beside the smallest Go web server (this
// program in its static-server mode) serving the same page in the same run.
const (
	starts       = 5               // start-ups measured; the median is reported
	loadConns    = 64              // concurrent connections of the load
	loadDuration = 8 * time.Second // length of each load run
	restPause    = 1 * time.Second // settling time before memory at rest is read
	cmdTimeout   = 3 * time.Minute // for migrate and seed
)

// measureBinary builds pilcrow and measures it on the engine's database.
func measureBinary(ctx context.Context, pilcrow, dir, engine, databaseURL string) ([]row, error) {
	env := []string{"PILCROW_DATABASE_URL=" + databaseURL, "PILCROW_SESSION_SECRET=bench-secret-bench-secret-bench-secret-01"}
	cctx, cancel := context.WithTimeout(ctx, cmdTimeout)
	defer cancel()
	if _, err := runCommand(cctx, env, pilcrow, "migrate"); err != nil {
		return nil, err
	}
	if _, err := runCommand(cctx, env, pilcrow, "seed", "demo"); err != nil {
		return nil, err
	}
	serve := func(string) []string { return []string{"serve"} }
	p, err := startServer(pilcrow, serve, env, "/readyz")
	if err != nil {
		return nil, err
	}
	page, body, err := documentPage(p.URL)
	if err != nil {
		p.stop()
		return nil, err
	}
	file := filepath.Join(dir, engine+"-page.html")
	if err := os.WriteFile(file, body, 0o600); err != nil {
		p.stop()
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		p.stop()
		return nil, err
	}
	static := func(addr string) []string { return []string{"static-server", file, addr} }
	s, err := startServer(self, static, nil, "/readyz")
	if err != nil {
		p.stop()
		return nil, err
	}
	mine, base := measureServer(p, page), measureServer(s, "/page")
	p.stop()
	s.stop()

	pStart, err := medianStart(pilcrow, serve, env)
	if err != nil {
		return nil, err
	}
	sStart, err := medianStart(self, static, nil)
	if err != nil {
		return nil, err
	}
	name := engineName(engine)
	staticName := "static Go server"
	return []row{
		{Figure: "Start-up to /readyz 200, " + name, Value: ms(pStart), Unit: "ms", Base: ms(sStart), BaseName: staticName},
		{Figure: "Resident memory at rest, " + name, Value: mine.rest, Unit: "MB", Base: base.rest, BaseName: staticName},
		{Figure: fmt.Sprintf("Resident memory under load (peak, %d conns), %s", loadConns, name), Value: mine.peak, Unit: "MB", Base: base.peak, BaseName: staticName},
		{Figure: "Demo document page via the binary, " + name + ": throughput", Value: mine.load.RPS, Unit: "req/s", Base: base.load.RPS, BaseName: staticName + ", same bytes",
			Note: errorsNote(mine.load.Errors + base.load.Errors)},
		{Figure: "Demo document page via the binary, " + name + ": p99", Value: ms(mine.load.P99), Unit: "ms", Base: ms(base.load.P99), BaseName: staticName + ", same bytes"},
	}, nil
}

type serverFigures struct {
	rest, peak float64 // MB: VmRSS at rest, VmHWM after the load
	load       loadResult
}

// measureServer warms the server up, reads its memory at rest, loads it and
// reads its peak.
func measureServer(s *server, path string) serverFigures {
	for range 20 {
		if resp, err := http.Get(s.URL + path); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	time.Sleep(restPause)
	f := serverFigures{rest: s.status("VmRSS")}
	f.load = hammer(s.URL+path, loadConns, loadDuration, nil)
	f.peak = s.status("VmHWM")
	return f
}

// medianStart starts and stops the server several times and returns the
// median time from exec to the first 200 from /readyz.
func medianStart(name string, args func(string) []string, env []string) (time.Duration, error) {
	var ds []time.Duration
	for range starts {
		s, err := startServer(name, args, env, "/readyz")
		if err != nil {
			return 0, err
		}
		ds = append(ds, s.took)
		s.stop()
	}
	slices.Sort(ds)
	return ds[len(ds)/2], nil
}

var consultationLink = regexp.MustCompile(`href="(/consultations/[a-z0-9-]+)"`)

// documentPage finds the demo consultation from the home page and returns its
// path and bytes as served without compression.
func documentPage(base string) (string, []byte, error) {
	get := func(path string) ([]byte, error) {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		req.Header.Set("Accept-Encoding", "identity")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return io.ReadAll(resp.Body)
	}
	home, err := get("/")
	if err != nil {
		return "", nil, err
	}
	m := consultationLink.FindSubmatch(home)
	if m == nil {
		return "", nil, fmt.Errorf("the home page links no consultation")
	}
	body, err := get(string(m[1]))
	return string(m[1]), body, err
}

// postgresSchema creates a fresh schema on the PostgreSQL the tests use and
// returns a URL whose search_path is it, and a function that drops it; the
// error says why PostgreSQL is unavailable.
func postgresSchema(ctx context.Context) (string, func(), error) {
	base := os.Getenv("PILCROW_TEST_DATABASE_URL")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(cctx, base)
	if err != nil {
		return "", nil, err
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "bench_" + hex.EncodeToString(b)
	if _, err := conn.Exec(cctx, "CREATE SCHEMA "+schema); err != nil {
		return "", nil, err
	}
	drop := func() {
		dctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if c, err := pgx.Connect(dctx, base); err == nil {
			_, _ = c.Exec(dctx, "DROP SCHEMA "+schema+" CASCADE")
			_ = c.Close(dctx)
		}
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

func engineName(engine string) string {
	if engine == "postgres" {
		return "PostgreSQL"
	}
	return "SQLite"
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func errorsNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d failed requests", n)
}
