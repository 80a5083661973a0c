// Package jobs runs background work, such as long reports, on every instance:
// each claims queued jobs from the database under a lease, records progress, and
// stores the result there, so any instance can serve it and a job whose instance
// died is picked up again once its lease runs out.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Handler does one kind of job: it fills job.Result, Filename and ContentType,
// and may call progress as it goes.
type Handler func(ctx context.Context, job *model.Job, progress func(done, total int)) error

// Defaults of a Runner.
const (
	DefaultLease  = 2 * time.Minute
	DefaultPoll   = 2 * time.Second
	progressEvery = time.Second        // at most one progress write per second
	keepResults   = 7 * 24 * time.Hour // finished jobs and their files are kept a week
	sweepEvery    = time.Hour
)

// Runner claims and runs jobs. Build one with New, Register handlers, then Start
// it or call RunOnce.
type Runner struct {
	Store *store.Store
	Log   *slog.Logger
	Now   func() time.Time
	Lease time.Duration // how long a claim lasts without a progress update
	Poll  time.Duration // how often an idle worker looks for work
	// Caches are kinds of rows that hold cached results rather than files people
	// asked for; they are swept after an hour.
	Caches []string

	handlers  map[string]Handler
	schedules []schedule
	stop      context.CancelFunc
	done      chan struct{}
	mu        sync.Mutex
}

// New returns a runner with the default lease and polling period.
func New(st *store.Store, log *slog.Logger) *Runner {
	return &Runner{Store: st, Log: log, Now: time.Now, Lease: DefaultLease, Poll: DefaultPoll, handlers: map[string]Handler{}}
}

// Register sets the handler of a kind of job.
func (r *Runner) Register(kind string, h Handler) { r.handlers[kind] = h }

// RunOnce claims one job and runs it to the end. It reports whether there was a
// job; a job that fails is recorded as failed and is not an error of RunOnce.
func (r *Runner) RunOnce(ctx context.Context) (bool, error) {
	job, err := r.Store.ClaimJob(ctx, r.Now(), r.Lease)
	if err != nil || job == nil {
		return false, err
	}
	h, ok := r.handlers[job.Kind]
	if !ok {
		return true, r.Store.FailJob(ctx, job.ID, "no handler for jobs of kind "+job.Kind, r.Now())
	}
	// The job's outcome is written even when the runner is stopping: the work
	// is done, or must be handed back.
	after := context.WithoutCancel(ctx)
	if err := r.run(ctx, h, job); err != nil {
		if ctx.Err() != nil {
			// Shutting down: give the job back so that another instance takes
			// it now rather than when its lease runs out. If this write fails
			// too, the lease still hands it on later.
			rctx, cancel := context.WithTimeout(after, 5*time.Second)
			defer cancel()
			if rerr := r.Store.ReleaseJob(rctx, job.ID); rerr != nil {
				r.Log.Warn("job release", "job", job.ID, "error", rerr)
			}
			return true, ctx.Err()
		}
		r.Log.Error("job failed", "job", job.ID, "kind", job.Kind, "error", err)
		return true, r.Store.FailJob(after, job.ID, failureMessage(err), r.Now())
	}
	return true, r.Store.FinishJob(after, job, r.Now())
}

// run calls the handler, turning a panic into an error so that one bad report
// cannot take the instance down.
func (r *Runner) run(ctx context.Context, h Handler, job *model.Job) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if perr, ok := p.(error); ok && ctx.Err() != nil && errors.Is(perr, ctx.Err()) {
				err = perr
				return
			}
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	var last time.Time
	progress := func(done, total int) {
		if err := ctx.Err(); err != nil {
			// Shutting down: stop a long handler at its next step rather than
			// hold up the shutdown; the recover above turns this into an error.
			panic(err)
		}
		now := r.Now()
		if now.Sub(last) < progressEvery && done < total {
			return
		}
		last = now
		job.Progress, job.Total = done, total
		if err := r.Store.JobProgress(ctx, job.ID, done, total, now.Add(r.Lease)); err != nil {
			r.Log.Warn("job progress", "job", job.ID, "error", err)
		}
	}
	return h(ctx, job, progress)
}

// failureMessage is what the person sees of a failure: the domain errors they can
// act on, otherwise a plain sentence; details go to the log only.
func failureMessage(err error) string {
	switch {
	case errors.Is(err, model.ErrNotFound):
		return "The consultation no longer exists."
	case store.IsUnavailable(err):
		return "The database could not be reached. Try again in a few minutes."
	}
	return "Something went wrong while making the file. Try again, and contact the team that runs this service if it happens again."
}

// Start runs the worker loop in the background until Stop.
func (r *Runner) Start(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stop != nil {
		return
	}
	ctx, r.stop = context.WithCancel(ctx)
	r.done = make(chan struct{})
	go r.loop(ctx)
}

// Stop ends the loop and waits for the job in hand, which is cut short at its
// next progress step and given back to the queue for another instance.
func (r *Runner) Stop() {
	r.mu.Lock()
	stop, done := r.stop, r.done
	r.stop = nil
	r.mu.Unlock()
	if stop == nil {
		return
	}
	stop()
	<-done
}

// sweep deletes old results: files after a week, and caches, such as campaign
// detection, whose kind is listed in Caches, after an hour.
func (r *Runner) sweep(ctx context.Context, now time.Time) {
	_, err := r.Store.DeleteJobsBefore(ctx, "", now.Add(-keepResults))
	for _, kind := range r.Caches {
		if err == nil {
			_, err = r.Store.DeleteJobsBefore(ctx, kind, now.Add(-time.Hour))
		}
	}
	if err != nil && ctx.Err() == nil {
		r.Log.Warn("job sweep", "error", err)
	}
}

// loop runs jobs while there are some, then waits Poll before looking again.
func (r *Runner) loop(ctx context.Context) {
	defer close(r.done)
	var lastSweep time.Time
	for ctx.Err() == nil {
		ran, err := r.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			r.Log.Warn("job worker", "error", err)
		}
		if r.Now().Sub(lastSweep) > sweepEvery {
			lastSweep = r.Now()
			r.sweep(ctx, lastSweep)
			r.RunSchedules(ctx)
		}
		if ran && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-time.After(r.Poll):
		}
	}
}
