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

func TestModerationModes(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		roomyLimits(a)
		pre := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PreModeration})
		post := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		author, reader := commenter(t, a, "Ada Lovelace"), commenter(t, a, "Bob Reader")

		t.Run("pre-moderation holds every comment", func(t *testing.T) {
			page := "/consultations/" + pre.Slug + "/paragraphs/" + pre.Blocks[0].Key
			author.Get(page)
			r := author.PostForm("/consultations/"+pre.Slug+"/comments", validComment(pre.Blocks[0].Key, "Held for a moderator")).Expect(t, http.StatusSeeOther)
			r = author.Follow(r).Expect(t, http.StatusOK)
			if !strings.Contains(r.Doc.Find(".pc-sent").Text(), "awaiting moderation") {
				t.Errorf("banner does not say it awaits moderation: %q", r.Doc.Find(".pc-sent").Text())
			}
			if !strings.Contains(r.Doc.Find(".pc-comment").Text(), "Awaiting moderation") {
				t.Error("the author does not see the comment marked awaiting moderation")
			}
			if strings.Contains(reader.Get(page).Body, "Held for a moderator") {
				t.Error("someone else sees a pending comment")
			}
			cs := storedComments(t, a, pre.ID)
			if len(cs) != 1 || cs[0].Status != model.CommentPending {
				t.Errorf("stored %+v, want one pending", cs)
			}
		})

		t.Run("post-moderation publishes at once", func(t *testing.T) {
			page := "/consultations/" + post.Slug + "/paragraphs/" + post.Blocks[0].Key
			author.Get(page)
			author.PostForm("/consultations/"+post.Slug+"/comments", validComment(post.Blocks[0].Key, "Public straight away")).Expect(t, http.StatusSeeOther)
			if !strings.Contains(reader.Get(page).Body, "Public straight away") {
				t.Error("a post-moderated comment is not public")
			}
		})

		spam := []struct{ name, body, reason string }{
			{"many links", "See http://a.test http://b.test http://c.test http://d.test", "links"},
			{"spam words", "Great offer, buy now at our shop", "spam_words"},
			{"crypto", "Invest in bitcoin today", "spam_words"},
			{"repeated characters", "Nooooooooooooooooo", "repeated_characters"},
			{"shouting", "THIS PLAN IS A DISGRACE AND EVERYONE KNOWS IT", "capitals"},
		}
		for _, tc := range spam {
			t.Run("held in post-moderation: "+tc.name, func(t *testing.T) {
				author.Get("/consultations/" + post.Slug + "/respond")
				r := author.PostForm("/consultations/"+post.Slug+"/comments", validComment("", tc.body)).Expect(t, http.StatusSeeOther)
				id := idFromLocation(t, r)
				c, err := a.Store.Comment(t.Context(), id)
				if err != nil {
					t.Fatal(err)
				}
				if c.Status != model.CommentPending || c.HeldReason != tc.reason {
					t.Errorf("status %s held %q, want pending held %q", c.Status, c.HeldReason, tc.reason)
				}
			})
		}
		t.Run("held in post-moderation: the same text again and again", func(t *testing.T) {
			var last *model.Comment
			for range 3 {
				author.Get("/consultations/" + post.Slug + "/respond")
				r := author.PostForm("/consultations/"+post.Slug+"/comments", validComment("", "Copy and paste campaign text")).Expect(t, http.StatusSeeOther)
				last, _ = a.Store.Comment(t.Context(), idFromLocation(t, r))
			}
			if last.Status != model.CommentPending || last.HeldReason != "repeated_body" {
				t.Errorf("third copy: status %s held %q", last.Status, last.HeldReason)
			}
		})
	})
}

func TestBlockedAccountCannotPost(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
	cl := commenter(t, a, "Mallory")
	u := testutil.User(t, a, "Mallory", "mallory@example.org")
	if err := a.Store.DB.Model(&model.User{}).Where("id = ?", u.ID).Update("blocked_at", u.CreatedAt).Error; err != nil {
		t.Fatal(err)
	}
	// A blocked account's session no longer counts: the post is sent to sign in.
	cl.Get("/auth/dev")
	r := cl.PostForm("/consultations/"+f.Slug+"/comments", validComment(f.Blocks[0].Key, "Let me in")).Expect(t, http.StatusSeeOther)
	if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/auth/sign-in") {
		t.Errorf("redirected to %q", loc)
	}
	if n := countComments(t, a); n != 0 {
		t.Errorf("a blocked account stored %d comments", n)
	}
}

