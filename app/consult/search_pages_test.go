package consult_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestSearchPagesAndCount: one query gives a page and the count above it; the
// count stops past SearchCountCap and stays the same on later pages; pages
// meet without gaps or repeats; only staff who may search can.
func TestSearchPagesAndCount(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "pages", model.PostModeration)
		ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
		base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		var rows []model.Comment
		for i := range consult.SearchCountCap + 5 {
			body := fmt.Sprintf("Hedge number %d", i)
			if i%10 == 0 {
				body = fmt.Sprintf("Hedge and meadow %d", i)
			}
			rows = append(rows, model.Comment{ConsultationID: f.Consultation.ID, VersionID: f.Version.ID, UserID: ann.ID,
				Body: body, RespondingAs: "individual", Publish: model.PublishName, Status: model.CommentApproved,
				SubmissionToken: fmt.Sprint("p", i), CreatedAt: base.Add(time.Duration(i%7) * time.Hour), UpdatedAt: base})
		}
		if err := st.DB.CreateInBatches(rows, 200).Error; err != nil {
			t.Fatal(err)
		}
		reports := newReports(st)
		analyst := &model.User{ID: 1, Role: model.RoleAnalyst}
		if _, err := reports.Search(ctx, &model.User{ID: 2, Role: model.RoleCitizen}, f.Consultation, consult.SearchQuery{}); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("a citizen searched: %v", err)
		}

		res, err := reports.Search(ctx, analyst, f.Consultation, consult.SearchQuery{Q: "hedge"})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Capped || res.Count != consult.SearchCountCap || len(res.Hits) != consult.SearchPageSize || res.Next == "" {
			t.Errorf("first page: count %d capped %v, %d hits, next %q", res.Count, res.Capped, len(res.Hits), res.Next)
		}

		seen := map[int64]bool{}
		q := consult.SearchQuery{Q: "meadow"}
		pages := 0
		for {
			res, err := reports.Search(ctx, analyst, f.Consultation, q)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			if want := (consult.SearchCountCap + 5 + 9) / 10; res.Count != want || res.Capped {
				t.Errorf("page %d: count %d (capped %v), want %d", pages, res.Count, res.Capped, want)
			}
			for i, h := range res.Hits {
				if seen[h.ID] {
					t.Errorf("comment %d shown twice", h.ID)
				}
				seen[h.ID] = true
				if i > 0 {
					prev := res.Hits[i-1]
					if h.CreatedAt.After(prev.CreatedAt) || (h.CreatedAt.Equal(prev.CreatedAt) && h.ID > prev.ID) {
						t.Errorf("page %d not newest first at %d", pages, i)
					}
				}
			}
			if res.Next == "" || pages > 10 {
				break
			}
			q.After = res.Next
		}
		if want := (consult.SearchCountCap + 5 + 9) / 10; len(seen) != want || pages != (want+consult.SearchPageSize-1)/consult.SearchPageSize {
			t.Errorf("%d comments over %d pages, want %d", len(seen), pages, want)
		}
	})
}
