package auth_test

import (
	"context"
	"testing"

	"pilcrow/app/auth"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestIdentityKeyMicrosoftLegacyAccountRekeyed: a Microsoft account from before
// tenant keys is taken over by the next sign-in with its object id, under the
// "tid/oid" key; a staff role it held waits for an admin. Another tenant's
// account with the same object id is a different account.
func TestIdentityKeyMicrosoftLegacyAccountRekeyed(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		old, err := st.UpsertUser(ctx, store.Identity{Provider: auth.MicrosoftProvider, Subject: "legacy-oid:0b1d", Name: "Mo"})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetRole(ctx, old.ID, model.RoleModerator); err != nil {
			t.Fatal(err)
		}
		accts := auth.NewAccounts(st, nil)
		u, err := accts.SignIn(ctx, store.Identity{Provider: auth.MicrosoftProvider, Subject: "9aa1/0b1d", Name: "Mo"}, auth.Override{})
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != old.ID || u.Subject != "9aa1/0b1d" || u.Role != model.RoleCitizen {
			t.Errorf("after sign-in: %+v, want account %d rekeyed as a citizen", u, old.ID)
		}
		rc, err := st.PendingRoleConfirmationFor(ctx, u.ID)
		if err != nil || rc.Role != model.RoleModerator || rc.Reason != auth.ReasonRekeyed {
			t.Errorf("pending confirmation = %+v, %v", rc, err)
		}
		other, err := accts.SignIn(ctx, store.Identity{Provider: auth.MicrosoftProvider, Subject: "ffff/0b1d"}, auth.Override{})
		if err != nil || other.ID == u.ID {
			t.Errorf("another tenant's object signed in as account %d (%v)", other.ID, err)
		}
	})
}

// TestIdentityKeyStaffRoleWaitsAtSecondProvider: PILCROW_ADMIN_EMAILS makes the
// first account with the email an admin; the same email verified at a second
// provider signs in as a citizen, with the role waiting for an admin, once.
func TestIdentityKeyStaffRoleWaitsAtSecondProvider(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		accts := auth.NewAccounts(st, []string{"chief@example.com"})
		first, err := accts.SignIn(ctx, store.Identity{Provider: "oidc", Subject: "c1", Email: "chief@example.com", EmailVerified: true}, auth.Override{})
		if err != nil || first.Role != model.RoleAdmin {
			t.Fatalf("first = %+v, %v", first, err)
		}
		for range 2 {
			second, err := accts.SignIn(ctx, store.Identity{Provider: "github", Subject: "99", Email: "Chief@example.com", EmailVerified: true}, auth.Override{})
			if err != nil || second.Role != model.RoleCitizen {
				t.Fatalf("second provider = %+v, %v", second, err)
			}
		}
		pending, err := st.PendingRoleConfirmations(ctx)
		if err != nil || len(pending) != 1 || pending[0].Role != model.RoleAdmin || pending[0].Reason != auth.ReasonSecondProvider {
			t.Fatalf("pending = %+v, %v", pending, err)
		}
		var held int64
		st.DB.Model(&model.AuditEntry{}).Where("action = ?", "user.role.held").Count(&held)
		if held != 1 {
			t.Errorf("%d audit entries for the held role, want 1", held)
		}
	})
}
