package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// expectBlockedPage checks that a sign-in was refused in plain words, naming
// whom to contact, and that no session cookie was given.
func expectBlockedPage(t *testing.T, r *testutil.Response) {
	t.Helper()
	r.Expect(t, http.StatusForbidden)
	if h1 := strings.TrimSpace(r.Doc.Find("h1").Text()); h1 != "Your account is blocked" {
		t.Errorf("h1 = %q", h1)
	}
	if text := testutil.Text(r); !strings.Contains(text, "contact Pilcrow demonstration council") {
		t.Errorf("the page does not say whom to contact: %s", text)
	}
	for _, c := range r.Cookies() {
		if strings.HasSuffix(c.Name, "pilcrow_session") && c.Value != "" {
			t.Errorf("a blocked account was given a session cookie")
		}
	}
}

// TestBlockedAccountsCannotSignIn blocks an account of every role and signs in
// again every way there is: the development sign-in and OpenID Connect (the
// OAuth providers go through the same auth.Accounts.SignIn, tested in auth).
func TestBlockedAccountsCannotSignIn(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		m := startMockOIDC(t, nil)
		a := testutil.NewApp(t, engine, oidcEnv(m, nil))
		ctx := context.Background()
		modClient(t, a, "Root", "admin")
		root, _ := a.Store.User(ctx, accountID(t, a, "root@example.test"))
		for _, role := range model.Roles {
			t.Run("development sign-in as "+string(role), func(t *testing.T) {
				name := "Dev" + string(role)
				cl := modClient(t, a, name, string(role))
				if err := a.Consult.Block(ctx, root, accountID(t, a, strings.ToLower(name)+"@example.test"), "testing"); err != nil {
					t.Fatal(err)
				}
				if signedIn(t, cl) {
					t.Fatal("still signed in after the block")
				}
				cl.Get("/auth/dev")
				form := url.Values{"name": {name}, "email": {strings.ToLower(name) + "@example.test"}, "role": {string(role)}}
				expectBlockedPage(t, cl.PostForm("/auth/dev", form))
				if signedIn(t, cl) {
					t.Error("the development sign-in let a blocked account in")
				}
			})
			t.Run("OpenID Connect as "+string(role), func(t *testing.T) {
				cl := a.Client(t)
				who := claimsUser{sub: "sub-" + string(role), email: string(role) + "@example.com", verified: true}
				m.QueueUser(who)
				cl.Get(startOIDC(t, cl, "/")).Expect(t, http.StatusSeeOther)
				u, err := a.Store.UserBySubject(ctx, "oidc", who.sub)
				if err != nil {
					t.Fatal(err)
				}
				if err := a.Consult.ChangeRole(ctx, root, u.ID, string(role)); err != nil {
					t.Fatal(err)
				}
				if err := a.Consult.Block(ctx, root, u.ID, "testing"); err != nil {
					t.Fatal(err)
				}
				m.QueueUser(who)
				expectBlockedPage(t, cl.Get(startOIDC(t, cl, "/")))
				if signedIn(t, cl) {
					t.Error("OpenID Connect let a blocked account in")
				}
			})
		}
	})
}

// TestBlockedAccountsCannotAct replays what was seen from outside: each blocked
// person signs in again and tries what they did before the fix.
func TestBlockedAccountsCannotAct(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		m := startMockOIDC(t, nil)
		a := testutil.NewApp(t, engine, oidcEnv(m, map[string]string{"PILCROW_ADMIN_EMAILS": "boss@example.com"}))
		ctx := context.Background()
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PreModeration})
		modClient(t, a, "Root", "admin")
		root, _ := a.Store.User(ctx, accountID(t, a, "root@example.test"))
		block := func(id int64) {
			t.Helper()
			if err := a.Consult.Block(ctx, root, id, "testing"); err != nil {
				t.Fatal(err)
			}
		}
		// A person tries again: the sign-in is refused, so the request is anonymous.
		refused := func(r *testutil.Response) {
			t.Helper()
			if r.StatusCode == http.StatusOK || (r.StatusCode == http.StatusSeeOther && !strings.HasPrefix(r.Header.Get("Location"), "/auth/sign-in")) {
				t.Errorf("%s %s: %d to %q, want refused", r.Request.Method, r.Request.URL.Path, r.StatusCode, r.Header.Get("Location"))
			}
		}

		t.Run("admin signs in again through OIDC and unblocks themself", func(t *testing.T) {
			boss := a.Client(t)
			// The provider reports a second factor, which the admin role needs to take effect.
			who := claimsUser{sub: "sub-boss", email: "boss@example.com", verified: true,
				edit: func(c jwt.MapClaims) { c["amr"] = []string{"mfa"} }}
			m.QueueUser(who)
			boss.Get(startOIDC(t, boss, "/admin")).Expect(t, http.StatusSeeOther)
			u, _ := a.Store.UserBySubject(ctx, "oidc", who.sub)
			if u.Role != model.RoleAdmin {
				t.Fatalf("boss is %s", u.Role)
			}
			boss.Get("/admin/users/"+modItoa(u.ID)).Expect(t, http.StatusOK)
			block(u.ID)
			m.QueueUser(who)
			expectBlockedPage(t, boss.Get(startOIDC(t, boss, "/admin")))
			refused(boss.PostForm("/admin/users/"+modItoa(u.ID)+"/unblock", nil))
			if u, _ := a.Store.User(ctx, u.ID); !u.Blocked() {
				t.Error("the blocked admin unblocked themself")
			}
		})
		t.Run("analyst downloads the CSV", func(t *testing.T) {
			cl := modClient(t, a, "Anna", "analyst")
			cl.Get("/admin/consultations/"+f.Slug+"/export.csv").Expect(t, http.StatusOK)
			block(accountID(t, a, "anna@example.test"))
			cl.Get("/auth/dev")
			expectBlockedPage(t, cl.PostForm("/auth/dev", url.Values{"name": {"Anna"}, "email": {"anna@example.test"}, "role": {"analyst"}}))
			refused(cl.Get("/admin/consultations/" + f.Slug + "/export.csv"))
		})
		t.Run("moderator reads the queue", func(t *testing.T) {
			cl := modClient(t, a, "Mo", "moderator")
			cl.Get("/admin/moderation").Expect(t, http.StatusOK)
			block(accountID(t, a, "mo@example.test"))
			cl.Get("/auth/dev")
			expectBlockedPage(t, cl.PostForm("/auth/dev", url.Values{"name": {"Mo"}, "email": {"mo@example.test"}, "role": {"moderator"}}))
			refused(cl.Get("/admin/moderation"))
		})
		t.Run("citizen edits a pending comment", func(t *testing.T) {
			cl := commenter(t, a, "Cit")
			u, _ := a.Store.UserBySubject(ctx, "dev", "cit@example.org")
			c := seedComment(t, a, f, u, seed{Key: f.Blocks[0].Key, Status: model.CommentPending, Body: "Before"})
			edit := "/comments/" + modItoa(c.ID) + "/edit"
			cl.Get(edit).Expect(t, http.StatusOK)
			block(u.ID)
			cl.Get("/auth/dev")
			expectBlockedPage(t, cl.PostForm("/auth/dev", url.Values{"name": {"Cit"}, "email": {"cit@example.org"}, "role": {"citizen"}}))
			refused(cl.PostForm(edit, url.Values{"body": {"After"}, "publish": {"name"}, "responding_as": {"individual"}}))
			if got, _ := a.Store.Comment(ctx, c.ID); got.Body != "Before" {
				t.Errorf("a blocked citizen edited their comment to %q", got.Body)
			}
		})
	})
}
