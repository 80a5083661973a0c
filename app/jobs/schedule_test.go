package jobs_test

import (
	"context"
	"testing"
	"time"

	"pilcrow/app/testutil"
)

// TestScheduledTaskRunsOncePerPeriod: two runners on one database (two
// instances) check their schedules repeatedly; the daily task runs once, with
// the runner's clock.
func TestScheduledTaskRunsOncePerPeriod(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		fixed := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
		var runs []time.Time
		task := func(_ context.Context, now time.Time) error {
			runs = append(runs, now)
			return nil
		}
		a, b := newRunner(st), newRunner(st)
		a.Now, b.Now = func() time.Time { return fixed }, func() time.Time { return fixed }
		a.Schedule("daily", 24*time.Hour, task)
		b.Schedule("daily", 24*time.Hour, task)
		for range 3 {
			a.RunSchedules(context.Background())
			b.RunSchedules(context.Background())
		}
		if len(runs) != 1 || !runs[0].Equal(fixed) {
			t.Errorf("runs %v, want one at %s", runs, fixed)
		}
	})
}
