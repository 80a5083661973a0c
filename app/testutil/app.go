package testutil

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"

	"pilcrow/app"
	"pilcrow/config"
)

// TestApp is a whole Pilcrow behind a real HTTP server on loopback.
type TestApp struct {
	*app.App
	Server *httptest.Server
	URL    string
}

// NewApp starts Pilcrow on a fresh database of the engine. env overrides the
// configuration, as PILCROW_* variables would.
func NewApp(t testing.TB, engine string, env map[string]string) *TestApp {
	t.Helper()
	return newApp(t, engine, env, "", TestLogger())
}

// NewAppWithLog is NewApp logging to log, for tests that read what was logged.
func NewAppWithLog(t testing.TB, engine string, env map[string]string, log *slog.Logger) *TestApp {
	t.Helper()
	return newApp(t, engine, env, "", log)
}

// NewLocalhostApp is NewApp with its public URL on the name localhost rather
// than 127.0.0.1, as WebAuthn (passkeys) needs a domain name.
func NewLocalhostApp(t testing.TB, engine string, env map[string]string) *TestApp {
	t.Helper()
	return newApp(t, engine, env, "localhost", TestLogger())
}

func newApp(t testing.TB, engine string, env map[string]string, host string, log *slog.Logger) *TestApp {
	t.Helper()
	vars := map[string]string{
		"PILCROW_DATABASE_URL":   DatabaseURL(t, engine),
		"PILCROW_SESSION_SECRET": "test-secret-test-secret-test-secret-0123",
	}
	for k, v := range env {
		vars[k] = v
	}
	srv := httptest.NewUnstartedServer(nil)
	vars["PILCROW_BASE_URL"] = "http://" + srv.Listener.Addr().String()
	if host != "" {
		vars["PILCROW_BASE_URL"] = "http://" + host + ":" + strconv.Itoa(srv.Listener.Addr().(*net.TCPAddr).Port)
	}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	a, err := app.New(context.Background(), cfg, log)
	if err != nil {
		t.Fatalf("app: %v", err)
	}
	// Many apps run at once in a test binary, all on one PostgreSQL server.
	a.Store.LimitPool(8, 2)
	srv.Config.Handler = a.Web.Handler()
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		_ = a.Close()
	})
	return &TestApp{App: a, Server: srv, URL: vars["PILCROW_BASE_URL"]}
}

// TestLogger discards logs unless PILCROW_TEST_LOG is set, so failures stay readable.
func TestLogger() *slog.Logger {
	if os.Getenv("PILCROW_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// Client returns a new browser-like client of this app, with its own cookies.
func (a *TestApp) Client(t testing.TB) *Client {
	return NewClient(t, a.URL)
}
