package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"pilcrow/app/auth"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestBlockedAccountGetsNoSession: every provider's identity goes through
// Accounts.SignIn, which refuses a blocked account before changing anything (no
// role from PILCROW_ADMIN_EMAILS, no development role), and the store refuses to
// make a session for it even if a caller skipped that check.
func TestBlockedAccountGetsNoSession(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		accts := auth.NewAccounts(st, []string{"boss@example.com"})
		for _, provider := range []string{"github", "google", "microsoftonline", "oidc", "dev", auth.PlaceholderProvider} {
			t.Run(provider, func(t *testing.T) {
				id := store.Identity{Provider: provider, Subject: "s-" + provider, Email: "boss@example.com", EmailVerified: true}
				u, err := accts.SignIn(ctx, id, auth.Override{})
				if err != nil {
					t.Fatal(err)
				}
				if err := st.SetRole(ctx, u.ID, model.RoleCitizen); err != nil {
					t.Fatal(err)
				}
				now := time.Now().UTC()
				if err := st.SetBlocked(ctx, u.ID, &now, "testing"); err != nil {
					t.Fatal(err)
				}
				if _, err := accts.SignIn(ctx, id, auth.Override{Role: model.RoleAdmin, Name: "Changed"}); !errors.Is(err, model.ErrBlocked) {
					t.Errorf("sign-in of a blocked account: err = %v, want model.ErrBlocked", err)
				}
				if got, _ := st.User(ctx, u.ID); got.Role != model.RoleCitizen || got.DisplayName == "Changed" {
					t.Errorf("a refused sign-in changed the account: %s %q", got.Role, got.DisplayName)
				}
				sess := &model.Session{TokenHash: "h-" + provider, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
				if err := st.CreateSession(ctx, sess); !errors.Is(err, model.ErrBlocked) {
					t.Errorf("session for a blocked account: err = %v", err)
				}
			})
		}
	})
}

// TestDevelopmentRoleChangeIsAudited: the development sign-in's role and name
// are recorded as the account's own doing.
func TestDevelopmentRoleChangeIsAudited(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		accts := auth.NewAccounts(st, nil)
		id := store.Identity{Provider: "dev", Subject: "d@example.com", Email: "d@example.com", Name: "Dee", EmailVerified: true}
		u, err := accts.SignIn(ctx, id, auth.Override{Role: model.RoleAdmin, Name: "Dee Admin"})
		if err != nil {
			t.Fatal(err)
		}
		if u.Role != model.RoleAdmin || u.DisplayName != "Dee Admin" {
			t.Fatalf("account = %s %q", u.Role, u.DisplayName)
		}
		var es []model.AuditEntry
		if err := st.DB.Where("target_type = ? AND actor_id = ?", "user", u.ID).Order("id").Find(&es).Error; err != nil {
			t.Fatal(err)
		}
		if len(es) != 2 || es[0].Action != "user.role" || es[1].Action != "user.name" {
			t.Errorf("audit entries = %+v, want user.role and user.name by the account", es)
		}
	})
}
