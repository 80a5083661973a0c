package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestClosedConsultationRefusesCommentChanges: once a consultation has closed,
// its author can neither edit nor withdraw a pending comment, the pages say why,
// and the stored comment is unchanged.
func TestClosedConsultationRefusesCommentChanges(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		now := time.Now().UTC()
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Opens: now.Add(-48 * time.Hour), Closes: now.Add(-time.Hour)})
		c := a.Client(t)
		c.SignIn("Pat", "pat@example.com", "citizen")
		u, err := a.Store.UserBySubject(t.Context(), "dev", "pat@example.com")
		if err != nil {
			t.Fatal(err)
		}
		cm := seedComment(t, a, f, u, seed{Key: f.Blocks[0].Key, Status: model.CommentPending, Body: "Written before the deadline"})
		edit, withdraw := fmt.Sprintf("/comments/%d/edit", cm.ID), fmt.Sprintf("/comments/%d/withdraw", cm.ID)
		if me := c.Get("/me").Expect(t, http.StatusOK); me.Doc.Find(`a[href="`+edit+`"], a[href="`+withdraw+`"]`).Length() != 0 {
			t.Error("/me offers to edit or withdraw a comment on a closed consultation")
		}
		for _, r := range []*testutil.Response{
			c.Get(edit),
			c.Get(withdraw),
			c.PostForm(edit, url.Values{"body": {"Changed after the deadline"}, "responding_as": {"individual"}, "publish": {"name"}}),
			c.PostForm(withdraw, nil),
		} {
			r.Expect(t, http.StatusConflict)
			if text := testutil.Text(r); !strings.Contains(text, "cannot be changed or withdrawn after a consultation closes") {
				t.Errorf("%s %s: %q", r.Request.Method, r.Request.URL.Path, text)
			}
			if r.Doc.Find("form[action$='/edit'], form[action$='/withdraw']").Length() != 0 {
				t.Errorf("%s %s offers a form", r.Request.Method, r.Request.URL.Path)
			}
		}
		got, err := a.Store.Comment(context.Background(), cm.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Body != "Written before the deadline" || got.Status != model.CommentPending {
			t.Errorf("stored comment changed: %q %s", got.Body, got.Status)
		}
	})
}
