package load

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// sessionSecret is shared by every instance of a test, as a deployment of
// several instances behind a load balancer shares it.
const sessionSecret = "load-test-secret-load-test-secret-0123456789"

// instance is one running pilcrow process.
type instance struct {
	t    testing.TB
	URL  string
	cmd  *exec.Cmd
	out  *logBuffer
	done chan struct{}
	err  error // the process's exit, once done is closed
}

// logBuffer collects a child's output for failure messages.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 4<<20 { // keep the start; a flood of access lines adds nothing
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// tail returns the last n lines of the output.
func (b *logBuffer) tail(n int) string {
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// errors returns the first n lines logged at level ERROR.
func (b *logBuffer) errors(n int) string {
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, "level=ERROR") && len(out) < n {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// childEnv is the environment of a child process: ours without any PILCROW_*
// variable, then the given ones.
func childEnv(vars map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PILCROW_") {
			env = append(env, kv)
		}
	}
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	return env
}

// startPilcrow serves a database on a free loopback port and waits until /readyz
// answers 200. extra overrides the environment. The process is stopped at cleanup.
func startPilcrow(t testing.TB, databaseURL string, extra map[string]string) *instance {
	t.Helper()
	var last *instance
	for attempt := 0; attempt < 3; attempt++ { // a free port can be taken before we bind it
		inst := launch(t, databaseURL, extra)
		if err := inst.waitReady(60 * time.Second); err == nil {
			return inst
		} else {
			last = inst
			inst.kill()
			if !strings.Contains(inst.out.String(), "address already in use") {
				t.Fatalf("pilcrow did not become ready: %v\n%s", err, inst.out.tail(30))
			}
		}
	}
	t.Fatalf("pilcrow could not bind a port:\n%s", last.out.tail(30))
	return nil
}

func launch(t testing.TB, databaseURL string, extra map[string]string) *instance {
	addr := freeAddr(t)
	vars := map[string]string{
		"PILCROW_ADDR":           addr,
		"PILCROW_BASE_URL":       "http://" + addr,
		"PILCROW_DATABASE_URL":   databaseURL,
		"PILCROW_SESSION_SECRET": sessionSecret,
	}
	for k, v := range extra {
		vars[k] = v
	}
	inst := &instance{t: t, URL: "http://" + addr, out: &logBuffer{}, done: make(chan struct{})}
	inst.cmd = exec.Command(binary, "serve")
	inst.cmd.Env = childEnv(vars)
	inst.cmd.Stdout, inst.cmd.Stderr = inst.out, inst.out
	if err := inst.cmd.Start(); err != nil {
		t.Fatalf("start pilcrow: %v", err)
	}
	go func() { inst.err = inst.cmd.Wait(); close(inst.done) }()
	t.Cleanup(func() {
		inst.kill()
		if t.Failed() {
			t.Logf("pilcrow %s errors:\n%s\noutput (tail):\n%s", inst.URL, inst.out.errors(20), inst.out.tail(40))
		}
	})
	return inst
}

// freeAddr returns a loopback address with a port nobody listens on right now.
func freeAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitReady polls /readyz until it answers 200, the process exits, or d passes.
func (inst *instance) waitReady(d time.Duration) error {
	c := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		select {
		case <-inst.done:
			return errors.New("pilcrow exited: " + errString(inst.err))
		default:
		}
		if resp, err := c.Get(inst.URL + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	return errors.New("timed out waiting for /readyz")
}

// signal sends sig to the process.
func (inst *instance) signal(sig os.Signal) {
	if err := inst.cmd.Process.Signal(sig); err != nil {
		inst.t.Errorf("signal %v: %v", sig, err)
	}
}

// wait returns the exit code once the process ends, or -1 after d.
func (inst *instance) wait(d time.Duration) int {
	select {
	case <-inst.done:
	case <-time.After(d):
		return -1
	}
	var exit *exec.ExitError
	if errors.As(inst.err, &exit) {
		return exit.ExitCode()
	}
	if inst.err != nil {
		return -2
	}
	return 0
}

func (inst *instance) kill() {
	select {
	case <-inst.done:
	default:
		_ = inst.cmd.Process.Kill()
		<-inst.done
	}
}

// pid is the process id, for reading /proc.
func (inst *instance) pid() string { return strconv.Itoa(inst.cmd.Process.Pid) }

// runPilcrow runs a one-shot command of the binary against the database and
// returns its output; a non-zero exit fails the test.
func runPilcrow(t testing.TB, databaseURL string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = childEnv(map[string]string{
		"PILCROW_DATABASE_URL":   databaseURL,
		"PILCROW_SESSION_SECRET": sessionSecret,
	})
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pilcrow %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func errString(err error) string {
	if err == nil {
		return "exit 0"
	}
	return err.Error()
}
