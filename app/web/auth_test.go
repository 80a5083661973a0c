package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// openRedirects are return paths that must all land on "/".
var openRedirects = []string{
	"//evil.example", "https://evil.example", "http://evil.example/", "/\\evil", `\\evil`, "%2F%2Fevil.example",
	"/%5Cevil", "%252F%252Fevil.example", "/%2F/evil.example", "javascript:alert(1)", "JavaScript:alert(1)",
	"data:text/html,hi", "https:evil.example", "http:/evil.example", "//evil.example/%2e%2e", "/\t/evil.example",
	"/%09/evil.example", " //evil.example", "evil.example", "/auth/sign-in", "///evil.example", "/%2f%2fevil.example",
}

func TestOpenRedirectsLandHome(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		m := startMockOIDC(t, nil)
		a := testutil.NewApp(t, engine, oidcEnv(m, nil))
		for i, next := range append(openRedirects, "/consultations/safe?x=1") {
			want := "/"
			if strings.HasPrefix(next, "/consultations/") {
				want = next
			}
			t.Run(next, func(t *testing.T) {
				c := a.Client(t)
				c.Get("/auth/dev?next="+url.QueryEscape(next)).Expect(t, http.StatusOK)
				r := c.PostForm("/auth/dev", url.Values{"name": {"Dev"}, "email": {"dev@example.com"}, "role": {"citizen"}, "next": {next}})
				if loc := r.Expect(t, http.StatusSeeOther).Header.Get("Location"); loc != want {
					t.Errorf("development sign-in returned to %q, want %q", loc, want)
				}
				c = a.Client(t)
				m.QueueUser(claimsUser{sub: "redirect-" + string(rune('a'+i)), email: "r@example.com", verified: true})
				r = c.Get(startOIDC(t, c, next))
				if loc := r.Expect(t, http.StatusSeeOther).Header.Get("Location"); loc != want {
					t.Errorf("OpenID Connect sign-in returned to %q, want %q", loc, want)
				}
			})
		}
	})
}

// sessionCookie returns the browser's session token, or "".
func sessionCookie(c *testutil.Client) string {
	u, _ := url.Parse(c.Base)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == "pilcrow_session" {
			return ck.Value
		}
	}
	return ""
}

// withSession returns a new client carrying only the given session token.
func withSession(a *testutil.TestApp, t *testing.T, token string) *testutil.Client {
	c := a.Client(t)
	u, _ := url.Parse(a.URL)
	c.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "pilcrow_session", Value: token, Path: "/"}})
	return c
}

func TestSessionFixationAndSignOut(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		planted := "planted-by-an-attacker-0123456789abcdefghijklmn"
		c := withSession(a, t, planted)
		c.SignIn("Victim", "victim@example.com", "citizen")
		first := sessionCookie(c)
		if first == "" || first == planted {
			t.Fatalf("session token after sign-in = %q: not renewed", first)
		}
		if signedIn(t, withSession(a, t, planted)) {
			t.Error("the planted token signs in")
		}
		c.SignIn("Victim again", "victim2@example.com", "citizen")
		second := sessionCookie(c)
		if second == first {
			t.Error("signing in again kept the session token")
		}
		if signedIn(t, withSession(a, t, first)) {
			t.Error("the session before the second sign-in still works")
		}
		if !signedIn(t, c) {
			t.Fatal("not signed in")
		}
		c.Get("/account")
		c.PostForm("/auth/logout", nil).Expect(t, http.StatusSeeOther)
		if signedIn(t, c) || signedIn(t, withSession(a, t, second)) {
			t.Error("signed in after signing out")
		}
	})
}

func TestDeletedSessionsSignOutAtOnce(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		ctx := context.Background()
		phone, laptop := a.Client(t), a.Client(t)
		phone.SignIn("Troll", "troll@example.com", "citizen")
		laptop.SignIn("Troll", "troll@example.com", "citizen")
		bystander := a.Client(t)
		bystander.SignIn("Kind", "kind@example.com", "citizen")
		u, err := a.Store.UserBySubject(ctx, "dev", "troll@example.com")
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Store.DeleteUserSessions(ctx, u.ID); err != nil { // what blocking does
			t.Fatal(err)
		}
		for name, c := range map[string]*testutil.Client{"phone": phone, "laptop": laptop} {
			r := c.Get("/account")
			if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/auth/sign-in") {
				t.Errorf("%s: /account answered %d after its sessions were deleted", name, r.StatusCode)
			}
		}
		if !signedIn(t, bystander) {
			t.Error("another account was signed out too")
		}
	})
}

// adminPaths are the admin panel's pages: the ones the router knows, with
// parameters filled in, and a few fixed ones.
func adminPaths(a *testutil.TestApp) map[string]string {
	paths := map[string]string{"/admin": http.MethodGet, "/admin/": http.MethodGet, "/admin/users": http.MethodGet,
		"/admin/moderation": http.MethodGet, "/admin/audit": http.MethodGet, "/admin/no-such-page": http.MethodGet}
	if e, ok := a.Web.Handler().(*echo.Echo); ok {
		for _, r := range e.Routes() {
			if (r.Path == "/admin" || strings.HasPrefix(r.Path, "/admin/")) && (r.Method == http.MethodGet || r.Method == http.MethodPost) {
				p := r.Path
				for _, seg := range strings.Split(p, "/") {
					if strings.HasPrefix(seg, ":") {
						p = strings.Replace(p, seg, "1", 1)
					}
				}
				paths[strings.TrimSuffix(p, "*")+strings.Repeat("x", strings.Count(p, "*"))] = r.Method
			}
		}
	}
	return paths
}

