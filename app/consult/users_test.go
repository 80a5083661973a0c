package consult_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestUserAdministration changes roles and blocks accounts, checking the
// last-admin rule, the sessions that blocking ends and the audit entries.
func TestUserAdministration(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "users", model.PreModeration)
		ctx := context.Background()
		root := f.User("Root", "root@example.test", model.RoleAdmin)
		mod := f.User("Mo", "mo@example.test", model.RoleModerator)
		citizen := f.User("Cat", "cat@example.test", model.RoleCitizen)
		key := func(u *model.User) string { return strconv.FormatInt(u.ID, 10) }

		if err := f.Service.ChangeRole(ctx, mod, citizen.ID, "moderator"); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("moderator changing a role: err = %v, want forbidden", err)
		}
		if err := f.Service.ChangeRole(ctx, root, citizen.ID, "superuser"); !isFieldError(err, "role") {
			t.Errorf("unknown role: err = %v", err)
		}
		if err := f.Service.ChangeRole(ctx, root, root.ID, "citizen"); !isFieldError(err, "role") {
			t.Errorf("last admin dropping their role: err = %v, want a field error", err)
		}
		if err := f.Service.Block(ctx, root, root.ID, "testing"); !isFieldError(err, "reason") {
			t.Errorf("blocking oneself: err = %v", err)
		}
		if err := f.Service.ChangeRole(ctx, root, citizen.ID, "analyst"); err != nil {
			t.Fatal(err)
		}
		if u, _ := st.User(ctx, citizen.ID); u.Role != model.RoleAnalyst || f.AuditCount("user.role", "user", key(citizen)) != 1 {
			t.Errorf("role = %s, audits = %d", u.Role, f.AuditCount("user.role", "user", key(citizen)))
		}

		// A second admin may take over; then the first may step down, but not the last.
		if err := f.Service.ChangeRole(ctx, root, mod.ID, "admin"); err != nil {
			t.Fatal(err)
		}
		mod.Role = model.RoleAdmin
		if err := f.Service.ChangeRole(ctx, root, root.ID, "moderator"); err != nil {
			t.Fatalf("stepping down beside another admin: %v", err)
		}
		if err := f.Service.ChangeRole(ctx, mod, mod.ID, "citizen"); !isFieldError(err, "role") {
			t.Errorf("new last admin dropping their role: err = %v", err)
		}

		// Blocking ends every session at once; unblocking is recorded too.
		for i := range 2 {
			now := time.Now().UTC()
			if err := st.CreateSession(ctx, &model.Session{TokenHash: "hash-" + strconv.Itoa(i), UserID: citizen.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Service.Block(ctx, mod, citizen.ID, "  "); !isFieldError(err, "reason") {
			t.Errorf("block without reason: err = %v", err)
		}
		if err := f.Service.Block(ctx, mod, citizen.ID, "Posting spam"); err != nil {
			t.Fatal(err)
		}
		u, _ := st.User(ctx, citizen.ID)
		if !u.Blocked() || u.BlockedReason != "Posting spam" {
			t.Errorf("after block: %+v", u)
		}
		var left int64
		if err := st.DB.Model(&model.Session{}).Where("user_id = ?", citizen.ID).Count(&left).Error; err != nil || left != 0 {
			t.Errorf("%d sessions survived the block: %v", left, err)
		}
		if err := f.Service.Unblock(ctx, mod, citizen.ID); err != nil {
			t.Fatal(err)
		}
		if u, _ := st.User(ctx, citizen.ID); u.Blocked() || u.BlockedReason != "" {
			t.Errorf("after unblock: %+v", u)
		}
		for _, a := range []string{"user.block", "user.unblock"} {
			if n := f.AuditCount(a, "user", key(citizen)); n != 1 {
				t.Errorf("%s: %d audit entries, want 1", a, n)
			}
		}
	})
}

// TestLastAdminRace has two admins demote each other at once: one must remain.
func TestLastAdminRace(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "admins", model.PreModeration)
		ctx := context.Background()
		for i := range 10 {
			a := f.User("A", "a"+strconv.Itoa(i)+"@example.test", model.RoleAdmin)
			b := f.User("B", "b"+strconv.Itoa(i)+"@example.test", model.RoleAdmin)
			var others []model.User
			st.DB.Where("role = ? AND id NOT IN ?", model.RoleAdmin, []int64{a.ID, b.ID}).Find(&others)
			for _, o := range others {
				if err := st.SetRole(ctx, o.ID, model.RoleCitizen); err != nil {
					t.Fatal(err)
				}
			}
			var wg sync.WaitGroup
			for _, pair := range [][2]*model.User{{a, b}, {b, a}} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					err := f.Service.ChangeRole(ctx, pair[0], pair[1].ID, "citizen")
					if err != nil && !isFieldError(err, "role") {
						t.Errorf("demote: %v", err)
					}
				}()
			}
			wg.Wait()
			var admins int64
			st.DB.Model(&model.User{}).Where("role = ?", model.RoleAdmin).Count(&admins)
			if admins != 1 {
				t.Fatalf("round %d: %d admins left, want 1", i, admins)
			}
		}
	})
}

func isFieldError(err error, field string) bool {
	var fe model.FieldErrors
	return errors.As(err, &fe) && fe[field] != ""
}
