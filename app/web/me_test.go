package web_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

func TestDataExportAndDeletion(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_FLAG_THRESHOLD": "5"})
		roomyLimits(a)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		key := f.Blocks[0].Key
		me := commenter(t, a, "Dora Delete")
		me.Get("/consultations/" + f.Slug + "/paragraphs/" + key)
		private := validComment(key, "Only for the analysts")
		private.Set("publish", "no")
		me.PostForm("/consultations/"+f.Slug+"/comments", private).Expect(t, http.StatusSeeOther)
		mine := idFromLocation(t, me.PostForm("/consultations/"+f.Slug+"/comments", validComment(key, "Public words")).Expect(t, http.StatusSeeOther))
		other := testutil.User(t, a, "Olive Other", "olive@example.org")
		parent, _ := a.Store.Comment(t.Context(), mine)
		reply := seedComment(t, a, f, other, seed{Key: key, Parent: parent, Body: "Olive's reply"})
		target := seedComment(t, a, f, other, seed{Key: key, Body: "Olive's view"})
		me.Get("/comments/" + strconv.FormatInt(target.ID, 10) + "/flag")
		me.PostForm("/comments/"+strconv.FormatInt(target.ID, 10)+"/flag", map[string][]string{"reason": {"spam"}}).Expect(t, http.StatusSeeOther)

		t.Run("download my data", func(t *testing.T) {
			r := me.Get("/me/data").Expect(t, http.StatusOK)
			if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
				t.Errorf("Content-Disposition = %q", cd)
			}
			var d struct {
				Account struct {
					DisplayName string `json:"display_name"`
					Email       string `json:"email"`
				} `json:"account"`
				Comments []struct {
					Body    string `json:"body"`
					Publish string `json:"publish"`
				} `json:"comments"`
				Reports []struct {
					CommentID int64 `json:"comment_id"`
				} `json:"reports"`
			}
			if err := json.Unmarshal([]byte(r.Body), &d); err != nil {
				t.Fatal(err)
			}
			if d.Account.DisplayName != "Dora Delete" || d.Account.Email != "dora.delete@example.org" {
				t.Errorf("account = %+v", d.Account)
			}
			if len(d.Comments) != 2 || len(d.Reports) != 1 || d.Reports[0].CommentID != target.ID {
				t.Errorf("comments %+v reports %+v", d.Comments, d.Reports)
			}
			if strings.Contains(r.Body, "Olive") {
				t.Error("the export holds someone else's data")
			}
		})

		t.Run("delete my account", func(t *testing.T) {
			r := me.Get("/me/delete").Expect(t, http.StatusOK)
			if !strings.Contains(testutil.Text(r), "your 2 comments are deleted") {
				t.Errorf("the page does not say what happens: %q", testutil.Text(r))
			}
			rev := revision(t, a, f.ID)
			r = me.PostForm("/me/delete", nil).Expect(t, http.StatusSeeOther)
			me.Follow(r).Expect(t, http.StatusOK)
			if loc := me.Get("/me").Expect(t, http.StatusSeeOther).Header.Get("Location"); !strings.HasPrefix(loc, "/auth/sign-in") {
				t.Errorf("still signed in: /me redirects to %q", loc)
			}
			left := storedComments(t, a, f.ID)
			if len(left) != 2 {
				t.Fatalf("%d comments left, want Olive's 2", len(left))
			}
			for _, c := range left {
				if c.UserID != other.ID {
					t.Errorf("comment %d of the deleted account survives", c.ID)
				}
				if c.ID == reply.ID && c.ParentID != nil {
					t.Error("the kept reply still points at a deleted comment")
				}
				if c.ID == target.ID && c.FlagCount != 0 {
					t.Errorf("flag count %d after the flagger left", c.FlagCount)
				}
			}
			if _, err := a.Store.UserBySubject(t.Context(), "dev", "dora.delete@example.org"); err == nil {
				t.Error("the account still exists")
			}
			if revision(t, a, f.ID) <= rev {
				t.Error("deletion did not bump the revision")
			}
		})
	})
}

