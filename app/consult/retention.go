package consult

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"pilcrow/app/store"
)

// JobRetention is the name of the daily retention task.
const JobRetention = "retention"

// Retention keeps the privacy notice's promise: once a consultation has been
// closed longer than the retention period, the personal data of its responses
// is removed (the responses and their counts stay), and expired sign-in data is
// purged. Both are idempotent, so a second run, or two instances, do no harm.
type Retention struct {
	Store *store.Store
	Log   *slog.Logger
	// Cutoff returns the instant before which a consultation must have closed
	// to be past retention at now (config.Retention.Cutoff).
	Cutoff func(now time.Time) time.Time
}

// Run does the work due at now; each consultation is erased in its own
// transaction with its own audit entry, so one failure leaves the others done.
func (r *Retention) Run(ctx context.Context, now time.Time) error {
	purgeErr := r.Store.PurgeExpired(ctx, now)
	ids, err := r.Store.ConsultationsPastRetention(ctx, r.Cutoff(now))
	if err != nil {
		return errors.Join(purgeErr, err)
	}
	var errs []error
	for _, id := range ids {
		n, err := r.Store.ErasePersonalData(ctx, id, now)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r.Log.Info("retention: personal data erased", "consultation", id, "people", n.People,
			"comments", n.Comments, "answers", n.Answers, "flags", n.Flags)
	}
	return errors.Join(append(errs, purgeErr)...)
}
