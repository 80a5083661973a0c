package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// A comment that is no longer pending cannot be changed, and the page says so
// truthfully: on a post-moderated consultation no moderator has looked at it.
func TestEditLockedCommentSaysWhyTruthfully(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		c := a.Client(t)
		c.SignIn("Pat", "pat@example.com", "citizen")
		u, err := a.Store.UserBySubject(t.Context(), "dev", "pat@example.com")
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []model.CommentStatus{model.CommentApproved, model.CommentWithdrawn} {
			cm := seedComment(t, a, f, u, seed{Key: f.Blocks[0].Key, Status: st})
			r := c.Get(fmt.Sprintf("/comments/%d/edit", cm.ID)).Expect(t, http.StatusConflict)
			text := testutil.Text(r)
			if strings.Contains(text, "moderator has already looked") || !strings.Contains(text, "Only a comment waiting for moderation can be changed") {
				t.Errorf("%s comment: %q", st, text)
			}
			if r.Doc.Find(`form[action$="/edit"]`).Length() != 0 {
				t.Errorf("%s comment: the edit form is offered", st)
			}
		}
	})
}
