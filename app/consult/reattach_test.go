package consult_test

import (
	"context"
	"errors"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestReattachRules: only admins list and re-attach orphaned comments; a block
// still current or a number no paragraph has is refused, and nothing moves twice.
func TestReattachRules(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "rules", model.PostModeration)
		ctx := context.Background()
		admin, mod := f.User("Root", "root@example.test", model.RoleAdmin), f.User("Mo", "mo@example.test", model.RoleModerator)
		old := f.Paragraph(0)
		f.Comment(f.User("Ann", "ann@example.test", model.RoleCitizen), "Lanes, please.")
		if _, err := f.Service.PublishVersion(ctx, f.Consultation, "# Cycling plan\n\nBus fares will be frozen for a year.\n\n"+
			"Speed limits near schools will fall to 20mph.\n\nParking on pavements will be banned.\n", "", nil); err != nil {
			t.Fatal(err)
		}
		c, _ := st.ConsultationBySlug(ctx, "rules")
		if _, err := f.Service.Orphans(ctx, mod, c); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("a moderator listed orphans: %v", err)
		}
		if _, err := f.Service.Reattach(ctx, mod, c, old.Key, 1); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("a moderator re-attached: %v", err)
		}
		orphans, err := f.Service.Orphans(ctx, admin, c)
		if err != nil || len(orphans) != 1 || orphans[0].Block.Key != old.Key || orphans[0].Comments != 1 || orphans[0].Successor != nil {
			t.Fatalf("orphans %+v, %v (an unrelated rewrite has no suggestion)", orphans, err)
		}
		var fe model.FieldErrors
		if _, err := f.Service.Reattach(ctx, admin, c, old.Key, 99); !errors.As(err, &fe) {
			t.Errorf("paragraph 99: %v", err)
		}
		still := f.Paragraph(1).Key // the fixture's blocks are version 1's; this one survived
		if _, err := f.Service.Reattach(ctx, admin, c, still, 1); !errors.Is(err, model.ErrConflict) {
			t.Errorf("re-attaching a current paragraph's comments: %v", err)
		}
		if n, err := f.Service.Reattach(ctx, admin, c, old.Key, 1); err != nil || n != 1 {
			t.Fatalf("re-attach: %d, %v", n, err)
		}
		if _, err := f.Service.Reattach(ctx, admin, c, old.Key, 1); !errors.Is(err, model.ErrConflict) {
			t.Errorf("a second re-attach: %v", err)
		}
	})
}
