package store

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Counter is one rate limit to count an action against: a key (who, what) and a
// fixed window of the given length in which at most Limit actions are allowed.
type Counter struct {
	Key    string
	Window time.Duration
	Limit  int
}

// Hit counts one event against key in the current fixed window of the given
// length and reports whether it is within limit; when it is not, retryAfter is
// how long until the window ends. The counter lives in the database, so every
// instance shares it, and one upsert statement counts atomically on both engines.
func (s *Store) Hit(ctx context.Context, key string, window time.Duration, limit int) (allowed bool, retryAfter time.Duration, err error) {
	return s.HitAll(ctx, []Counter{{Key: key, Window: window, Limit: limit}})
}

// HitAll counts one event against every counter in a single statement and
// reports whether all of them are within their limits; retryAfter is the longest
// wait among those exceeded. On PostgreSQL the counters are written without
// waiting for the disk: losing the last few counts in a crash is harmless, and it
// keeps a busy shared counter (one client address) from queueing every request
// behind a flush.
func (s *Store) HitAll(ctx context.Context, counters []Counter) (allowed bool, retryAfter time.Duration, err error) {
	now := time.Now().UTC()
	// Rows are locked in key order, so two requests counting the same keys can
	// never wait for each other in a cycle.
	counters = slices.SortedFunc(slices.Values(counters), func(a, b Counter) int { return strings.Compare(a.Key, b.Key) })
	values := make([]string, len(counters))
	args := make([]any, 0, 2*len(counters))
	for i, c := range counters {
		values[i] = "(?, ?, 1)"
		args = append(args, c.Key, now.Truncate(c.Window))
	}
	q := `INSERT INTO rate_limits (key, window_start, count) VALUES ` + strings.Join(values, ", ")
	if s.Engine == Postgres {
		// One statement, so the shared row is locked only while it runs; the CTE
		// turns off the wait for the disk for this statement's own transaction.
		for i := range values {
			values[i] = "(?::text, ?::timestamptz)"
		}
		q = `WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
			INSERT INTO rate_limits (key, window_start, count)
			SELECT t.k, t.w, 1 FROM (VALUES ` + strings.Join(values, ", ") + `) AS t(k, w) CROSS JOIN async ORDER BY t.k`
	}
	q += ` ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING key, count`
	var rows []struct {
		Key   string
		Count int
	}
	err = s.DB.WithContext(ctx).Raw(q, args...).Scan(&rows).Error
	if err != nil {
		return false, 0, err
	}
	counts := make(map[string]int, len(rows))
	for _, r := range rows {
		counts[r.Key] = r.Count
	}
	allowed = true
	for _, c := range counters {
		n := counts[c.Key]
		if n == 1 && rand.IntN(500) == 0 {
			// Now and then the first hit of a window clears windows long past, so
			// the table stays small without a scheduled job.
			s.DB.WithContext(ctx).Exec("DELETE FROM rate_limits WHERE window_start < ?", now.Add(-48*time.Hour))
		}
		if n > c.Limit {
			allowed = false
			retryAfter = max(retryAfter, now.Truncate(c.Window).Add(c.Window).Sub(now))
		}
	}
	return allowed, retryAfter, nil
}
