package store

import (
	"context"
	"math/rand/v2"
	"time"
)

// Hit counts one event against key in the current fixed window of the given
// length and reports whether it is within limit; when it is not, retryAfter is
// how long until the window ends. The counter lives in the database, so every
// instance shares it, and one upsert statement counts atomically on both engines.
func (s *Store) Hit(ctx context.Context, key string, window time.Duration, limit int) (allowed bool, retryAfter time.Duration, err error) {
	now := time.Now().UTC()
	start := now.Truncate(window)
	var count int
	err = s.DB.WithContext(ctx).Raw(
		`INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
		 ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
		 RETURNING count`, key, start).Scan(&count).Error
	if err != nil {
		return false, 0, err
	}
	if count == 1 && rand.IntN(200) == 0 {
		// Now and then, the first hit of a window clears windows long past, so the
		// table stays small without a scheduled job.
		s.DB.WithContext(ctx).Exec("DELETE FROM rate_limits WHERE window_start < ?", now.Add(-48*time.Hour))
	}
	if count > limit {
		return false, start.Add(window).Sub(now), nil
	}
	return true, 0, nil
}
