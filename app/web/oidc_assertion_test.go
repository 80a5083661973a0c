package web_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/go-jose/go-jose/v4"
	"github.com/oauth2-proxy/mockoidc"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// requireKidAndAudience makes the token endpoint accept only an assertion whose
// header names the key by its RFC 7638 thumbprint and whose aud is the one the
// provider expects, as zitadel (issuer) and GOV.UK One Login (token endpoint) do.
func requireKidAndAudience(m **mockoidc.MockOIDC, pub crypto.PublicKey, wantAud func(*mockoidc.MockOIDC) string) func(http.Handler) http.Handler {
	tp, _ := (&jose.JSONWebKey{Key: pub}).Thumbprint(crypto.SHA256)
	kid := base64.RawURLEncoding.EncodeToString(tp)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != mockoidc.TokenEndpoint {
				next.ServeHTTP(w, r)
				return
			}
			_ = r.ParseForm()
			jws, err := jose.ParseSigned(r.PostForm.Get("client_assertion"), []jose.SignatureAlgorithm{jose.ES256})
			ok := err == nil && len(jws.Signatures) == 1 && jws.Signatures[0].Header.KeyID == kid
			if ok {
				payload, err := jws.Verify(pub)
				var c struct{ Aud string }
				ok = err == nil && json.Unmarshal(payload, &c) == nil && c.Aud == wantAud(*m)
			}
			if !ok {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusUnauthorized)
				_, _ = w.Write([]byte(`{"error":"invalid_client"}`))
				return
			}
			r.Form.Set("client_secret", (*m).ClientSecret)
			next.ServeHTTP(w, r)
		})
	}
}

func TestOIDCAssertionKidAndAudience(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tokenEndpoint := func(m *mockoidc.MockOIDC) string { return m.TokenEndpoint() }
	issuer := func(m *mockoidc.MockOIDC) string { return m.Issuer() }
	cases := []struct {
		name, setting string
		want          func(*mockoidc.MockOIDC) string
		ok            bool
	}{
		{"default is the token endpoint", "", tokenEndpoint, true},
		{"token endpoint", "token_endpoint", tokenEndpoint, true},
		{"issuer", "issuer", issuer, true},
		{"provider wants the issuer, default sent", "", issuer, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var m *mockoidc.MockOIDC
			m = startMockOIDC(t, nil, requireKidAndAudience(&m, key.Public(), tc.want))
			env := map[string]string{"PILCROW_OIDC_CLIENT_SECRET": "", "PILCROW_OIDC_PRIVATE_KEY_FILE": writeKey(t, key)}
			if tc.setting != "" {
				env["PILCROW_OIDC_ASSERTION_AUDIENCE"] = tc.setting
			}
			a := testutil.NewApp(t, store.SQLite, oidcEnv(m, env))
			c := a.Client(t)
			m.QueueUser(claimsUser{sub: "sub-kid", email: "kid@example.com", verified: true})
			r := c.Get(startOIDC(t, c, "/account"))
			if !tc.ok {
				expectSignInError(t, r, http.StatusForbidden)
				return
			}
			r.Expect(t, http.StatusSeeOther)
			if !signedIn(t, c) {
				t.Error("not signed in")
			}
		})
	}
}
