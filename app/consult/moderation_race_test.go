package consult_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestDecideRace has two moderators decide the same comment at the same moment,
// many times over: exactly one decision applies, the other is told who decided
// first, and the audit log holds one entry. PostgreSQL runs it truly concurrently.
func TestDecideRace(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "race", model.PreModeration)
		alex := f.User("Alex", "alex@example.test", model.RoleModerator)
		sam := f.User("Sam", "sam@example.test", model.RoleModerator)
		author := f.User("Ann", "ann@example.test", model.RoleCitizen)
		iterations := 40
		if engine == store.SQLite {
			iterations = 10
		}
		decisions := map[*model.User]consult.Decision{
			alex: {Action: "approve"},
			sam:  {Action: "reject", Reason: "off-topic"},
		}
		for i := range iterations {
			c := f.Comment(author, "Race "+strconv.Itoa(i))
			results := map[*model.User]consult.DecideResult{}
			var mu sync.Mutex
			var wg sync.WaitGroup
			start := make(chan struct{})
			// Odd rounds: both approve, without saying what they saw; status alone guards.
			both := i%2 == 1
			for who, d := range decisions {
				if both {
					d = consult.Decision{Action: "approve"}
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					// Both saw the comment never moderated, as the queue page tells Decide.
					if !both {
						d.Seen = map[int64]time.Time{c.ID: {}}
					}
					res, err := f.Service.Decide(context.Background(), who, []int64{c.ID}, d)
					if err != nil {
						t.Errorf("%s: %v", who.DisplayName, err)
					}
					mu.Lock()
					results[who] = res
					mu.Unlock()
				}()
			}
			close(start)
			wg.Wait()
			checkRace(t, f, c.ID, results)
		}
	})
}

func checkRace(t *testing.T, f *testutil.ModerationFixture, id int64, results map[*model.User]consult.DecideResult) {
	t.Helper()
	var winner, loser *model.User
	for who, res := range results {
		switch {
		case len(res.Applied) == 1 && len(res.Refused) == 0:
			if winner != nil {
				t.Fatalf("comment %d: both moderators' decisions applied", id)
			}
			winner = who
		case len(res.Refused) == 1:
			loser = who
		}
	}
	if winner == nil || loser == nil {
		t.Fatalf("comment %d: results %+v, want one applied and one refused", id, results)
	}
	r := results[loser].Refused[0]
	got := f.Reload(id)
	if r.By != winner.DisplayName || r.Status != got.Status || r.At == nil {
		t.Errorf("refusal %+v, want decided by %s to %s", r, winner.DisplayName, got.Status)
	}
	var entries int64
	f.Store.DB.Model(&model.AuditEntry{}).Where("target_type = 'comment' AND target_id = ?", strconv.FormatInt(id, 10)).Count(&entries)
	if entries != 1 {
		t.Errorf("comment %d: %d audit entries, want 1", id, entries)
	}
}
