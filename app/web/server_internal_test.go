package web

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"pilcrow/app/auth"
	"pilcrow/app/consult"
	"pilcrow/app/i18n"
	"pilcrow/app/store"
	"pilcrow/config"
	viewfs "pilcrow/views"
)

// newBareServer builds a server on a fresh SQLite file without the app package, so
// tests here can add routes that misbehave on purpose.
func newBareServer(t *testing.T) *Server {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "t.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(func(k string) string { return map[string]string{"PILCROW_ADDR": "127.0.0.1:0"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load(viewfs.FS)
	if err != nil {
		t.Fatal(err)
	}
	providers, _ := auth.NewProviders(cfg)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := New(Deps{Config: cfg, Log: log, Store: st, Catalogue: cat, Providers: providers,
		Sessions: auth.NewSessions(st, false), Services: &Services{Consult: &consult.Service{Store: st, Log: log, Now: time.Now}}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPanicBecomesA500Page(t *testing.T) {
	s := newBareServer(t)
	s.echo.GET("/boom", func(echo.Context) error { panic("secret internal detail") })
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go func() { _ = s.Serve(ln) }()
	t.Cleanup(func() { _ = s.Shutdown(context.Background()) })

	resp, err := http.Get("http://" + ln.Addr().String() + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if !strings.Contains(string(body), "Sorry, there is a problem with the service") || strings.Contains(string(body), "secret internal detail") {
		t.Errorf("500 page must be styled and hide internals:\n%.500s", body)
	}
	// The process survives and keeps serving.
	if resp, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("after panic: %v", err)
	}
}

// TestGracefulShutdownFinishesRequestsInFlight starts a slow request, shuts the
// server down while it runs, and checks the request still completes.
func TestGracefulShutdownFinishesRequestsInFlight(t *testing.T) {
	s := newBareServer(t)
	started := make(chan struct{})
	s.echo.GET("/slow", func(c echo.Context) error {
		close(started)
		time.Sleep(700 * time.Millisecond)
		return c.String(http.StatusOK, "finished")
	})
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()

	type result struct {
		status int
		body   string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			done <- result{err: err}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		done <- result{status: resp.StatusCode, body: string(b)}
	}()
	<-started
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	r := <-done
	if r.err != nil || r.status != http.StatusOK || r.body != "finished" {
		t.Fatalf("request in flight: %+v", r)
	}
	if err := <-served; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("server still accepting after shutdown")
	}
}
