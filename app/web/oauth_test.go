package web_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// signedIn reports whether the client's session reaches the account page.
func signedIn(t *testing.T, c *testutil.Client) bool {
	t.Helper()
	return c.Get("/account").StatusCode == http.StatusOK
}

// expectSignInError checks the clear error page of a failed sign-in.
func expectSignInError(t *testing.T, r *testutil.Response, status int) {
	t.Helper()
	r.Expect(t, status)
	if h1 := strings.TrimSpace(r.Doc.Find("h1").Text()); h1 != "You could not be signed in" {
		t.Errorf("h1 = %q", h1)
	}
	if r.Doc.Find(`a[href="/auth/sign-in"]`).Length() == 0 {
		t.Error("no way back to the sign-in page")
	}
}

func TestOIDCSignIn(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		m := startMockOIDC(t, nil)
		a := testutil.NewApp(t, engine, oidcEnv(m, map[string]string{"PILCROW_ADMIN_EMAILS": "boss@example.com,sly@example.com"}))
		ctx := context.Background()

		t.Run("signs in with the right account and returns to next", func(t *testing.T) {
			c := a.Client(t)
			m.QueueUser(claimsUser{sub: "sub-ada", email: "Ada@Example.com", verified: true})
			r := c.Get(startOIDC(t, c, "/consultations/x?y=1")).Expect(t, http.StatusSeeOther)
			if loc := r.Header.Get("Location"); loc != "/consultations/x?y=1" {
				t.Errorf("returned to %q", loc)
			}
			if got := r.Header.Get("Referrer-Policy"); got != "no-referrer" {
				t.Errorf("callback Referrer-Policy = %q", got)
			}
			u, err := a.Store.UserBySubject(ctx, "oidc", "sub-ada")
			if err != nil {
				t.Fatal(err)
			}
			if u.Email != "Ada@Example.com" || !u.EmailVerified || u.DisplayName != "Ada Lovelace" || u.Role != model.RoleCitizen {
				t.Errorf("account = %+v", u)
			}
			page := c.Get("/account").Expect(t, http.StatusOK)
			if !strings.Contains(testutil.Text(page), "Test Login") || !strings.Contains(testutil.Text(page), "Ada@Example.com") {
				t.Errorf("account page: %s", testutil.Text(page))
			}
		})

		t.Run("email from userinfo when the ID token has none", func(t *testing.T) {
			c := a.Client(t)
			m.QueueUser(claimsUser{sub: "sub-ui", email: "ui@example.com", verified: true, userinfoOnly: true})
			c.Get(startOIDC(t, c, "/")).Expect(t, http.StatusSeeOther)
			u, err := a.Store.UserBySubject(ctx, "oidc", "sub-ui")
			if err != nil || u.Email != "ui@example.com" || !u.EmailVerified {
				t.Errorf("account = %+v, %v", u, err)
			}
		})

		t.Run("a verified admin email makes an admin, an unverified one does not", func(t *testing.T) {
			for _, tc := range []struct {
				sub, email string
				verified   bool
				want       model.Role
			}{
				{"sub-boss", "Boss@example.com", true, model.RoleAdmin},
				{"sub-sly", "sly@example.com", false, model.RoleCitizen},
			} {
				c := a.Client(t)
				// The provider reports a second factor, which a staff role needs to take effect.
				m.QueueUser(claimsUser{sub: tc.sub, email: tc.email, verified: tc.verified,
					edit: func(c jwt.MapClaims) { c["amr"] = []string{"pwd", "mfa"} }})
				c.Get(startOIDC(t, c, "/")).Expect(t, http.StatusSeeOther)
				u, err := a.Store.UserBySubject(ctx, "oidc", tc.sub)
				if err != nil || u.Role != tc.want {
					t.Errorf("%s: role %q (%v), want %q", tc.email, u.Role, err, tc.want)
				}
				if want := tc.want == model.RoleAdmin; (c.Get("/admin").StatusCode == http.StatusOK) != want {
					t.Errorf("%s: admin panel reachable = %t", tc.email, !want)
				}
			}
		})

		failures := []struct {
			name   string
			user   claimsUser
			tamper func(t *testing.T, c *testutil.Client, callback string) string
			status int
		}{
			{name: "tampered state", status: http.StatusBadRequest,
				tamper: func(t *testing.T, _ *testutil.Client, cb string) string { return withQuery(t, cb, "state", "forged") }},
			{name: "no state", status: http.StatusBadRequest,
				tamper: func(t *testing.T, _ *testutil.Client, cb string) string { return withQuery(t, cb, "state", "") }},
			{name: "state reused", status: http.StatusBadRequest,
				tamper: func(t *testing.T, c *testutil.Client, cb string) string {
					c.Get(cb).Expect(t, http.StatusSeeOther)
					c.PostForm("/auth/logout", nil).Expect(t, http.StatusSeeOther)
					return cb
				}},
			{name: "state expired", status: http.StatusBadRequest,
				tamper: func(t *testing.T, _ *testutil.Client, cb string) string {
					state := mustParse(t, cb).Query().Get("state")
					a.Store.DB.Model(&model.AuthState{}).Where("state = ?", state).Update("expires_at", time.Now().Add(-time.Minute).UTC())
					return cb
				}},
			{name: "callback of another browser's sign-in", status: http.StatusBadRequest,
				tamper: func(t *testing.T, _ *testutil.Client, cb string) string {
					other := a.Client(t)
					m.QueueUser(claimsUser{sub: "sub-attacker", email: "mallory@example.com", verified: true})
					return startOIDC(t, other, "/")
				}},
			{name: "provider refused", status: http.StatusForbidden,
				tamper: func(t *testing.T, _ *testutil.Client, cb string) string {
					return withQuery(t, withQuery(t, cb, "code", ""), "error", "access_denied")
				}},
			{name: "code already used", status: http.StatusForbidden,
				tamper: func(t *testing.T, c *testutil.Client, cb string) string {
					used := mustParse(t, cb).Query().Get("code")
					c.Get(cb).Expect(t, http.StatusSeeOther)
					c.PostForm("/auth/logout", nil).Expect(t, http.StatusSeeOther)
					m.QueueUser(claimsUser{sub: "sub-fail", email: "f@example.com", verified: true})
					return withQuery(t, startOIDC(t, c, "/"), "code", used)
				}},
			{name: "code made up", status: http.StatusForbidden,
				tamper: func(t *testing.T, _ *testutil.Client, cb string) string { return withQuery(t, cb, "code", "made-up") }},
			{name: "ID token without exp", status: http.StatusForbidden,
				user: claimsUser{edit: func(c jwt.MapClaims) { delete(c, "exp") }}},
			{name: "ID token expired", status: http.StatusForbidden,
				user: claimsUser{edit: func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }}},
			{name: "ID token with another nonce", status: http.StatusForbidden,
				user: claimsUser{edit: func(c jwt.MapClaims) { c["nonce"] = "replayed" }}},
			{name: "ID token without nonce", status: http.StatusForbidden,
				user: claimsUser{edit: func(c jwt.MapClaims) { delete(c, "nonce") }}},
			{name: "ID token for another client", status: http.StatusForbidden,
				user: claimsUser{edit: func(c jwt.MapClaims) { c["aud"] = []string{"someone-else"} }}},
			{name: "userinfo about someone else", status: http.StatusForbidden,
				user: claimsUser{userinfoOnly: true, userinfoSub: "sub-someone-else", edit: func(jwt.MapClaims) {}}},
			{name: "ID token from another issuer", status: http.StatusForbidden,
				user: claimsUser{edit: func(c jwt.MapClaims) { c["iss"] = "https://evil.example" }}},
		}
		for _, tc := range failures {
			t.Run(tc.name, func(t *testing.T) {
				c := a.Client(t)
				u := tc.user
				u.sub, u.email, u.verified = "sub-"+tc.name, "victim@example.com", true
				m.QueueUser(u)
				cb := startOIDC(t, c, "/account")
				if tc.tamper != nil {
					cb = tc.tamper(t, c, cb)
				}
				expectSignInError(t, c.Get(cb), tc.status)
				if signedIn(t, c) {
					t.Error("signed in after a failed sign-in")
				}
				if _, err := a.Store.UserBySubject(ctx, "oidc", "sub-"+tc.name); err == nil && tc.user.edit != nil {
					t.Error("an account was made from a bad ID token")
				}
			})
		}
	})
}

