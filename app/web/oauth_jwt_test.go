package web_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/oauth2-proxy/mockoidc"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// requireClientAssertion makes the mock's token endpoint accept only a
// private_key_jwt client assertion signed by pub, as GOV.UK One Login does.
func requireClientAssertion(m **mockoidc.MockOIDC, pub crypto.PublicKey) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != mockoidc.TokenEndpoint {
				next.ServeHTTP(w, r)
				return
			}
			if err := checkAssertion(r, *m, pub); err != "" {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusUnauthorized)
				_, _ = w.Write([]byte(`{"error":"invalid_client","error_description":"` + err + `"}`))
				return
			}
			// The mock itself only knows client secrets: vouch for the client to it.
			r.Form.Set("client_secret", (*m).ClientSecret)
			next.ServeHTTP(w, r)
		})
	}
}

func checkAssertion(r *http.Request, m *mockoidc.MockOIDC, pub crypto.PublicKey) string {
	if err := r.ParseForm(); err != nil {
		return "form"
	}
	if r.PostForm.Get("client_secret") != "" || r.Header.Get("Authorization") != "" {
		return "a secret was sent"
	}
	if r.PostForm.Get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" {
		return "assertion type"
	}
	jws, err := jose.ParseSigned(r.PostForm.Get("client_assertion"), []jose.SignatureAlgorithm{jose.RS256, jose.ES256})
	if err != nil {
		return "not a JWS"
	}
	payload, err := jws.Verify(pub)
	if err != nil {
		return "bad signature"
	}
	var c struct {
		Iss, Sub, Aud, Jti string
		Exp                int64
	}
	if json.Unmarshal(payload, &c) != nil || c.Iss != m.ClientID || c.Sub != m.ClientID ||
		c.Aud != m.TokenEndpoint() || c.Jti == "" || c.Exp < time.Now().Unix() || c.Exp > time.Now().Add(10*time.Minute).Unix() {
		return "bad claims"
	}
	return ""
}

func writeKey(t *testing.T, key any) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOIDCPrivateKeyJWT(t *testing.T) {
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	otherKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	cases := []struct {
		name     string
		key      crypto.Signer // the app's key
		verifier crypto.PublicKey
		ok       bool
	}{
		{"RS256", rsaKey, rsaKey.Public(), true},
		{"ES256", ecKey, ecKey.Public(), true},
		{"key the provider does not know", otherKey, ecKey.Public(), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var m *mockoidc.MockOIDC
			m = startMockOIDC(t, nil, requireClientAssertion(&m, tc.verifier))
			a := testutil.NewApp(t, store.SQLite, oidcEnv(m, map[string]string{
				"PILCROW_OIDC_CLIENT_SECRET": "", "PILCROW_OIDC_PRIVATE_KEY_FILE": writeKey(t, tc.key),
			}))
			c := a.Client(t)
			m.QueueUser(claimsUser{sub: "sub-jwt", email: "jwt@example.com", verified: true})
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

func TestOIDCPrivateKeyFileRefused(t *testing.T) {
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	garbage := filepath.Join(t.TempDir(), "garbage.pem")
	_ = os.WriteFile(garbage, []byte("not a key"), 0o600)
	for name, path := range map[string]string{"RSA 1024": writeKey(t, small), "P-384": writeKey(t, p384), "not PEM": garbage} {
		t.Run(name, func(t *testing.T) {
			_, err := newAppErr(t, map[string]string{"PILCROW_OIDC_ISSUER": "https://id.example", "PILCROW_OIDC_CLIENT_ID": "c",
				"PILCROW_OIDC_PRIVATE_KEY_FILE": path})
			if err == nil {
				t.Fatal("app started with an unusable private key")
			}
		})
	}
}
