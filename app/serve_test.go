package app_test

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"pilcrow/app"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/config"
)

// lockedBuffer is a log sink safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestStartUpSaysTheDevelopmentSignInIsOn: serving with the development sign-in
// logs it once; without it, not at all.
func TestStartUpSaysTheDevelopmentSignInIsOn(t *testing.T) {
	for _, on := range []string{"true", "false"} {
		t.Run("PILCROW_DEV_LOGIN="+on, func(t *testing.T) {
			vars := map[string]string{"PILCROW_DATABASE_URL": testutil.DatabaseURL(t, store.SQLite), "PILCROW_DEV_LOGIN": on}
			cfg, err := config.Load(func(k string) string { return vars[k] })
			if err != nil {
				t.Fatal(err)
			}
			var logs lockedBuffer
			a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(&logs, nil)))
			if err != nil {
				t.Fatal(err)
			}
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ctx, stop := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- a.Serve(ctx, l) }()
			for range 3 {
				if resp, err := http.Get("http://" + l.Addr().String() + "/healthz"); err == nil {
					resp.Body.Close()
				}
			}
			stop()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			want := map[string]int{"true": 1, "false": 0}[on]
			if n := strings.Count(logs.String(), "the development sign-in is on"); n != want {
				t.Errorf("said %d times, want %d:\n%s", n, want, logs.String())
			}
		})
	}
}