func TestOIDCWrongSigningKey(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		m := startMockOIDC(t, key)
		a := testutil.NewApp(t, engine, oidcEnv(m, nil))
		c := a.Client(t)
		m.QueueUser(claimsUser{sub: "sub-forged", email: "forged@example.com", verified: true})
		expectSignInError(t, c.Get(startOIDC(t, c, "/")), http.StatusForbidden)
		if signedIn(t, c) {
			t.Error("signed in with a token signed by an unpublished key")
		}
		if _, err := a.Store.UserBySubject(context.Background(), "oidc", "sub-forged"); err == nil {
			t.Error("account created from a forged token")
		}
	})
}

func TestOIDCProviderDown(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, map[string]string{
		"PILCROW_OIDC_ISSUER": "http://127.0.0.1:1/oidc", "PILCROW_OIDC_CLIENT_ID": "x", "PILCROW_OIDC_CLIENT_SECRET": "y",
	})
	expectSignInError(t, a.Client(t).Get("/auth/oidc"), http.StatusServiceUnavailable)
}

func TestUnknownProvider(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	c := a.Client(t)
	for _, path := range []string{"/auth/oidc", "/auth/github", "/auth/email", "/auth/oidc/callback?code=a&state=b"} {
		c.Get(path).Expect(t, http.StatusNotFound)
	}
}

func TestSignInStartsAreRateLimited(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, map[string]string{"PILCROW_GITHUB_KEY": "k", "PILCROW_GITHUB_SECRET": "s"})
	c := a.Client(t)
	for i := 0; i < 300; i++ {
		if r := c.Get("/auth/github"); r.StatusCode != http.StatusFound {
			t.Fatalf("start %d: %d", i+1, r.StatusCode)
		}
	}
	r := c.Get("/auth/github").Expect(t, http.StatusTooManyRequests)
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
}