func TestRemovedAndChangedParagraphs(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		u := testutil.User(t, a, "Early Bird", "early@example.org")
		changed, removed := f.Blocks[0], f.Blocks[1]
		seedComment(t, a, f, u, seed{Key: changed.Key, Body: "About the stations"})
		seedComment(t, a, f, u, seed{Key: removed.Key, Body: "About the trees"})
		v2 := strings.Replace(testutil.DefaultMarkdown, "near railway stations and bus routes", "near railway stations, tram stops and bus routes", 1)
		v2 = strings.Replace(v2, "Every new street should have trees on both sides.\n", "", 1)
		testutil.PublishVersion(t, a, f.Consultation, v2)
		cl := commenter(t, a, "Late Reader")

		r := cl.Get("/consultations/"+f.Slug+"/paragraphs/"+changed.Key).Expect(t, http.StatusOK)
		if !strings.Contains(r.Doc.Find("#paragraph").Text(), "tram stops") {
			t.Errorf("current text not shown: %q", r.Doc.Find("#paragraph").Text())
		}
		orig := r.Doc.Find(".pc-comment__original").Text()
		if !strings.Contains(orig, "earlier wording") || !strings.Contains(orig, "near railway stations and bus routes") {
			t.Errorf("no notice of the earlier wording: %q", orig)
		}

		r = cl.Get("/consultations/"+f.Slug+"/paragraphs/"+removed.Key).Expect(t, http.StatusOK)
		if !strings.Contains(testutil.Text(r), "removed in version 2") || !strings.Contains(r.Doc.Find("#paragraph").Text(), "trees on both sides") {
			t.Errorf("removed paragraph page: %q", testutil.Text(r))
		}
		if !strings.Contains(r.Doc.Find(".pc-comment__body").Text(), "About the trees") {
			t.Error("comments on a removed paragraph are not shown")
		}
		if r.Doc.Find("form.pc-comment-form").Length() != 0 {
			t.Error("a removed paragraph still offers the comment form")
		}
	})
}

func TestMyCommentsArePagedNewestFirst(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
	cl := commenter(t, a, "Prolific Writer")
	u := testutil.User(t, a, "Prolific Writer", "prolific.writer@example.org")
	other := testutil.User(t, a, "Someone Else", "else@example.org")
	seedComment(t, a, f, other, seed{Key: f.Blocks[0].Key, Body: "Not mine"})
	var last *model.Comment
	for i := range 25 {
		last = seedComment(t, a, f, u, seed{Key: f.Blocks[i%3].Key, Status: model.CommentRejected, Body: "Mine " + strconv.Itoa(i)})
	}
	a.Store.DB.Model(&model.Comment{}).Where("id = ?", last.ID).
		Updates(map[string]any{"moderation_reason": "Off topic", "moderation_note": "Please keep to the plan"})
	r := cl.Get("/me").Expect(t, http.StatusOK)
	items := r.Doc.Find(".pc-my-comment")
	if items.Length() != 20 {
		t.Fatalf("first page lists %d comments, want 20", items.Length())
	}
	firstText := strings.Join(strings.Fields(items.First().Text()), " ")
	for _, want := range []string{"Mine 24", "Rejected", "Off topic", "Please keep to the plan", "Paragraph"} {
		if !strings.Contains(firstText, want) {
			t.Errorf("newest comment %q lacks %q", firstText, want)
		}
	}
	if strings.Contains(r.Body, "Not mine") {
		t.Error("/me shows someone else's comment")
	}
	next, ok := r.Doc.Find(`.govuk-pagination__next a`).Attr("href")
	if !ok {
		t.Fatal("no link to older comments")
	}
	r = cl.Get(next).Expect(t, http.StatusOK)
	if n := r.Doc.Find(".pc-my-comment").Length(); n != 5 || !strings.Contains(r.Doc.Find(".pc-my-comment").Last().Text(), "Mine 0") {
		t.Errorf("second page lists %d comments ending %q", n, r.Doc.Find(".pc-my-comment").Last().Text())
	}
}
