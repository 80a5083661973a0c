// Package load is the load and fault suite: it builds the real pilcrow binary,
// starts it as a child process on loopback, and attacks it from outside with
// many clients, signals, database outages, slow and malformed requests.
//
// The default run is short and bounded so that `make test` includes it;
// PILCROW_LOAD=full (`make test-load`) runs the same tests for longer.
package load

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// binary is the pilcrow executable built once for this test binary.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pilcrow-load-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "pilcrow")
	build := exec.Command(goTool(), "build", "-o", binary, "pilcrow/cmd/pilcrow")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build pilcrow:", err)
		_ = os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// goTool is the go command; go test puts its own toolchain first on PATH.
func goTool() string { return "go" }

// full reports whether the long form of the suite was asked for.
func full() bool { return os.Getenv("PILCROW_LOAD") == "full" }

// scaled picks the short or the full value of a duration or a count.
func scaled[T int | time.Duration](short, long T) T {
	if full() {
		return long
	}
	return short
}
