package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// modClient signs in a new client with the role.
func modClient(t *testing.T, a *testutil.TestApp, name, role string) *testutil.Client {
	t.Helper()
	cl := a.Client(t)
	cl.SignIn(name, strings.ToLower(name)+"@example.test", role)
	return cl
}

// TestModerationDecisions approves, rejects and restores comments from the queue
// page and checks the effect on the paragraph page, /me and the audit log.
func TestModerationDecisions(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "bikes", model.PreModeration)
		citizen := modClient(t, a, "Ann", "citizen")
		author := f.User("Ann", "ann@example.test", model.RoleCitizen)
		reply := f.Comment(author, "Protected lanes would get my children cycling.")
		other := f.Comment(author, "My neighbour at 4 Elm Road is a criminal.", func(c *model.Comment) {
			c.ParentID, c.HeldReason = &reply.ID, "links"
		})
		alex := modClient(t, a, "Alex", "moderator")
		paragraph := "/consultations/bikes/paragraphs/" + f.Paragraph(0).Key

		r := alex.Get("/admin/moderation").Expect(t, http.StatusOK)
		item := r.Doc.Find(`[data-comment-id="` + modItoa(other.ID) + `"]`)
		if got := item.Text(); !strings.Contains(got, "protected cycle lanes") || !strings.Contains(got, "get my children cycling") ||
			!strings.Contains(got, "links") || !strings.Contains(got, "Ann") {
			t.Errorf("queue item lacks its context: %q", strings.Join(strings.Fields(got), " "))
		}
		public := a.Client(t)
		if strings.Contains(citizenPage(t, public, paragraph), "get my children cycling") {
			t.Fatal("a pending comment is public")
		}

		// Approve one with its own button.
		seen, _ := r.Doc.Find(`input[name="seen_` + modItoa(reply.ID) + `"]`).Attr("value")
		r = alex.PostForm("/admin/moderation/decide", url.Values{"approve_one": {modItoa(reply.ID)}, "seen_" + modItoa(reply.ID): {seen},
			"return": {"/admin/moderation"}}).Expect(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/admin/moderation?") || !strings.Contains(loc, "decided=1") {
			t.Errorf("after approving: Location %q", loc)
		}
		if !strings.Contains(citizenPage(t, public, paragraph), "get my children cycling") {
			t.Error("the approved comment is not on the paragraph page")
		}

		// Reject with a reason code and a note; the author reads them on /me.
		r = alex.PostForm("/admin/moderation/decide", url.Values{"ids": {modItoa(other.ID)}, "action": {"reject"},
			"reason": {"personal-information"}, "note": {"Please leave out addresses."}, "return": {"/admin/moderation"}})
		r.Expect(t, http.StatusSeeOther)
		me := citizenPage(t, citizen, "/me")
		if !strings.Contains(me, "it included personal information about someone") || !strings.Contains(me, "Please leave out addresses.") {
			t.Errorf("/me lacks the reason and note: %q", me)
		}

		// A second moderator working from a stale page is told who decided first.
		sam := modClient(t, a, "Sam", "moderator")
		r = sam.PostForm("/admin/moderation/decide", url.Values{"approve_one": {modItoa(other.ID)}, "seen_" + modItoa(other.ID): {"0"},
			"return": {"/admin/moderation"}}).Expect(t, http.StatusConflict)
		if got := r.Doc.Find("#refused").Text(); !strings.Contains(got, "already rejected by Alex on") {
			t.Errorf("refusal = %q", got)
		}

		// Restore brings the rejected comment back, published, with a note.
		r = alex.Get("/admin/moderation?status=rejected").Expect(t, http.StatusOK)
		if r.Doc.Find(`button[name="restore_one"]`).Length() != 1 {
			t.Fatalf("rejected queue offers %d restore buttons, want 1", r.Doc.Find(`button[name="restore_one"]`).Length())
		}
		seen, _ = r.Doc.Find(`input[name="seen_` + modItoa(other.ID) + `"]`).Attr("value")
		alex.PostForm("/admin/moderation/decide", url.Values{"ids": {modItoa(other.ID)}, "seen_" + modItoa(other.ID): {seen},
			"action": {"restore"}, "note": {"Restored after review."}}).Expect(t, http.StatusSeeOther)
		if c := f.Reload(other.ID); c.Status != model.CommentApproved || c.ModerationReason != "" || c.ModerationNote != "Restored after review." {
			t.Errorf("after restore: %s %q %q", c.Status, c.ModerationReason, c.ModerationNote)
		}
		if !strings.Contains(citizenPage(t, public, paragraph), "4 Elm Road") {
			t.Error("the restored comment is not on the paragraph page")
		}
		// Rejecting a published comment takes it down at once.
		alex.PostForm("/admin/moderation/decide", url.Values{"ids": {modItoa(other.ID)}, "action": {"reject"}, "reason": {"offensive"},
			"return": {"/admin/moderation?status=approved"}}).Expect(t, http.StatusSeeOther)
		if strings.Contains(citizenPage(t, public, paragraph), "4 Elm Road") {
			t.Error("a rejected comment is still on the paragraph page")
		}
		for action, n := range map[string]int{"comment.approve": 1, "comment.reject": 2, "comment.restore": 1} {
			if got := f.AuditCount(action, "comment", modItoa(map[string]int64{"comment.approve": reply.ID}[action]+
				map[string]int64{"comment.reject": other.ID, "comment.restore": other.ID}[action])); got != n {
				t.Errorf("%s: %d audit entries, want %d", action, got, n)
			}
		}
	})
}

