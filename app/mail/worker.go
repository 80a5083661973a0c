package mail

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Defaults of a Worker.
const (
	DefaultLease       = 2 * time.Minute  // longer than one SMTP conversation may take
	DefaultPoll        = 5 * time.Second  // how often an idle worker looks for mail
	DefaultBackoff     = 30 * time.Second // the first retry's wait; each next one doubles
	maxBackoff         = 6 * time.Hour
	DefaultMaxAttempts = 12 // about 32 hours of retries before giving up
)

// Worker delivers the outbox. One runs on every instance; the claim in the
// database keeps two from sending the same message.
type Worker struct {
	Store       *store.Store
	Transport   Transport
	Composer    *Composer
	Log         *slog.Logger
	Now         func() time.Time
	Lease       time.Duration
	Poll        time.Duration
	Backoff     time.Duration
	MaxAttempts int
	// Schedule, when set, runs on every tick: the reminders and daily summaries.
	Schedule func(ctx context.Context, now time.Time) error

	stop context.CancelFunc
	done chan struct{}
	mu   sync.Mutex
}

// NewWorker returns a worker with the default lease, polling and backoff.
func NewWorker(st *store.Store, t Transport, c *Composer, log *slog.Logger) *Worker {
	return &Worker{Store: st, Transport: t, Composer: c, Log: log, Now: time.Now,
		Lease: DefaultLease, Poll: DefaultPoll, Backoff: DefaultBackoff, MaxAttempts: DefaultMaxAttempts}
}

// RunOnce claims one message that is due and tries to send it. It reports
// whether there was one; a message that fails is rescheduled or given up on,
// which is not an error of RunOnce.
func (w *Worker) RunOnce(ctx context.Context) (bool, error) {
	m, err := w.Store.ClaimMail(ctx, w.Now(), w.Lease)
	if err != nil || m == nil {
		return false, err
	}
	// The outcome is recorded even when stopping: the send happened or it did not.
	after := context.WithoutCancel(ctx)
	if reason, err := w.skip(ctx, m); err != nil || reason != "" {
		if err != nil {
			return true, w.Store.RetryMail(after, m.ID, w.Now().Add(w.Backoff), "checking the recipient: "+err.Error())
		}
		return true, w.Store.FailMail(after, m.ID, reason)
	}
	msg, err := w.Composer.Compose(m)
	if err != nil {
		return true, w.Store.FailMail(after, m.ID, err.Error())
	}
	sctx, cancel := context.WithTimeout(after, w.Lease/2)
	defer cancel()
	return true, w.record(after, m, w.Transport.Send(sctx, msg))
}

// skip says why a claimed message must not go out after all: the address was
// refused for good, or the person turned this kind of mail off since.
func (w *Worker) skip(ctx context.Context, m *model.Mail) (string, error) {
	if failing, err := w.Store.MailFailing(ctx, m.Address); err != nil || failing {
		return "the address was refused earlier", err
	}
	if m.UserID == nil || m.Kind == model.MailSignIn {
		return "", nil
	}
	p, err := w.Store.MailPreferences(ctx, *m.UserID)
	if err != nil {
		return "", err
	}
	if !p.Wants(m.Kind) {
		return "unsubscribed", nil
	}
	return "", nil
}

// record writes what the send came to: sent, refused for good (the address is
// then not tried again), or tried again later with a doubling wait.
func (w *Worker) record(ctx context.Context, m *model.Mail, err error) error {
	var perm *PermanentError
	switch {
	case err == nil:
		return w.Store.MailSent(ctx, m.ID, w.Now())
	case errors.As(err, &perm):
		w.Log.Warn("mail refused", "mail", m.ID, "kind", m.Kind, "code", perm.Code)
		if rerr := w.Store.RecordMailFailure(ctx, m.Address, perm.Error()); rerr != nil {
			return rerr
		}
		return w.Store.FailMail(ctx, m.ID, perm.Error())
	case m.Attempts >= w.MaxAttempts:
		w.Log.Warn("mail given up", "mail", m.ID, "kind", m.Kind, "attempts", m.Attempts, "error", Describe(err))
		return w.Store.FailMail(ctx, m.ID, Describe(err))
	}
	w.Log.Info("mail delayed", "mail", m.ID, "kind", m.Kind, "attempts", m.Attempts, "error", Describe(err))
	return w.Store.RetryMail(ctx, m.ID, w.Now().Add(w.backoff(m.Attempts)), Describe(err))
}

// backoff is the wait after the given number of attempts: Backoff, doubled
// each time, at most six hours.
func (w *Worker) backoff(attempts int) time.Duration {
	d := w.Backoff
	for i := 1; i < attempts && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// Drain sends every message due now, for commands and tests.
func (w *Worker) Drain(ctx context.Context) error {
	for {
		ran, err := w.RunOnce(ctx)
		if err != nil || !ran {
			return err
		}
	}
}

// Start runs the delivery loop in the background until Stop.
func (w *Worker) Start(ctx context.Context) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stop != nil {
		return
	}
	ctx, w.stop = context.WithCancel(ctx)
	w.done = make(chan struct{})
	go w.loop(ctx)
}

// Stop ends the loop and waits for the message in hand.
func (w *Worker) Stop() {
	w.mu.Lock()
	stop, done := w.stop, w.done
	w.stop = nil
	w.mu.Unlock()
	if stop == nil {
		return
	}
	stop()
	<-done
}

// loop sends while there is mail due, then runs the schedule and waits Poll.
func (w *Worker) loop(ctx context.Context) {
	defer close(w.done)
	for ctx.Err() == nil {
		ran, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.Log.Warn("mail worker", "error", err)
		}
		if ran && err == nil {
			continue
		}
		w.tick(ctx)
		select {
		case <-ctx.Done():
		case <-time.After(w.Poll):
		}
	}
}

// tick gives up on messages whose sender died mid-send and runs the schedule.
func (w *Worker) tick(ctx context.Context) {
	now := w.Now()
	if n, err := w.Store.AbandonInterruptedMail(ctx, now); err != nil {
		w.Log.Warn("mail sweep", "error", err)
	} else if n > 0 {
		w.Log.Warn("mail interrupted while sending, not retried", "count", n)
	}
	if w.Schedule != nil {
		if err := w.Schedule(ctx, now); err != nil && ctx.Err() == nil {
			w.Log.Warn("mail schedule", "error", err)
		}
	}
}
