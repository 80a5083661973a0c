package web

import (
	"net/http"
)

// headAsGet answers HEAD wherever GET is routed, as HTTP requires: uptime checks
// and link checkers send HEAD /healthz or HEAD of a page and must not get 405.
// The site sees a GET on a copy of the request, so every check a GET passes
// (safe method for CSRF, role, cache headers) applies unchanged; the body it
// writes is dropped, and net/http, still seeing HEAD, sends none.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		get := r.Clone(r.Context())
		get.Method = http.MethodGet
		next.ServeHTTP(headWriter{w}, get)
	})
}

// headWriter sends headers and status but no body. It deliberately has no
// Unwrap, so code that unwraps writers to bypass compression cannot reach
// the connection and write a body after all.
type headWriter struct{ w http.ResponseWriter }

func (h headWriter) Header() http.Header         { return h.w.Header() }
func (h headWriter) WriteHeader(status int)      { h.w.WriteHeader(status) }
func (h headWriter) Write(b []byte) (int, error) { return len(b), nil }

// Flush passes through for handlers that stream.
func (h headWriter) Flush() {
	if f, ok := h.w.(http.Flusher); ok {
		f.Flush()
	}
}
