package web_test

import (
	"crypto/rsa"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"

	"pilcrow/app/testutil"
)

// startMockOIDC runs an OpenID Connect provider inside the test. signWith, when
// set, signs tokens with another key than the one its JWKS publishes.
func startMockOIDC(t *testing.T, signWith *rsa.PrivateKey, mw ...func(http.Handler) http.Handler) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.NewServer(signWith)
	if err != nil {
		t.Fatal(err)
	}
	if signWith != nil {
		published, _ := mockoidc.DefaultKeypair()
		mw = append(mw, serveJWKS(published))
	}
	for _, f := range mw {
		_ = m.AddMiddleware(f)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	return m
}

// serveJWKS publishes kp's keys instead of the signing key's.
func serveJWKS(kp *mockoidc.Keypair) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != mockoidc.JWKSEndpoint {
				next.ServeHTTP(w, r)
				return
			}
			b, _ := kp.JWKS()
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(b)
		})
	}
}

// oidcEnv configures the app for the mock provider.
func oidcEnv(m *mockoidc.MockOIDC, extra map[string]string) map[string]string {
	env := map[string]string{
		"PILCROW_OIDC_ISSUER": m.Issuer(), "PILCROW_OIDC_CLIENT_ID": m.ClientID,
		"PILCROW_OIDC_CLIENT_SECRET": m.ClientSecret, "PILCROW_OIDC_NAME": "Test Login",
	}
	for k, v := range extra {
		env[k] = v
	}
	return env
}

// startOIDC begins a sign-in and lets the provider answer: it returns our
// callback URL (path and query) as the provider sent the browser to it.
func startOIDC(t *testing.T, c *testutil.Client, next string) string {
	t.Helper()
	r := c.Get("/auth/oidc?next="+url.QueryEscape(next)).Expect(t, http.StatusFound)
	authURL := r.Header.Get("Location")
	q := mustParse(t, authURL).Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("nonce") == "" || q.Get("state") == "" {
		t.Fatalf("authorisation URL lacks PKCE, nonce or state: %s", authURL)
	}
	resp, err := c.HTTP.Get(authURL) // the provider, over real HTTP with the same cookie jar
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("provider answered %d", resp.StatusCode)
	}
	cb := mustParse(t, resp.Header.Get("Location"))
	if !strings.HasSuffix(cb.Path, "/auth/oidc/callback") {
		t.Fatalf("provider redirected to %s", cb)
	}
	return cb.RequestURI()
}

// withQuery returns the path with one query parameter replaced.
func withQuery(t *testing.T, path, key, value string) string {
	u := mustParse(t, path)
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.RequestURI()
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return u
}

// claimsUser is a provider account whose ID token claims a test shapes at will.
type claimsUser struct {
	sub, email string
	verified   bool
	edit       func(jwt.MapClaims)
	// userinfoOnly keeps the email out of the ID token, as GOV.UK One Login
	// does; userinfoSub, when set, is the subject userinfo claims instead.
	userinfoOnly bool
	userinfoSub  string
}

func (u claimsUser) ID() string { return u.sub }

func (u claimsUser) Userinfo([]string) ([]byte, error) {
	sub := u.sub
	if u.userinfoSub != "" {
		sub = u.userinfoSub
	}
	return json.Marshal(map[string]any{"sub": sub, "email": u.email, "email_verified": u.verified})
}

func (u claimsUser) Claims(_ []string, base *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	c := jwt.MapClaims{
		"iss": base.Issuer, "sub": base.Subject, "aud": []string(base.Audience), "nonce": base.Nonce,
		"iat": base.IssuedAt.Unix(), "exp": base.ExpiresAt.Unix(), "name": "Ada Lovelace",
	}
	if u.email != "" && !u.userinfoOnly {
		c["email"], c["email_verified"] = u.email, u.verified
	}
	if u.edit != nil {
		u.edit(c)
	}
	return c, nil
}