func TestEditAndWithdraw(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		roomyLimits(a)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
		key := f.Blocks[0].Key
		author, other := commenter(t, a, "Ada Lovelace"), commenter(t, a, "Eve Other")
		author.Get("/consultations/" + f.Slug + "/paragraphs/" + key)
		id := idFromLocation(t, author.PostForm("/consultations/"+f.Slug+"/comments", validComment(key, "First draft")).Expect(t, http.StatusSeeOther))
		edit, withdraw := "/comments/"+strconv.FormatInt(id, 10)+"/edit", "/comments/"+strconv.FormatInt(id, 10)+"/withdraw"

		// Another person's comment answers as a missing one does.
		other.Get(edit).Expect(t, http.StatusNotFound)
		other.Get("/auth/dev")
		other.PostForm(edit, url.Values{"body": {"Hijacked"}, "publish": {"name"}}).Expect(t, http.StatusNotFound)
		other.PostForm(withdraw, nil).Expect(t, http.StatusNotFound)

		r := author.Get(edit).Expect(t, http.StatusOK)
		if got := r.Doc.Find("textarea#body").Text(); got != "First draft" {
			t.Errorf("edit form shows %q", got)
		}
		author.PostForm(edit, url.Values{"body": {""}, "publish": {"name"}}).Expect(t, http.StatusUnprocessableEntity)
		author.PostForm(edit, url.Values{"body": {"Second draft"}, "publish": {"anonymous"}, "responding_as": {"individual"}}).Expect(t, http.StatusSeeOther)
		c, _ := a.Store.Comment(t.Context(), id)
		if c.Body != "Second draft" || c.Publish != model.PublishAnonymous || c.Status != model.CommentPending {
			t.Errorf("after edit: %q %s %s", c.Body, c.Publish, c.Status)
		}

		// Once a moderator approves it, it can no longer be edited, only withdrawn.
		a.Store.DB.Model(&model.Comment{}).Where("id = ?", id).Update("status", model.CommentApproved)
		author.Get(edit).Expect(t, http.StatusConflict)
		author.PostForm(edit, url.Values{"body": {"Third"}, "publish": {"name"}}).Expect(t, http.StatusConflict)
		rev := revision(t, a, f.ID)
		r = author.Get(withdraw).Expect(t, http.StatusOK)
		if r.Doc.Find(`form[action="`+withdraw+`"] button`).Length() != 1 {
			t.Error("no confirmation form")
		}
		author.PostForm(withdraw, nil).Expect(t, http.StatusSeeOther)
		c, _ = a.Store.Comment(t.Context(), id)
		if c.Status != model.CommentWithdrawn {
			t.Errorf("status after withdrawal = %s", c.Status)
		}
		if revision(t, a, f.ID) <= rev {
			t.Error("withdrawing a public comment did not bump the revision")
		}
		if strings.Contains(other.Get("/consultations/"+f.Slug+"/paragraphs/"+key).Body, "Second draft") {
			t.Error("a withdrawn comment is still public")
		}
		if !strings.Contains(testutil.Text(author.Get("/me")), "Withdrawn") {
			t.Error("/me does not show the withdrawal")
		}
	})
}

// idFromLocation reads the comment id from a success redirect's #comment-N.
func idFromLocation(t *testing.T, r *testutil.Response) int64 {
	t.Helper()
	loc := r.Header.Get("Location")
	i := strings.LastIndex(loc, "#comment-")
	id, err := strconv.ParseInt(loc[i+len("#comment-"):], 10, 64)
	if i < 0 || err != nil {
		t.Fatalf("no comment id in %q", loc)
	}
	return id
}

func revision(t *testing.T, a *testutil.TestApp, id int64) int64 {
	t.Helper()
	c, err := a.Store.Consultation(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Revision
}
