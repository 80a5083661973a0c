package web_test

import (
	"net/http"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"gorm.io/gorm"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestMyCommentsKeysetPages walks /me of a person with many comments by its
// links, older then newer: every comment shows exactly once each way, comments
// made in the same instant included, and every page costs the same number of
// queries however deep it is.
func TestMyCommentsKeysetPages(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
		cl := commenter(t, a, "Many Words")
		u := testutil.User(t, a, "Many Words", "many.words@example.org")
		want := map[string]bool{}
		for i := range 47 {
			c := seedComment(t, a, f, u, seed{Key: f.Blocks[i%3].Key, Status: model.CommentPending})
			want["comment-"+modItoa(c.ID)] = true
		}
		// Comments made in the same instant are ordered by id.
		a.Store.DB.Exec("UPDATE comments SET created_at = (SELECT MIN(created_at) FROM comments) WHERE id % 4 = 0")
		queries := 0
		a.Store.DB.Callback().Query().After("gorm:query").Register("count_me_queries", func(*gorm.DB) { queries++ })
		walk := func(start, rel string) (perPage []int) {
			seen := map[string]bool{}
			for next := start; next != ""; {
				queries = 0
				r := cl.Get(next).Expect(t, http.StatusOK)
				perPage = append(perPage, queries)
				r.Doc.Find(".pc-my-comment").Each(func(_ int, s *goquery.Selection) {
					id, _ := s.Attr("id")
					if seen[id] {
						t.Errorf("%s shown twice", id)
					}
					seen[id] = true
				})
				next, _ = r.Doc.Find(`.govuk-pagination a[rel="` + rel + `"]`).Attr("href")
				if len(perPage) > 10 {
					t.Fatal("the pages do not end")
				}
			}
			if len(seen) != len(want) {
				t.Errorf("walking %s reached %d of %d comments", rel, len(seen), len(want))
			}
			return perPage
		}
		costs := walk("/me", "next")
		if len(costs) != 3 || costs[1] != costs[0] || costs[2] != costs[0] {
			t.Errorf("queries per page: %v", costs)
		}
		r := cl.Get("/me?before=0-1").Expect(t, http.StatusOK) // older than everything: an empty page, not an error
		if r.Doc.Find(".pc-my-comment").Length() != 0 {
			t.Error("a position older than every comment lists some")
		}
		walk("/me?after=0-1", "prev") // from the oldest comments back to the newest
		cl.Get("/me?before=soon").Expect(t, http.StatusBadRequest)
	})
}
