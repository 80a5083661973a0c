package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestCommentRoutesDoNotTellWhichIDsExist: on every comment route, another
// person's unpublished comment answers exactly as a comment that does not exist.
func TestCommentRoutesDoNotTellWhichIDsExist(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PreModeration})
		commenter(t, a, "Owner")
		owner, _ := a.Store.UserBySubject(context.Background(), "dev", "owner@example.org")
		c := seedComment(t, a, f, owner, seed{Key: f.Blocks[0].Key, Status: model.CommentPending})
		eve := commenter(t, a, "Eve")
		answer := func(method, path string) (int, string) {
			t.Helper()
			var r *testutil.Response
			if method == http.MethodGet {
				r = eve.Get(path)
			} else {
				eve.Get("/auth/sign-in")
				r = eve.PostForm(path, url.Values{"body": {"x"}, "publish": {"name"}, "reason": {"spam"}})
			}
			return r.StatusCode, strings.TrimSpace(r.Doc.Find("h1").Text())
		}
		for _, route := range []struct{ method, action string }{
			{http.MethodGet, "edit"}, {http.MethodPost, "edit"}, {http.MethodGet, "withdraw"},
			{http.MethodPost, "withdraw"}, {http.MethodGet, "flag"}, {http.MethodPost, "flag"},
		} {
			theirs, theirsH1 := answer(route.method, "/comments/"+modItoa(c.ID)+"/"+route.action)
			missing, missingH1 := answer(route.method, "/comments/"+modItoa(c.ID+1000)+"/"+route.action)
			if theirs != http.StatusNotFound || missing != http.StatusNotFound || theirsH1 != missingH1 {
				t.Errorf("%s %s: another's comment %d %q, a missing one %d %q", route.method, route.action, theirs, theirsH1, missing, missingH1)
			}
		}
		if got, _ := a.Store.Comment(context.Background(), c.ID); got.Status != model.CommentPending {
			t.Errorf("the comment changed: %s", got.Status)
		}
	})
}