func TestAdminRoutesNeedTheRole(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		anonymous, citizen := a.Client(t), a.Client(t)
		citizen.SignIn("Cit", "cit@example.com", "citizen")
		paths := adminPaths(a)
		if len(paths) < 6 {
			t.Fatalf("only %d admin paths found", len(paths))
		}
		for path, method := range paths {
			send := func(c *testutil.Client) *testutil.Response {
				if method == http.MethodPost {
					c.Get("/auth/dev") // a form, for a valid CSRF token
					return c.PostForm(path, url.Values{})
				}
				return c.Get(path)
			}
			r := send(anonymous)
			if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/auth/sign-in?next=") {
				t.Errorf("anonymous %s %s: %d %s", method, path, r.StatusCode, r.Header.Get("Location"))
			}
			if r := send(citizen); r.StatusCode != http.StatusForbidden {
				t.Errorf("citizen %s %s: %d, want 403", method, path, r.StatusCode)
			}
		}
		// Brought back after signing in.
		r := anonymous.Get("/admin")
		next, _ := url.ParseQuery(strings.TrimPrefix(r.Header.Get("Location"), "/auth/sign-in?"))
		if next.Get("next") != "/admin" {
			t.Errorf("sign-in next = %q", next.Get("next"))
		}
	})
}

func TestCSRFRefused(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		c := a.Client(t)
		c.SignIn("Cit", "cit@example.com", "citizen")
		c.Get("/account").Expect(t, http.StatusOK)
		good := c.CSRF()
		cases := []struct{ name, path, token string }{
			{"sign-out without a token", "/auth/logout", ""},
			{"sign-out with a wrong token", "/auth/logout", "forged"},
			{"name change without a token", "/account/name", ""},
			{"name change with another browser's token", "/account/name", otherToken(t, a)},
			{"development sign-in without a token", "/auth/dev", ""},
			{"token with a changed letter", "/account/name", flip(good)},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				form := url.Values{"_csrf": {tc.token}, "name": {"Changed"}, "email": {"x@example.com"}, "role": {"admin"}}
				r := c.PostForm(tc.path, form).Expect(t, http.StatusForbidden)
				if !strings.Contains(testutil.Text(r), "reload the page") {
					t.Errorf("page: %s", testutil.Text(r))
				}
			})
		}
		u, _ := a.Store.UserBySubject(context.Background(), "dev", "cit@example.com")
		if u.DisplayName != "Cit" || !signedIn(t, c) {
			t.Errorf("a refused request changed something: %+v", u)
		}
		req, _ := http.NewRequest(http.MethodPost, a.URL+"/auth/logout", strings.NewReader("_csrf="+url.QueryEscape(good)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := c.HTTP.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST with a valid token: %d", resp.StatusCode)
		}
		c.PostForm("/auth/logout", url.Values{"_csrf": {good}}).Expect(t, http.StatusSeeOther)
	})
}

func otherToken(t *testing.T, a *testutil.TestApp) string {
	o := a.Client(t)
	o.Get("/auth/dev")
	return o.CSRF()
}

func flip(s string) string {
	if s == "" {
		return "x"
	}
	b := []byte(s)
	if b[0] == 'A' {
		b[0] = 'B'
	} else {
		b[0] = 'A'
	}
	return string(b)
}

func TestDevSignInOff(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, map[string]string{"PILCROW_DEV_LOGIN": "false"})
	c := a.Client(t)
	c.Get("/auth/dev").Expect(t, http.StatusNotFound)
	r := c.PostForm("/auth/dev", url.Values{"name": {"X"}, "email": {"x@example.com"}, "role": {"admin"}})
	if r.StatusCode == http.StatusSeeOther || signedIn(t, c) {
		t.Errorf("development sign-in answered %d while it is off", r.StatusCode)
	}
	if r := c.Get("/auth/sign-in"); r.Doc.Find(`a[href^="/auth/dev"]`).Length() != 0 {
		t.Error("sign-in page offers the development sign-in while it is off")
	}
}

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLogsNeverHoldCodeOrState(t *testing.T) {
	m := startMockOIDC(t, nil)
	var logs syncBuffer
	a := newLoggedApp(t, oidcEnv(m, nil), &logs)
	c := a.Client(t)
	var secrets []string
	m.QueueUser(claimsUser{sub: "sub-log", email: "log@example.com", verified: true})
	cb := startOIDC(t, c, "/")
	q := mustParse(t, cb).Query()
	secrets = append(secrets, q.Get("code"), q.Get("state"))
	c.Get(cb).Expect(t, http.StatusSeeOther)
	c.Get(cb) // replayed: refused, and logged as such
	m.QueueUser(claimsUser{sub: "sub-log", email: "log@example.com", verified: true})
	bad := withQuery(t, startOIDC(t, c, "/"), "code", "made-up-code-SECRET-4711")
	secrets = append(secrets, "made-up-code-SECRET-4711", mustParse(t, bad).Query().Get("state"))
	c.Get(bad).Expect(t, http.StatusForbidden)
	out := logs.String()
	if !strings.Contains(out, "/auth/oidc/callback") || !strings.Contains(out, "sign-in failed") {
		t.Fatalf("the callbacks were not logged:\n%s", out)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(out, s) {
			t.Errorf("logs contain a code or state %q", s)
		}
	}
	if strings.Contains(out, m.ClientSecret) {
		t.Error("logs contain the client secret")
	}
}
