package auth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/markbates/goth/providers/github"
	"github.com/markbates/goth/providers/google"
	"github.com/markbates/goth/providers/microsoftonline"
	"golang.org/x/oauth2"

	"pilcrow/app/store"
)

// fakeProviders answers for GitHub, Google and Microsoft at once: a transport
// sends every request to one test server, which routes on the path. The token
// endpoints refuse a code without the flow's PKCE verifier.
func fakeProviders(t *testing.T, f Flow, profiles map[string]any) *http.Client {
	mux := http.NewServeMux()
	token := func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("code") != "good-code" || r.FormValue("code_verifier") != f.Verifier {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "at-123", "token_type": "bearer", "expires_in": 3600,
			"id_token": unsignedJWT(profiles["id_token"])})
	}
	serve := func(path string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "Bearer at-123" && r.URL.Query().Get("access_token") != "at-123" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(profiles[path])
		}
	}
	for _, p := range []string{"/login/oauth/access_token", "/token", "/common/oauth2/v2.0/token"} {
		mux.HandleFunc(p, token)
	}
	for _, p := range []string{"/user", "/user/emails", "/oauth2/v2/userinfo", "/v1.0/me"} {
		mux.HandleFunc(p, serve(p))
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	target, _ := url.Parse(srv.URL)
	return &http.Client{Transport: rewriteHost{target}}
}

type rewriteHost struct{ to *url.URL }

func (rh rewriteHost) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rh.to.Scheme, rh.to.Host, rh.to.Host
	return http.DefaultTransport.RoundTrip(r)
}

func TestGothProviders(t *testing.T) {
	f, err := NewFlow()
	if err != nil {
		t.Fatal(err)
	}
	cb := "http://localhost/auth/x/callback"
	build := map[string]func(c *http.Client) *gothProvider{
		"github": func(c *http.Client) *gothProvider {
			gp := github.New("k", "s", cb, "read:user", "user:email")
			gp.HTTPClient = c
			return newGitHub(gp, github.TokenURL, github.EmailURL, c)
		},
		"google": func(c *http.Client) *gothProvider {
			gp := google.New("k", "s", cb, "openid", "email", "profile")
			gp.HTTPClient = c
			return newGoogle(gp, c)
		},
		"microsoft": func(c *http.Client) *gothProvider {
			gp := microsoftonline.New("k", "s", cb)
			gp.HTTPClient = c
			return newMicrosoft(gp, microsoftTokenURL, c)
		},
	}
	cases := []struct {
		name, provider string
		profiles       map[string]any
		want           store.Identity
	}{
		{"GitHub verified primary email", "github", map[string]any{
			"/user":        map[string]any{"id": 42, "login": "octo", "name": "Octo Cat", "email": "public@example.com"},
			"/user/emails": []map[string]any{{"email": "other@example.com", "verified": true}, {"email": "primary@example.com", "primary": true, "verified": true}},
		}, store.Identity{Subject: "42", Email: "primary@example.com", Name: "Octo Cat", EmailVerified: true}},
		{"GitHub public email, primary unverified", "github", map[string]any{
			"/user":        map[string]any{"id": 43, "login": "octo", "email": "public@example.com"},
			"/user/emails": []map[string]any{{"email": "primary@example.com", "primary": true, "verified": false}},
		}, store.Identity{Subject: "43", Email: "public@example.com", Name: "octo"}},
		{"GitHub no email at all", "github", map[string]any{
			"/user": map[string]any{"id": 44, "login": "quiet"}, "/user/emails": []map[string]any{},
		}, store.Identity{Subject: "44", Name: "quiet"}},
		{"Google verified", "google", map[string]any{
			"/oauth2/v2/userinfo": map[string]any{"id": "g1", "email": "g@example.com", "verified_email": true, "name": "Gee"},
		}, store.Identity{Subject: "g1", Email: "g@example.com", Name: "Gee", EmailVerified: true}},
		{"Google unverified", "google", map[string]any{
			"/oauth2/v2/userinfo": map[string]any{"id": "g2", "email": "g@example.com", "verified_email": false},
		}, store.Identity{Subject: "g2", Email: "g@example.com"}},
		{"Microsoft never verified, keyed on tenant and object", "microsoft", map[string]any{
			"/v1.0/me": map[string]any{"id": "m1", "mail": "boss@example.com", "displayName": "M S"},
			"id_token": map[string]any{"tid": "T1", "oid": "m1"},
		}, store.Identity{Subject: "t1/m1", Email: "boss@example.com", Name: "M S"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := build[tc.provider](fakeProviders(t, f, tc.profiles))
			u, err := p.authURL(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			q := mustQuery(t, u)
			if q.Get("state") != f.State || q.Get("code_challenge") != oauth2.S256ChallengeFromVerifier(f.Verifier) || q.Get("code_challenge_method") != "S256" {
				t.Errorf("authorisation URL %s", u)
			}
			id, err := p.exchange(context.Background(), "good-code", f)
			if err != nil {
				t.Fatal(err)
			}
			if id != tc.want {
				t.Errorf("identity = %+v, want %+v", id, tc.want)
			}
			other := f
			other.Verifier = oauth2.GenerateVerifier()
			if _, err := p.exchange(context.Background(), "good-code", other); err == nil {
				t.Error("exchanged a code without its PKCE verifier")
			}
		})
	}
}

// unsignedJWT is an ID token carrying claims, as a token endpoint returns it.
func unsignedJWT(claims any) string {
	if claims == nil {
		return ""
	}
	b, _ := json.Marshal(claims)
	return "eyJhbGciOiJub25lIn0." + base64.RawURLEncoding.EncodeToString(b) + ".sig"
}

func mustQuery(t *testing.T, s string) url.Values {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

func TestSafeReasonHidesSecrets(t *testing.T) {
	err := &url.Error{Op: "Get", URL: "https://www.googleapis.com/oauth2/v2/userinfo?access_token=SECRET", Err: context.DeadlineExceeded}
	if got := safeReason(err); got != "Get www.googleapis.com: context deadline exceeded" {
		t.Errorf("safeReason = %q", got)
	}
	re := &oauth2.RetrieveError{Response: &http.Response{StatusCode: 400}, Body: []byte("Invalid code: SECRET"), ErrorCode: "invalid_grant"}
	if got := safeReason(re); got != "token endpoint answered 400 invalid_grant" {
		t.Errorf("safeReason = %q", got)
	}
}
