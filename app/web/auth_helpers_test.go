package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"pilcrow/app"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/config"
)

// newAppErr builds an app on SQLite from env and returns the error that stops it.
func newAppErr(t *testing.T, env map[string]string) (*app.App, error) {
	t.Helper()
	vars := map[string]string{
		"PILCROW_DATABASE_URL":   testutil.DatabaseURL(t, store.SQLite),
		"PILCROW_SESSION_SECRET": "test-secret-test-secret-test-secret-0123",
	}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		return nil, err
	}
	a, err := app.New(context.Background(), cfg, testutil.TestLogger())
	if a != nil {
		t.Cleanup(func() { _ = a.Close() })
	}
	return a, err
}

// newLoggedApp is testutil.NewApp on SQLite with its logs written to w.
func newLoggedApp(t *testing.T, env map[string]string, w io.Writer) *testutil.TestApp {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	vars := map[string]string{
		"PILCROW_DATABASE_URL":   testutil.DatabaseURL(t, store.SQLite),
		"PILCROW_SESSION_SECRET": "test-secret-test-secret-test-secret-0123",
		"PILCROW_BASE_URL":       "http://" + srv.Listener.Addr().String(),
	}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(w, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = a.Web.Handler()
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		_ = a.Close()
	})
	return &testutil.TestApp{App: a, Server: srv, URL: srv.URL}
}
