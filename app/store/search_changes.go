package store

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// SearchMarkMaxAge is how long a mark of SearchChanged stays comparable: an
// older one reads as changed. PurgeExpired keeps PostgreSQL's change log for a
// day, far longer, so every change a comparable mark has not seen is still in it.
const SearchMarkMaxAge = time.Hour

// SearchChanged reports whether a consultation's search results may have
// changed since mark, an earlier answer of SearchChanged, and returns the mark
// of now. A result computed after a call began shows every change that the
// next call, given the mark returned, would not report. An empty mark, or one
// older than SearchMarkMaxAge, is always changed.
//
// Triggers (migration 00110) record every change to a consultation's comments,
// themes and tags, and to anyone's name, in the transaction that makes it. On
// PostgreSQL they log the change with its transaction, and the mark holds the
// snapshot of the call: a change is new to a mark when its transaction is one
// that snapshot did not see. Rows are only appended, so concurrent writers
// never queue for one another. On SQLite, whose writers commit one at a time,
// they count changes per consultation and the mark holds the count.
func (s *Store) SearchChanged(ctx context.Context, consultationID int64, mark string) (bool, string, error) {
	taken := time.Now()
	stamp := strconv.FormatInt(taken.UnixNano(), 10) + " "
	at, since, _ := strings.Cut(mark, " ")
	nanos, err := strconv.ParseInt(at, 10, 64)
	if err != nil || taken.Sub(time.Unix(0, nanos)) >= SearchMarkMaxAge {
		since = ""
	}
	db := s.DB.WithContext(ctx)
	if s.Engine == Postgres {
		var row struct {
			Now     string
			Changed bool
		}
		if since == "" {
			err := db.Raw("SELECT pg_current_snapshot()::text AS now").Scan(&row).Error
			return true, stamp + row.Now, err
		}
		// One statement, so the snapshot returned is the one the log was read in.
		// Changes older than the mark's oldest running transaction are all in it.
		err := db.Raw(`SELECT pg_current_snapshot()::text AS now, EXISTS (
			SELECT 1 FROM search_changes WHERE consultation_id IN (?, 0)
			AND xid >= pg_snapshot_xmin(CAST(? AS pg_snapshot))
			AND NOT pg_visible_in_snapshot(xid, CAST(? AS pg_snapshot))) AS changed`,
			consultationID, since, since).Scan(&row).Error
		return row.Changed, stamp + row.Now, err
	}
	var count int64
	err = db.Raw("SELECT COALESCE(SUM(version), 0) FROM search_versions WHERE consultation_id IN (?, 0)",
		consultationID).Scan(&count).Error
	now := strconv.FormatInt(count, 10)
	return since == "" || since != now, stamp + now, err
}
