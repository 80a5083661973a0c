package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// server is a child process serving HTTP on a loopback port.
type server struct {
	URL  string
	cmd  *exec.Cmd
	done chan error
	took time.Duration // from start to the first 200 on the ready path
}

// startServer runs name with the arguments args gives for a free loopback
// address (also set as PILCROW_ADDR) and env, and waits until ready answers 200.
func startServer(name string, args func(addr string) []string, env []string, ready string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(name, args(addr)...)
	cmd.Env = append(append(os.Environ(), env...), "PILCROW_ADDR="+addr, "PILCROW_BASE_URL=http://"+addr)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	s := &server{URL: "http://" + addr, cmd: cmd, done: make(chan error, 1)}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { s.done <- cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	for deadline := start.Add(60 * time.Second); time.Now().Before(deadline); {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("%s exited before it was ready: %v", name, err)
		default:
		}
		if resp, err := client.Get(s.URL + ready); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.took = time.Since(start)
				return s, nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	s.stop()
	return nil, errors.New(name + " was not ready within a minute")
}

// stop sends SIGTERM and waits, killing the process after 30 seconds.
func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// status reads a field of /proc/<pid>/status in kB (VmRSS, VmHWM) as MB.
func (s *server) status(field string) float64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(s.cmd.Process.Pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// runCommand runs a one-shot command and returns its output, or an error with it.
func runCommand(ctx context.Context, env []string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, lastLines(string(out), 3))
	}
	return string(out), nil
}

// staticServer is the baseline: the smallest Go web server, serving one file
// and answering /readyz, run by this same binary in its "static-server" mode.
func staticServer(file, addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ready\n") })
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, file) })
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signalContext()
	defer stop()
	go func() { <-ctx.Done(); _ = srv.Shutdown(context.Background()) }()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
