// Command pilcrow-bench runs every benchmark of the project in one go, adds the
// binary's own start-up time and memory, and prints one table: each figure, its
// baseline measured in the same run, and their ratio. Progress goes to stderr,
// the table to stdout. It reports; it never passes or fails on speed.
//
//	make bench                       # or: go run ./cmd/pilcrow-bench
//	go run ./cmd/pilcrow-bench -only 'CSV|PDF'
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) == 4 && os.Args[1] == "static-server" {
		if err := staticServer(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, "static-server:", err)
			os.Exit(1)
		}
		return
	}
	only := flag.String("only", "", "run only the benchmarks (and binary figures: \"binary\") whose name matches this regexp")
	flag.Parse()
	filter, err := regexp.Compile(*only)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pilcrow-bench: -only:", err)
		os.Exit(2)
	}
	if err := run(filter); err != nil {
		fmt.Fprintln(os.Stderr, "pilcrow-bench:", err)
		os.Exit(1)
	}
}

// bench carries what one report run needs.
type bench struct {
	ctx     context.Context
	root    string
	dir     string
	started time.Time
	tests   *testBinaries
}

func run(filter *regexp.Regexp) error {
	ctx, stop := signalContext()
	defer stop()
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "pilcrow-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b := &bench{ctx: ctx, root: root, dir: dir, started: time.Now(),
		tests: &testBinaries{root: root, dir: dir, built: map[string]string{}}}

	var rows []row
	if filter.MatchString("binary") {
		rows = append(rows, b.binaryRows()...)
	}
	listed := map[string]bool{}
	for _, s := range specs {
		listed[s.Pkg+" "+s.Name] = true
		if filter.MatchString(s.Name) && ctx.Err() == nil {
			rows = append(rows, b.benchRows(s)...)
		}
	}
	found, err := discover(root)
	if err != nil {
		return err
	}
	for _, f := range found {
		if !listed[f[0]+" "+f[1]] && filter.MatchString(f[1]) && ctx.Err() == nil {
			rows = append(rows, b.benchRows(benchSpec{Pkg: f[0], Name: f[1], Benchtime: "1x", Timeout: 2 * time.Minute})...)
		}
	}
	b.progress("done")
	fmt.Printf("Pilcrow benchmarks, %s, %d CPUs, %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), numCPU(), time.Since(b.started).Round(time.Second))
	printTable(os.Stdout, rows)
	return ctx.Err()
}

// binaryRows builds pilcrow and measures it on SQLite and, when it answers,
// PostgreSQL.
func (b *bench) binaryRows() []row {
	b.progress("building pilcrow")
	pilcrow := filepath.Join(b.dir, "pilcrow")
	build := exec.CommandContext(b.ctx, "go", "build", "-o", pilcrow, "./cmd/pilcrow")
	build.Dir = b.root
	if out, err := build.CombinedOutput(); err != nil {
		return []row{{Figure: "The pilcrow binary", Note: "not built: " + lastLines(string(out), 2)}}
	}
	var rows []row
	b.progress("measuring the binary on SQLite: start-up, memory at rest and under load")
	rows = append(rows, b.binaryEngine(pilcrow, "sqlite", "sqlite://"+filepath.Join(b.dir, "bench.db"))...)
	pg, drop, err := postgresSchema(b.ctx)
	if err != nil {
		return append(rows, row{Figure: "The binary on PostgreSQL", Note: "not measured: " + firstLine(err.Error(), 80)})
	}
	defer drop()
	b.progress("measuring the binary on PostgreSQL")
	return append(rows, b.binaryEngine(pilcrow, "postgres", pg)...)
}

func (b *bench) binaryEngine(pilcrow, engine, databaseURL string) []row {
	rows, err := measureBinary(b.ctx, pilcrow, b.dir, engine, databaseURL)
	if err != nil {
		return []row{{Figure: "The binary on " + engineName(engine), Note: "not measured: " + firstLine(err.Error(), 90)}}
	}
	return rows
}

// benchRows runs one benchmark and turns its output into rows.
func (b *bench) benchRows(s benchSpec) []row {
	b.progress("%s (%s, -benchtime %s)", s.Name, s.Pkg, s.Benchtime)
	results, _, err := b.tests.runBench(b.ctx, s.Pkg, s.Name, s.Benchtime, s.Env, s.Timeout)
	rows := rowsFor(s, results, err)
	if err != nil && len(results) > 0 && len(rows) > 0 {
		rows[0].Note = "the benchmark reported an error: " + firstLine(err.Error(), 70)
	}
	return rows
}

// progress prints a line to stderr with the time since the start.
func (b *bench) progress(format string, args ...any) {
	el := time.Since(b.started).Round(time.Second)
	fmt.Fprintf(os.Stderr, "[%02d:%02d] %s\n", int(el.Minutes()), int(el.Seconds())%60, fmt.Sprintf(format, args...))
}

func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
