package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pilcrow/app/testutil"
)

// TestOIDCIssuerSpelling signs in through a provider configured with a slash too
// many or two, refuses to start when the provider declares another issuer
// altogether, naming the variable, and starts when the provider is unreachable.
func TestOIDCIssuerSpelling(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		m := startMockOIDC(t, nil)
		for i, issuer := range []string{m.Issuer() + "/", m.Issuer() + "//"} {
			a := testutil.NewApp(t, engine, oidcEnv(m, map[string]string{"PILCROW_OIDC_ISSUER": issuer}))
			cl := a.Client(t)
			m.QueueUser(claimsUser{sub: "slash-" + string(rune('a'+i)), email: "slash@example.com", verified: true})
			cl.Get(startOIDC(t, cl, "/")).Expect(t, http.StatusSeeOther)
			if !signedIn(t, cl) {
				t.Errorf("issuer %q: sign-in failed", issuer)
			}
		}
	})
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"issuer":"https://login.elsewhere.example","authorization_endpoint":"https://login.elsewhere.example/a",` +
			`"token_endpoint":"https://login.elsewhere.example/t","jwks_uri":"https://login.elsewhere.example/k"}`))
	}))
	defer elsewhere.Close()
	env := map[string]string{"PILCROW_OIDC_ISSUER": elsewhere.URL, "PILCROW_OIDC_CLIENT_ID": "c", "PILCROW_OIDC_CLIENT_SECRET": "s"}
	_, err := newAppErr(t, env)
	if err == nil || !strings.Contains(err.Error(), "PILCROW_OIDC_ISSUER") || !strings.Contains(err.Error(), "login.elsewhere.example") {
		t.Errorf("a provider declaring another issuer: start-up error %v", err)
	}
	env["PILCROW_OIDC_ISSUER"] = "http://127.0.0.1:1/oidc"
	if _, err := newAppErr(t, env); err != nil {
		t.Errorf("an unreachable provider stopped start-up: %v", err)
	}
}
