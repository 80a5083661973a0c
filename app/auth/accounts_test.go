package auth_test

import (
	"context"
	"errors"
	"testing"

	"pilcrow/app/auth"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

func TestGrantThenSignIn(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		accts := auth.NewAccounts(st, []string{"chief@example.com"})
		signIn := func(provider, sub, email string, verified bool) *model.User {
			t.Helper()
			u, err := accts.SignIn(ctx, store.Identity{Provider: provider, Subject: sub, Email: email, EmailVerified: verified}, auth.Override{})
			if err != nil {
				t.Fatal(err)
			}
			return u
		}

		// Nobody has signed in with the email yet: a placeholder holds the role.
		g, err := accts.GrantRole(ctx, " Mod@Example.com ", "moderator")
		if err != nil || !g.Placeholder || len(g.Granted) != 0 {
			t.Fatalf("grant = %+v, %v", g, err)
		}
		if u := signIn("microsoftonline", "ms-1", "mod@example.com", false); u.Role != model.RoleCitizen {
			t.Errorf("an unverified email inherited %q", u.Role)
		}
		if u := signIn("oidc", "o-1", "MOD@example.com", true); u.Role != model.RoleModerator {
			t.Errorf("verified email: role %q, want moderator", u.Role)
		}
		if _, err := st.UserBySubject(ctx, auth.PlaceholderProvider, "mod@example.com"); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("placeholder still there after it was used: %v", err)
		}
		if u := signIn("github", "gh-1", "mod@example.com", true); u.Role != model.RoleCitizen {
			t.Errorf("a second person inherited a used grant: %q", u.Role)
		}

		// Existing accounts: only those whose provider verified the email get the role.
		g, err = accts.GrantRole(ctx, "mod@example.com", "analyst")
		if err != nil || len(g.Granted) != 2 || len(g.Skipped) != 1 || g.Placeholder {
			t.Fatalf("grant = %+v, %v", g, err)
		}
		for _, id := range [][2]string{{"oidc", "o-1"}, {"github", "gh-1"}} {
			if u, err := st.UserBySubject(ctx, id[0], id[1]); err != nil || u.Role != model.RoleAnalyst {
				t.Errorf("%v: role %q, %v", id, u.Role, err)
			}
		}
		if u, _ := st.UserBySubject(ctx, "microsoftonline", "ms-1"); u.Role != model.RoleCitizen {
			t.Errorf("unverified account got %q", u.Role)
		}

		// PILCROW_ADMIN_EMAILS applies only to a verified email.
		if u := signIn("microsoftonline", "ms-2", "chief@example.com", false); u.Role != model.RoleCitizen {
			t.Errorf("unverified admin email made %q", u.Role)
		}
		if u := signIn("google", "g-2", "Chief@Example.com", true); u.Role != model.RoleAdmin {
			t.Errorf("verified admin email made %q", u.Role)
		}
	})
}

func TestParseGrant(t *testing.T) {
	cases := []struct {
		name, email, role string
		ok                bool
	}{
		{"valid", "a@example.com", "admin", true},
		{"every role", "a@example.com", "citizen", true},
		{"unknown role", "a@example.com", "root", false},
		{"role in capitals", "a@example.com", "Admin", false},
		{"empty role", "a@example.com", "", false},
		{"empty email", "", "admin", false},
		{"no at", "example.com", "admin", false},
		{"display name", "Eve <e@example.com>", "admin", false},
		{"two addresses", "a@example.com,b@example.com", "admin", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := auth.ParseGrant(tc.email, tc.role)
			if (err == nil) != tc.ok {
				t.Errorf("ParseGrant(%q, %q) = %v", tc.email, tc.role, err)
			}
		})
	}
}
