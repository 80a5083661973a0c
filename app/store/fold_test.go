package store_test

import (
	"context"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestSearchFoldsWelshLetters finds comments and accounts whatever the case of ŵ
// and ŷ, and whether a circumflex was typed composed or combining, on both engines.
func TestSearchFoldsWelshLetters(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "chwilio", model.PreModeration)
		u := f.User("Siân Ŵyn", "sian@example.test", model.RoleCitizen)
		f.Comment(u, "Mae’r dŵr yn yr afon yn rhy uchel")
		f.Comment(u, "Cycle lanes please")
		for _, q := range []string{"DŴR", "Dw\u0302r", "dŵr"} {
			got, err := st.QueueComments(ctx, store.QueueFilter{Queue: store.QueuePending, Query: q, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Errorf("query %q found %d comments, want 1", q, len(got))
			}
		}
		for _, q := range []string{"ŴYN", "siân", "SIÂN ŵ"} {
			us, err := st.SearchUsers(ctx, q, 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(us) != 1 {
				t.Errorf("user query %q found %d accounts, want 1", q, len(us))
			}
		}
	})
}
