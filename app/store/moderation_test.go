package store_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestQueueKeyset pages through queues with many comments sharing a timestamp
// and checks there are no duplicates or gaps, with each filter.
func TestQueueKeyset(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "keyset", model.PreModeration)
		other := testutil.NewModerationFixture(t, st, f.Service, "other", model.PreModeration)
		author := f.User("Ann", "ann@example.test", model.RoleCitizen)
		base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		bodies := []string{"Plain text", "100% agree", "snake_case words", "BIKE lanes please", `back\slash`}
		want := map[string][]int64{}
		for i := range 53 {
			fx, status, flags := f, model.CommentPending, 0
			switch {
			case i%11 == 0:
				fx = other
			case i%7 == 0:
				status = model.CommentApproved
			}
			if i%5 == 0 {
				flags = 2
			}
			para := fx.Paragraph(i % 2).Key
			c := fx.Comment(author, bodies[i%len(bodies)], func(c *model.Comment) {
				// Groups of four share a creation time, so the id must break ties.
				c.CreatedAt, c.Status, c.FlagCount, c.ParagraphKey = base.Add(time.Duration(i/4)*time.Second), status, flags, para
			})
			if status == model.CommentPending {
				want["pending"] = append(want["pending"], c.ID)
				if fx == f {
					want["consultation"] = append(want["consultation"], c.ID)
					if para == f.Paragraph(1).Key {
						want["paragraph"] = append(want["paragraph"], c.ID)
					}
				}
				if i%len(bodies) == 1 {
					want["percent"] = append(want["percent"], c.ID)
				}
				if i%len(bodies) == 2 {
					want["underscore"] = append(want["underscore"], c.ID)
				}
				if i%len(bodies) == 3 {
					want["bike"] = append(want["bike"], c.ID)
				}
			}
			if flags > 0 {
				want["flagged"] = append(want["flagged"], c.ID)
			}
		}
		filters := map[string]store.QueueFilter{
			"pending":      {Queue: store.QueuePending},
			"flagged":      {Queue: store.QueueFlagged},
			"consultation": {Queue: store.QueuePending, ConsultationID: f.Consultation.ID},
			"paragraph":    {Queue: store.QueuePending, ConsultationID: f.Consultation.ID, ParagraphKey: f.Paragraph(1).Key},
			"percent":      {Queue: store.QueuePending, Query: "100%"},
			"bike":         {Queue: store.QueuePending, Query: "bike LANES"},
			"underscore":   {Queue: store.QueuePending, Query: "snake_case"},
			"wildcard":     {Queue: store.QueuePending, Query: "s_a"}, // whole words only: "snake" must not match
		}
		for name, filter := range filters {
			t.Run(name, func(t *testing.T) {
				got := pageThrough(t, st, filter, 4)
				if !slices.Equal(got, want[name]) {
					t.Errorf("ids = %v\nwant %v", got, want[name])
				}
				n, err := st.CountQueue(context.Background(), filter)
				if err != nil || n != len(want[name]) {
					t.Errorf("count = %d, %v; want %d", n, err, len(want[name]))
				}
			})
		}
	})
}

func pageThrough(t *testing.T, st *store.Store, f store.QueueFilter, size int) []int64 {
	t.Helper()
	var ids []int64
	f.Limit = size
	for range 100 {
		page, err := st.QueueComments(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page {
			ids = append(ids, c.ID)
		}
		if len(page) < size {
			return ids
		}
		last := page[len(page)-1]
		f.After = &store.QueueCursor{CreatedAt: last.CreatedAt, ID: last.ID}
	}
	t.Fatalf("paging never ended: %v", ids)
	return nil
}

// TestModerationSummary counts by state per consultation in one query.
func TestModerationSummary(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "summary", model.PreModeration)
		author := f.User("Ann", "ann@example.test", model.RoleCitizen)
		oldest := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		for i, st := range []model.CommentStatus{"pending", "pending", "approved", "approved", "approved", "rejected", "withdrawn"} {
			f.Comment(author, "c"+strconv.Itoa(i), func(c *model.Comment) {
				c.Status, c.CreatedAt = st, oldest.Add(time.Duration(i)*time.Hour)
				if i == 2 {
					c.FlagCount = 1
				}
			})
		}
		got, err := st.ModerationSummary(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		n := got[f.Consultation.ID]
		if n.Pending != 2 || n.Approved != 3 || n.Rejected != 1 || n.Flagged != 1 || !n.OldestPending.Valid || !n.OldestPending.Time.Equal(oldest) {
			t.Errorf("summary = %+v", n)
		}
	})
}
