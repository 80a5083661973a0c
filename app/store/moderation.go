package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pilcrow/app/model"
)

// The moderation queues.
const (
	QueuePending = "pending"
	QueueFlagged = "flagged"
)

// QueueFilter selects and pages a moderation queue.
type QueueFilter struct {
	Queue          string // QueuePending or QueueFlagged
	ConsultationID int64  // 0 for every consultation
	ParagraphKey   string
	Status         model.CommentStatus // "" for the queue's default
	Query          string              // words and "phrases" searched in the body, through the full-text index
	After          *QueueCursor        // the last item of the previous page
	Limit          int
}

// QueueCursor is the keyset position of a queue item: oldest first by (created_at, id).
type QueueCursor struct {
	CreatedAt time.Time
	ID        int64
}

// QueueCountCap bounds the count shown above a queue, so a count never scans a
// queue of 100,000 on every page.
const QueueCountCap = 1000

// QueueComments returns one page of a queue, oldest first, after the cursor. It
// reads by keyset on the comments_queue indexes, never by OFFSET.
func (s *Store) QueueComments(ctx context.Context, f QueueFilter) ([]model.Comment, error) {
	q := s.queueWhere(s.DB.WithContext(ctx).Model(&model.Comment{}), f)
	if f.After != nil {
		q = q.Where("(created_at > ? OR (created_at = ? AND id > ?))", f.After.CreatedAt.UTC(), f.After.CreatedAt.UTC(), f.After.ID)
	}
	var cs []model.Comment
	err := q.Order("created_at, id").Limit(f.Limit).Find(&cs).Error
	return cs, err
}

// CountQueue counts a queue's items up to QueueCountCap; more reads as the cap.
func (s *Store) CountQueue(ctx context.Context, f QueueFilter) (int, error) {
	sub := s.queueWhere(s.DB.WithContext(ctx).Model(&model.Comment{}), f).Select("id").Limit(QueueCountCap + 1)
	var n int
	err := s.DB.WithContext(ctx).Table("(?) AS q", sub).Select("COUNT(*)").Scan(&n).Error
	return n, err
}

// queueWhere applies everything but the cursor. The pending queue is every comment
// of a status (pending by default); the flagged queue is flagged comments still
// pending or published, or of the status asked for.
func (s *Store) queueWhere(q *gorm.DB, f QueueFilter) *gorm.DB {
	switch {
	case f.Queue == QueueFlagged && f.Status == "":
		q = q.Where("flag_count > 0 AND status IN ?", []model.CommentStatus{model.CommentPending, model.CommentApproved})
	case f.Queue == QueueFlagged:
		q = q.Where("flag_count > 0 AND status = ?", f.Status)
	case f.Status == "":
		q = q.Where("status = ?", model.CommentPending)
	default:
		q = q.Where("status = ?", f.Status)
	}
	if f.ConsultationID != 0 {
		q = q.Where("consultation_id = ?", f.ConsultationID)
	}
	if f.ParagraphKey != "" {
		q = q.Where("paragraph_key = ?", f.ParagraphKey)
	}
	// The text filter reads the same full-text index as the analysts' search.
	return s.matchComments(q, ParseSearch(f.Query))
}

// EscapeLike makes a search text match itself literally inside a LIKE pattern.
func EscapeLike(q string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q)
}

// LockComment reads a comment for a decision inside a transaction; on PostgreSQL
// it holds the row until the transaction ends, so the audit's "before" is exact.
// SQLite transactions here already hold the database's write lock.
func (s *Store) LockComment(ctx context.Context, id int64) (*model.Comment, error) {
	q := s.DB.WithContext(ctx)
	if s.Engine == Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var c model.Comment
	err := q.Take(&c, id).Error
	return &c, notFound(err)
}

// CommentChange is a moderation decision to apply to one comment, provided the
// comment is still in a state the decision expects.
type CommentChange struct {
	ID       int64
	From     []model.CommentStatus // the statuses the decision applies to
	Flagged  map[model.CommentStatus]bool
	SeenAt   *time.Time // the moderated_at the moderator saw; nil to skip the check
	SeenNull bool       // the moderator saw a comment never moderated
	To       model.CommentStatus
	Reason   string
	Note     string
	By       int64
	At       time.Time
}

// ApplyCommentChange is the conditional UPDATE that makes moderation safe under
// concurrency: it applies only while the comment is still as the moderator saw it,
// and reports whether it did. A second moderator's update matches no row.
func (s *Store) ApplyCommentChange(ctx context.Context, ch CommentChange) (bool, error) {
	q := s.DB.WithContext(ctx).Model(&model.Comment{}).Where("id = ?", ch.ID)
	var conds []string
	var args []any
	for _, st := range ch.From {
		if ch.Flagged[st] {
			conds = append(conds, "(status = ? AND flag_count > 0)")
		} else {
			conds = append(conds, "status = ?")
		}
		args = append(args, st)
	}
	q = q.Where("("+strings.Join(conds, " OR ")+")", args...)
	switch {
	case ch.SeenNull:
		q = q.Where("moderated_at IS NULL")
	case ch.SeenAt != nil:
		q = q.Where("moderated_at = ?", ch.SeenAt.UTC())
	}
	res := q.Updates(map[string]any{
		"status": ch.To, "moderation_reason": ch.Reason, "moderation_note": ch.Note,
		"moderated_by": ch.By, "moderated_at": ch.At.UTC(), "flag_count": 0, "updated_at": ch.At.UTC(),
	})
	return res.RowsAffected == 1, res.Error
}

// DBTime scans a timestamp that SQLite returns as text when it comes out of an
// aggregate such as MIN, and PostgreSQL returns as a time.
type DBTime struct {
	Time  time.Time
	Valid bool
}

// Scan implements sql.Scanner.
func (t *DBTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*t = DBTime{}
		return nil
	case time.Time:
		*t = DBTime{Time: x.UTC(), Valid: true}
		return nil
	case []byte:
		return t.parse(string(x))
	case string:
		return t.parse(x)
	}
	return fmt.Errorf("cannot scan %T into a time", v)
}

// Value implements driver.Valuer.
func (t DBTime) Value() (driver.Value, error) {
	if !t.Valid {
		return nil, nil
	}
	return t.Time, nil
}

func (t *DBTime) parse(s string) error {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
		if v, err := time.Parse(layout, s); err == nil {
			*t = DBTime{Time: v.UTC(), Valid: true}
			return nil
		}
	}
	return fmt.Errorf("cannot parse time %q", s)
}
