package main

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// result is one benchmark output line: its name (without the -GOMAXPROCS
// suffix) and every metric by unit, ns/op and the b.ReportMetric ones alike.
type result struct {
	Name    string
	Metrics map[string]float64
}

// benchLine matches "BenchmarkX/sub-2   <N>   <value> <unit>   <value> <unit>…".
var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$`)

// parseBench reads the standard benchmark output format.
func parseBench(out string) []result {
	var rs []result
	for _, line := range strings.Split(out, "\n") {
		m := benchLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		r := result{Name: m[1], Metrics: map[string]float64{}}
		f := strings.Fields(m[3])
		for i := 0; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				r.Metrics[f[i+1]] = v
			}
		}
		rs = append(rs, r)
	}
	return rs
}

// testBinaries compiles each package's tests once, so that several runs of one
// package's benchmarks do not rebuild or relink it.
type testBinaries struct {
	root, dir string
	built     map[string]string
}

// binary returns the compiled test binary of the package folder pkg ("app/web").
func (tb *testBinaries) binary(ctx context.Context, pkg string) (string, error) {
	if p, ok := tb.built[pkg]; ok {
		return p, nil
	}
	out := filepath.Join(tb.dir, strings.ReplaceAll(pkg, "/", "_")+".test")
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-o", out, "./"+pkg)
	cmd.Dir = tb.root
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build tests of %s: %v: %s", pkg, err, lastLines(string(b), 5))
	}
	tb.built[pkg] = out
	return out, nil
}

// runBench runs one benchmark of a package, in the package's folder as go test
// would, with the environment extra added, and returns its parsed lines.
func (tb *testBinaries) runBench(ctx context.Context, pkg, name, benchtime string, extra []string, timeout time.Duration) ([]result, string, error) {
	bin, err := tb.binary(ctx, pkg)
	if err != nil {
		return nil, "", err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-test.run", "^$", "-test.bench", "^"+name+"$",
		"-test.benchtime", benchtime, "-test.benchmem=false", "-test.timeout", timeout.String())
	cmd.Dir = filepath.Join(tb.root, pkg)
	cmd.Env = append(os.Environ(), extra...)
	b, err := cmd.CombinedOutput()
	out := string(b)
	if ctx.Err() != nil {
		return parseBench(out), out, fmt.Errorf("timed out after %s", timeout)
	}
	if err != nil {
		return parseBench(out), out, fmt.Errorf("%v: %s", err, lastLines(out, 5))
	}
	return parseBench(out), out, nil
}

// declPattern finds benchmark declarations in test files.
var declPattern = regexp.MustCompile(`(?m)^func (Benchmark\w+)\(b \*testing\.B\)`)

// discover lists every benchmark declared in the module's test files, as
// "pkg BenchmarkName", by reading the source rather than compiling every package.
func discover(root string) ([][2]string, error) {
	var found [][2]string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		for _, m := range declPattern.FindAllStringSubmatch(string(src), -1) {
			found = append(found, [2]string{filepath.ToSlash(rel), m[1]})
		}
		return nil
	})
	sort.Slice(found, func(i, j int) bool { return found[i][0]+found[i][1] < found[j][0]+found[j][1] })
	return found, err
}

// moduleRoot is the folder of go.mod, found from the working folder upwards.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working folder")
		}
		dir = parent
	}
}

func lastLines(s string, n int) string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
