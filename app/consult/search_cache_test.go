package consult_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// twoInstances opens the same database twice, as two instances behind a load
// balancer would, and returns each one's search service and the second's store.
func twoInstances(t *testing.T, engine string) (a, b *consult.Reports, stB *store.Store) {
	t.Helper()
	url := testutil.DatabaseURL(t, engine)
	open := func() *store.Store {
		st, err := store.Open(context.Background(), url, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		st.LimitPool(4, 2)
		if _, err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return st
	}
	stA, stB := open(), open()
	return newReports(stA), newReports(stB), stB
}

// TestSearchResultsFollowOtherInstances keeps searching on one instance while
// another changes what the results show, in every way it can: each search
// shows the change made before it, with no delay, and a search repeated with
// nothing changed is answered from the results kept.
func TestSearchResultsFollowOtherInstances(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		a, b, stB := twoInstances(t, engine)
		f := testutil.NewModerationFixture(t, stB, nil, "kept", model.PostModeration)
		author := f.User("Ann Author", "ann@example.test", model.RoleCitizen)
		analyst := f.User("Ana Lyst", "ana@example.test", model.RoleAnalyst)
		c := f.Consultation
		lanes := consult.SearchQuery{Q: "lanes"}
		search := func(r *consult.Reports, q consult.SearchQuery) *consult.SearchResult {
			t.Helper()
			res, err := r.Search(ctx, analyst, c, q)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		bodies := func(res *consult.SearchResult) string {
			var out []string
			for _, h := range res.Hits {
				out = append(out, fmt.Sprintf("%s by %s %v", h.Body, h.Author, h.Themes))
			}
			return fmt.Sprint(res.Count, out)
		}
		expect := func(what string, q consult.SearchQuery, want string) {
			t.Helper()
			if got := bodies(search(a, q)); got != want {
				t.Errorf("after %s: %s, want %s", what, got, want)
			}
		}

		first := f.Comment(author, "Protected lanes please.")
		expect("the first comment", lanes, "1 [Protected lanes please. by Ann Author []]")
		if search(a, lanes) != search(a, lanes) {
			t.Error("a search repeated with nothing changed was run again")
		}
		second := f.Comment(author, "More lanes.", func(cm *model.Comment) { cm.CreatedAt = cm.CreatedAt.Add(time.Second) })
		expect("a comment written on the other instance", lanes,
			"2 [More lanes. by Ann Author [] Protected lanes please. by Ann Author []]")
		must(t, stB.DB.Model(second).Update("body", "More bus lanes.").Error)
		expect("an edit", lanes, "2 [More bus lanes. by Ann Author [] Protected lanes please. by Ann Author []]")
		must(t, stB.DB.Model(first).Update("status", model.CommentRejected).Error)
		expect("a moderation decision", consult.SearchQuery{Q: "lanes", Status: "rejected"},
			"1 [Protected lanes please. by Ann Author []]")
		if _, err := b.CreateTheme(ctx, analyst, c, consult.ThemeInput{Name: "Safety"}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.TagComments(ctx, analyst, c, []int64{second.ID}, "Safety"); err != nil {
			t.Fatal(err)
		}
		expect("a tag", consult.SearchQuery{Q: "lanes", Theme: "Safety"}, "1 [More bus lanes. by Ann Author [Safety]]")
		must(t, stB.SetDisplayName(ctx, author.ID, "Ann Other"))
		expect("a new name", lanes, "2 [More bus lanes. by Ann Other [Safety] Protected lanes please. by Ann Other []]")
		must(t, b.SetCommentThemes(ctx, analyst, second.ID, nil))
		expect("a tag taken off", lanes, "2 [More bus lanes. by Ann Other [] Protected lanes please. by Ann Other []]")
		if _, err := stB.WithdrawComment(ctx, second.ID, author.ID); err != nil {
			t.Fatal(err)
		}
		expect("a withdrawal", lanes, "1 [Protected lanes please. by Ann Other []]")
		must(t, stB.DB.Delete(first).Error)
		expect("a deletion", lanes, "0 []")

		for i := range 3 {
			f.Comment(author, "Keep the library open.", func(cm *model.Comment) { cm.SubmissionToken = fmt.Sprint("letter", i) })
		}
		if res := search(a, consult.SearchQuery{Q: "library"}); len(res.Hits) != 3 {
			t.Fatalf("before detection: %d rows, want 3", len(res.Hits))
		}
		if _, err := b.Campaigns(ctx, c); err != nil {
			t.Fatal(err)
		}
		if res := search(a, consult.SearchQuery{Q: "library"}); len(res.Hits) != 1 || res.Hits[0].CampaignCount != 3 {
			t.Errorf("after detection on the other instance: %d rows, want one campaign of 3", len(res.Hits))
		}
	})
}

// TestConcurrentSearchesSeeEachCommit searches from many goroutines while
// comments are added one by one: every search begun after a comment's commit
// counts it.
func TestConcurrentSearchesSeeEachCommit(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		a, _, stB := twoInstances(t, engine)
		f := testutil.NewModerationFixture(t, stB, nil, "racing", model.PostModeration)
		author := f.User("Ann Author", "ann@example.test", model.RoleCitizen)
		analyst := &model.User{ID: 1, Role: model.RoleAnalyst}
		for n := 1; n <= 5; n++ {
			f.Comment(author, fmt.Sprint("Meadow ", n))
			var wg sync.WaitGroup
			for range 16 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					res, err := a.Search(ctx, analyst, f.Consultation, consult.SearchQuery{Q: "meadow"})
					if err != nil {
						t.Error(err)
					} else if res.Count != n {
						t.Errorf("after comment %d a search counted %d", n, res.Count)
					}
				}()
			}
			wg.Wait()
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