// TestModerationFormErrors re-renders the queue with errors for bad decisions.
func TestModerationFormErrors(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "errors", model.PreModeration)
		c := f.Comment(f.User("Ann", "ann@example.test", model.RoleCitizen), "Hello")
		alex := modClient(t, a, "Alex", "moderator")
		alex.Get("/admin/moderation").Expect(t, http.StatusOK)
		cases := []struct {
			name   string
			form   url.Values
			status int
			field  string
		}{
			{"nothing selected", url.Values{"action": {"approve"}}, http.StatusUnprocessableEntity, "ids"},
			{"reject without reason", url.Values{"ids": {modItoa(c.ID)}, "action": {"reject"}}, http.StatusUnprocessableEntity, "reason"},
			{"unknown reason", url.Values{"ids": {modItoa(c.ID)}, "action": {"reject"}, "reason": {"rude"}}, http.StatusUnprocessableEntity, "reason"},
			{"no decision", url.Values{"ids": {modItoa(c.ID)}}, http.StatusUnprocessableEntity, "action"},
			{"note too long", url.Values{"ids": {modItoa(c.ID)}, "action": {"approve"}, "note": {strings.Repeat("x", 1001)}}, http.StatusUnprocessableEntity, "note"},
			{"id not a number", url.Values{"ids": {"1 OR 1=1"}, "action": {"approve"}}, http.StatusBadRequest, ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				tc.form.Set("return", "https://evil.example/admin/moderation")
				r := alex.PostForm("/admin/moderation/decide", tc.form).Expect(t, tc.status)
				if tc.field != "" && r.Doc.Find(`.govuk-error-summary a[href="#`+tc.field+`"]`).Length() != 1 {
					t.Errorf("no error summary link to #%s: %s", tc.field, testutil.Text(r))
				}
			})
		}
		if got := f.Reload(c.ID); got.Status != model.CommentPending {
			t.Errorf("status = %s after refused forms", got.Status)
		}
		for _, q := range []string{"?queue=bogus", "?status=deleted", "?after=x-1", "?consultation=nope"} {
			if r := alex.Get("/admin/moderation" + q); r.StatusCode != http.StatusBadRequest && r.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: status %d, want 400 or 404", q, r.StatusCode)
			}
		}
	})
}

// citizenPage returns the visible text of a page as the client sees it.
func citizenPage(t *testing.T, c *testutil.Client, path string) string {
	t.Helper()
	return testutil.Text(c.Get(path).Expect(t, http.StatusOK))
}

func modItoa(n int64) string { return strconv.FormatInt(n, 10) }
