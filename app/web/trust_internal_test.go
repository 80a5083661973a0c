package web

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
)

// TestForwardedForOnlyFromTrustedProxies: a peer on a private network that is
// not in PILCROW_TRUSTED_PROXIES cannot pick its address with X-Forwarded-For,
// so it cannot escape a per-address limit by sending a new address each time.
func TestForwardedForOnlyFromTrustedProxies(t *testing.T) {
	s := newBareServer(t)
	s.echo.GET("/limited", func(c echo.Context) error {
		ok, wait, err := s.Store.Hit(c.Request().Context(), "test:ip:"+c.RealIP(), time.Minute, 2)
		if err != nil {
			return err
		}
		if !ok {
			return &model.RateLimitError{RetryAfter: wait}
		}
		return c.String(http.StatusOK, c.RealIP())
	})
	get := func(peer, xff string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/limited", nil)
		r.RemoteAddr = peer
		r.Header.Set("X-Forwarded-For", xff)
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		return w
	}
	// A private-range peer, not a trusted proxy, rotating its claimed address.
	for i := range 3 {
		w := get("10.0.0.7:5000", fmt.Sprintf("203.0.113.%d", i+1))
		if i < 2 && (w.Code != http.StatusOK || w.Body.String() != "10.0.0.7") {
			t.Fatalf("request %d: %d %q, want the peer's own address", i, w.Code, w.Body.String())
		}
		if i == 2 && w.Code != http.StatusTooManyRequests {
			t.Fatalf("third request from one peer: %d, want 429", w.Code)
		}
	}
	// The loopback proxy (the default list) is believed.
	if w := get("127.0.0.1:5000", "198.51.100.9"); w.Code != http.StatusOK || w.Body.String() != "198.51.100.9" {
		t.Errorf("through the trusted proxy: %d %q", w.Code, w.Body.String())
	}
}

func TestIPExtractorUsesTheConfiguredList(t *testing.T) {
	_, n, _ := net.ParseCIDR("10.9.0.0/16")
	extract := ipExtractor([]*net.IPNet{n})
	for peer, want := range map[string]string{
		"10.9.3.4:1":  "192.0.2.1", // in the list
		"10.8.3.4:1":  "10.8.3.4",  // private, not in the list
		"127.0.0.1:1": "127.0.0.1", // loopback, not in this list
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = peer
		r.Header.Set("X-Forwarded-For", "192.0.2.1")
		if got := extract(r); got != want {
			t.Errorf("peer %s: address %q, want %q", peer, got, want)
		}
	}
}

// TestEveryRateLimitSaysWhenToRetry: the one error handler sets Retry-After for
// any model.RateLimitError, however deep it is wrapped, on pages and JSON alike.
func TestEveryRateLimitSaysWhenToRetry(t *testing.T) {
	s := newBareServer(t)
	s.echo.GET("/wrapped", func(echo.Context) error {
		return fmt.Errorf("posting: %w", &model.RateLimitError{RetryAfter: 1500 * time.Millisecond})
	})
	s.echo.GET("/bare.json", func(echo.Context) error { return model.ErrRateLimited })
	for path, want := range map[string]string{"/wrapped": "2", "/bare.json": "60"} {
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != want {
			t.Errorf("%s: %d, Retry-After %q, want 429 and %s", path, w.Code, w.Header().Get("Retry-After"), want)
		}
	}
}
