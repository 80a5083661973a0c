package jobs

import (
	"context"
	"time"
)

// Task is work done on a schedule rather than on request, given the time now.
type Task func(ctx context.Context, now time.Time) error

type schedule struct {
	name  string
	every time.Duration
	task  Task
}

// Schedule runs task once in every period of the given length (periods are
// aligned to UTC, so a day starts at midnight), on whichever instance asks
// first: the claim is a one-hit counter in the shared rate_limits table.
// Runners check their schedules hourly, with their sweep.
func (r *Runner) Schedule(name string, every time.Duration, task Task) {
	r.schedules = append(r.schedules, schedule{name: name, every: every, task: task})
}

// RunSchedules runs every scheduled task whose current period no instance has
// claimed yet. A failed task is logged and tried again next period.
func (r *Runner) RunSchedules(ctx context.Context) {
	for _, sc := range r.schedules {
		first, _, err := r.Store.Hit(ctx, "schedule:"+sc.name, sc.every, 1)
		if err != nil {
			r.Log.Warn("scheduled task claim", "task", sc.name, "error", err)
			continue
		}
		if !first {
			continue
		}
		if err := sc.task(ctx, r.Now()); err != nil && ctx.Err() == nil {
			r.Log.Error("scheduled task failed", "task", sc.name, "error", err)
		}
	}
}
