package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// testClock is a clock the test moves forward; safe to read while serving.
type testClock struct{ offset atomic.Int64 }

func (c *testClock) Now() time.Time          { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *testClock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

func clocked(t *testing.T, engine string) (*testutil.TestApp, *testClock) {
	a := testutil.NewApp(t, engine, nil)
	clock := &testClock{}
	a.Web.Sessions.SetClock(clock.Now)
	return a, clock
}

// TestStaffSessionsAreShort: staff sessions end after 30 minutes idle and 12
// hours in all; a citizen's lasts 30 days.
func TestStaffSessionsAreShort(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, clock := clocked(t, engine)
		citizen := modClient(t, a, "Cee", "citizen")
		staff := map[string]*testutil.Client{}
		for _, role := range []string{"moderator", "analyst", "admin"} {
			staff[role] = modClient(t, a, "Staff"+role, role)
		}
		clock.Advance(29 * time.Minute)
		for role, cl := range staff {
			if !signedIn(t, cl) {
				t.Errorf("%s signed out after 29 idle minutes", role)
			}
		}
		clock.Advance(31 * time.Minute)
		for role, cl := range staff {
			if signedIn(t, cl) {
				t.Errorf("%s still signed in after 31 idle minutes", role)
			}
		}
		if !signedIn(t, citizen) {
			t.Error("citizen signed out after an idle hour")
		}

		// Busy all day, an admin is still signed out at 12 hours.
		admin := modClient(t, a, "Busy", "admin")
		for range 35 { // 35 × 20 minutes = 11 h 40 min
			clock.Advance(20 * time.Minute)
			if !signedIn(t, admin) {
				t.Fatal("a busy admin was signed out before 12 hours")
			}
		}
		clock.Advance(20 * time.Minute)
		if signedIn(t, admin) {
			t.Error("an admin session outlived 12 hours")
		}

		fresh := modClient(t, a, "Cit", "citizen")
		clock.Advance(29 * 24 * time.Hour)
		if !signedIn(t, fresh) {
			t.Error("citizen signed out within 30 days")
		}
		clock.Advance(2 * 24 * time.Hour)
		if signedIn(t, fresh) {
			t.Error("citizen session outlived 30 days")
		}
	})
}

// TestSensitiveActionsAskForARecentSignIn: changing a role, blocking and
// unblocking, and downloading personal data send a staff member who signed in
// more than 15 minutes ago to sign in again, and back.
func TestSensitiveActionsAskForARecentSignIn(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, clock := clocked(t, engine)
		ctx := context.Background()
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PreModeration})
		root := modClient(t, a, "Root", "admin")
		analyst := modClient(t, a, "Ana", "analyst")
		modClient(t, a, "Pat", "citizen")
		pat := accountID(t, a, "pat@example.test")
		user := "/admin/users/" + modItoa(pat)
		csv := "/admin/consultations/" + f.Slug + "/export.csv"

		root.Get(user).Expect(t, http.StatusOK)
		root.PostForm(user+"/role", url.Values{"role": {"moderator"}}).Expect(t, http.StatusSeeOther)
		analyst.Get(csv).Expect(t, http.StatusOK)

		clock.Advance(16 * time.Minute)
		root.Get(user).Expect(t, http.StatusOK) // reading is not sensitive
		toSignIn := func(r *testutil.Response, next string) {
			t.Helper()
			r.Expect(t, http.StatusSeeOther)
			loc, err := url.Parse(r.Header.Get("Location"))
			if err != nil || loc.Path != "/auth/sign-in" || loc.Query().Get("next") != next || loc.Query().Get("again") != "1" {
				t.Errorf("%s %s: redirected to %q, want sign-in with next=%s", r.Request.Method, r.Request.URL.Path, r.Header.Get("Location"), next)
			}
		}
		toSignIn(root.PostForm(user+"/role", url.Values{"role": {"analyst"}}), user)
		toSignIn(root.PostForm(user+"/block", url.Values{"reason": {"spam"}}), user)
		toSignIn(root.PostForm(user+"/unblock", nil), user)
		toSignIn(root.Get("/admin/audit.csv"), "/admin/audit.csv")
		toSignIn(analyst.Get(csv), csv)
		toSignIn(analyst.Get("/admin/consultations/"+f.Slug+"/report.pdf"), "/admin/consultations/"+f.Slug+"/report.pdf")
		if u, _ := a.Store.User(ctx, pat); u.Role != model.RoleModerator || u.Blocked() {
			t.Errorf("a stale session changed the account: %s blocked=%t", u.Role, u.Blocked())
		}
		analyst.Get("/admin/reports").Expect(t, http.StatusOK)

		page := root.Get("/auth/sign-in?next="+url.QueryEscape(user)+"&again=1").Expect(t, http.StatusOK)
		if page.Doc.Find("[data-reauth]").Length() != 1 {
			t.Error("the sign-in page does not say why it is asked again")
		}
		root.Get("/auth/dev?next=" + url.QueryEscape(user))
		r := root.PostForm("/auth/dev", url.Values{"name": {"Root"}, "email": {"root@example.test"}, "role": {"admin"}, "next": {user}})
		if r.Expect(t, http.StatusSeeOther).Header.Get("Location") != user {
			t.Errorf("after signing in again, back to %q, want %s", r.Header.Get("Location"), user)
		}
		root.Get(user)
		root.PostForm(user+"/role", url.Values{"role": {"analyst"}}).Expect(t, http.StatusSeeOther)
		if u, _ := a.Store.User(ctx, pat); u.Role != model.RoleAnalyst {
			t.Errorf("role after a fresh sign-in = %s", u.Role)
		}
	})
}

// TestCSRFTokenFollowsTheSession: the token changes at sign-in and sign-out, and
// a token from before either is refused after it.
func TestCSRFTokenFollowsTheSession(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		cl := a.Client(t)
		cl.Get("/auth/dev").Expect(t, http.StatusOK)
		before := cl.CSRF()
		cl.SignIn("Tok", "tok@example.test", "citizen")
		during := cl.CSRF()
		if before == "" || during == before {
			t.Fatalf("token unchanged at sign-in (%q)", during)
		}
		form := url.Values{"name": {"Renamed"}, "_csrf": {before}}
		cl.PostForm("/account/name", form).Expect(t, http.StatusForbidden)
		cl.PostForm("/auth/logout", nil).Expect(t, http.StatusSeeOther)
		cl.Get("/auth/dev").Expect(t, http.StatusOK)
		after := cl.CSRF()
		if after == during || after == before {
			t.Errorf("token unchanged at sign-out")
		}
		r := cl.PostForm("/auth/dev", url.Values{"name": {"Tok"}, "email": {"tok@example.test"}, "role": {"citizen"}, "_csrf": {during}})
		if r.StatusCode != http.StatusForbidden || strings.Contains(r.Header.Get("Set-Cookie"), "pilcrow_session=") {
			t.Errorf("a token from the ended session was accepted: %d", r.StatusCode)
		}
	})
}
