package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

func TestCommentValidation(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		roomyLimits(a)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		other := testutil.Consultation(t, a, testutil.ConsultationOpts{})
		upcoming := testutil.Consultation(t, a, testutil.ConsultationOpts{Opens: time.Now().Add(time.Hour)})
		closed := testutil.Consultation(t, a, testutil.ConsultationOpts{Opens: time.Now().Add(-48 * time.Hour), Closes: time.Now().Add(-time.Hour)})
		key, key2 := f.Blocks[0].Key, f.Blocks[1].Key
		bob := testutil.User(t, a, "Bob", "bob@example.org")
		top := seedComment(t, a, f, bob, seed{Key: key})
		reply := seedComment(t, a, f, bob, seed{Key: key, Parent: top})
		elsewhere := seedComment(t, a, f, bob, seed{Key: key2})
		pending := seedComment(t, a, f, bob, seed{Key: key, Status: model.CommentPending})
		private := seedComment(t, a, f, bob, seed{Key: key, Publish: model.PublishNo})
		foreign := seedComment(t, a, other, bob, seed{Key: other.Blocks[0].Key})
		id := func(c *model.Comment) string { return strconv.FormatInt(c.ID, 10) }

		cases := []struct {
			name  string
			slug  string
			edit  func(url.Values)
			field string
			msg   string
		}{
			{"empty", "", func(v url.Values) { v.Set("body", "") }, "body", "Enter your comment"},
			{"whitespace only", "", func(v url.Values) { v.Set("body", " \n\t\u00a0 ") }, "body", "Enter your comment"},
			{"too long", "", func(v url.Values) { v.Set("body", strings.Repeat("é", 10001)) }, "body", "10,000 characters or fewer"},
			{"invalid UTF-8", "", func(v url.Values) { v.Set("body", "bad \xff\xfe bytes") }, "body", "characters we cannot accept"},
			{"control character", "", func(v url.Values) { v.Set("body", "bell \a here") }, "body", "characters we cannot accept"},
			{"NUL", "", func(v url.Values) { v.Set("body", "nul \x00 here") }, "body", "characters we cannot accept"},
			{"unknown paragraph", "", func(v url.Values) { v.Set("paragraph", "zzzzzzzz") }, "paragraph", "does not exist"},
			{"paragraph with a NUL byte", "", func(v url.Values) { v.Set("paragraph", "ab\x00cd") }, "paragraph", "does not exist"},
			{"paragraph of markup", "", func(v url.Values) { v.Set("paragraph", "<b>x</b>") }, "paragraph", "does not exist"},
			{"organisation with a NUL byte", "", func(v url.Values) {
				v.Set("responding_as", "organisation")
				v.Set("organisation", "Acme\x00Ltd")
			}, "organisation", "characters we cannot accept"},
			{"organisation without name", "", func(v url.Values) { v.Set("responding_as", "organisation"); v.Set("organisation", "  ") }, "organisation", "Enter the name of the organisation"},
			{"organisation name too long", "", func(v url.Values) {
				v.Set("responding_as", "organisation")
				v.Set("organisation", strings.Repeat("x", 201))
			}, "organisation", "200 characters or fewer"},
			{"bad responding_as", "", func(v url.Values) { v.Set("responding_as", "robot") }, "responding_as", "individual or for an organisation"},
			{"missing publish", "", func(v url.Values) { v.Del("publish") }, "publish", "may publish"},
			{"bad publish", "", func(v url.Values) { v.Set("publish", "everyone") }, "publish", "may publish"},
			{"bad stance", "", func(v url.Values) { v.Set("stance", "maybe") }, "stance", "Select agree"},
			{"reply to another paragraph", "", func(v url.Values) { v.Set("parent", id(elsewhere)) }, "parent", "only reply to a published comment"},
			{"reply to a reply", "", func(v url.Values) { v.Set("parent", id(reply)) }, "parent", "only reply"},
			{"reply to a pending comment", "", func(v url.Values) { v.Set("parent", id(pending)) }, "parent", "only reply"},
			{"reply to an unpublished comment", "", func(v url.Values) { v.Set("parent", id(private)) }, "parent", "only reply"},
			{"reply to another consultation", "", func(v url.Values) { v.Set("parent", id(foreign)) }, "parent", "only reply"},
			{"reply to nothing", "", func(v url.Values) { v.Set("parent", "99999999") }, "parent", "only reply"},
			{"not open yet", upcoming.Slug, func(v url.Values) { v.Set("paragraph", upcoming.Blocks[0].Key) }, "body", "not open yet"},
			{"closed", closed.Slug, func(v url.Values) { v.Set("paragraph", closed.Blocks[0].Key) }, "body", "has closed"},
		}
		cl := commenter(t, a, "Ada Lovelace")
		cl.Get("/consultations/" + f.Slug + "/paragraphs/" + key)
		before := countComments(t, a)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				slug := f.Slug
				if tc.slug != "" {
					slug = tc.slug
				}
				form := validComment(key, "Typed words to keep")
				tc.edit(form)
				r := cl.PostForm("/consultations/"+slug+"/comments", form).Expect(t, http.StatusUnprocessableEntity)
				summary := r.Doc.Find(".govuk-error-summary")
				if !strings.Contains(summary.Text(), tc.msg) {
					t.Errorf("error summary %q lacks %q", strings.Join(strings.Fields(summary.Text()), " "), tc.msg)
				}
				if href, _ := summary.Find("a").First().Attr("href"); href != "#"+tc.field {
					t.Errorf("summary links to %q, want #%s", href, tc.field)
				}
				if tc.field != "body" && tc.slug == "" {
					if got := r.Doc.Find("textarea#body").Text(); got != "Typed words to keep" {
						t.Errorf("typed text not kept: %q", got)
					}
					if r.Doc.Find("#"+tc.field).Length() == 0 {
						t.Errorf("no element #%s for the summary link", tc.field)
					}
				}
			})
		}
		if after := countComments(t, a); after != before {
			t.Errorf("invalid comments stored: %d before, %d after", before, after)
		}
		t.Run("exactly 10,000 characters is accepted", func(t *testing.T) {
			cl.PostForm("/consultations/"+f.Slug+"/comments", validComment(key, strings.Repeat("é", 10000))).Expect(t, http.StatusSeeOther)
		})
		t.Run("reply to a published comment is accepted", func(t *testing.T) {
			form := validComment(key, "I agree with Bob")
			form.Set("parent", id(top))
			cl.PostForm("/consultations/"+f.Slug+"/comments", form).Expect(t, http.StatusSeeOther)
			r := cl.Get("/consultations/" + f.Slug + "/paragraphs/" + key)
			if !strings.Contains(r.Doc.Find("#comment-"+id(top)+" .pc-comment-list").Text(), "I agree with Bob") {
				t.Error("reply not shown under its comment")
			}
		})
		t.Run("unknown paragraph page is 404", func(t *testing.T) {
			cl.Get("/consultations/"+f.Slug+"/paragraphs/nosuchkey").Expect(t, http.StatusNotFound)
			cl.Get("/consultations/"+f.Slug+"/paragraphs/"+url.PathEscape("<script>")).Expect(t, http.StatusNotFound)
			cl.Get("/consultations/nosuch/paragraphs/"+key).Expect(t, http.StatusNotFound)
		})
	})
}

func countComments(t *testing.T, a *testutil.TestApp) int64 {
	t.Helper()
	var n int64
	if err := a.Store.DB.Model(&model.Comment{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
