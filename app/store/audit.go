package store

import (
	"context"
	"encoding/json"
	"time"

	"pilcrow/app/model"
)

// Audit appends an entry to the audit log; before and after are stored as JSON.
// The application never updates or deletes audit entries.
func (s *Store) Audit(ctx context.Context, actorID *int64, action, targetType, targetID string, before, after any) error {
	e := model.AuditEntry{
		ActorID: actorID, Action: action, TargetType: targetType, TargetID: targetID,
		Before: toJSON(before), After: toJSON(after), CreatedAt: time.Now().UTC(),
	}
	return s.DB.WithContext(ctx).Create(&e).Error
}

func toJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// AuditFilter selects entries of the audit log; every field is optional.
type AuditFilter struct {
	ActorIDs   []int64 // nil for anyone; empty (non-nil) matches no one
	Action     string  // an action, or a prefix such as "comment."
	TargetType string
	TargetID   string
	From, To   *time.Time // From inclusive, To exclusive
	Before     *AuditCursor
	Limit      int
}

// AuditCursor is the keyset position of an entry: newest first by (created_at, id).
type AuditCursor struct {
	CreatedAt time.Time
	ID        int64
}

// AuditEntries returns a page of the log, newest first, before the cursor.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter) ([]model.AuditEntry, error) {
	q := s.DB.WithContext(ctx).Model(&model.AuditEntry{})
	if f.ActorIDs != nil {
		if len(f.ActorIDs) == 0 {
			return nil, nil
		}
		q = q.Where("actor_id IN ?", f.ActorIDs)
	}
	if f.Action != "" {
		q = q.Where(`action LIKE ? ESCAPE '\'`, EscapeLike(f.Action)+"%")
	}
	if f.TargetType != "" {
		q = q.Where("target_type = ?", f.TargetType)
	}
	if f.TargetID != "" {
		q = q.Where("target_id = ?", f.TargetID)
	}
	if f.From != nil {
		q = q.Where("created_at >= ?", f.From.UTC())
	}
	if f.To != nil {
		q = q.Where("created_at < ?", f.To.UTC())
	}
	if f.Before != nil {
		at := f.Before.CreatedAt.UTC()
		q = q.Where("(created_at < ? OR (created_at = ? AND id < ?))", at, at, f.Before.ID)
	}
	var es []model.AuditEntry
	err := q.Order("created_at DESC, id DESC").Limit(f.Limit).Find(&es).Error
	return es, err
}

// ActorsMatching returns the ids of accounts whose name or email contains q.
func (s *Store) ActorsMatching(ctx context.Context, q string, limit int) ([]int64, error) {
	pattern := containsPattern(q)
	ids := []int64{}
	err := s.DB.WithContext(ctx).Model(&model.User{}).
		Where(s.folded("display_name")+` LIKE ? ESCAPE '\' OR `+s.folded("email")+` LIKE ? ESCAPE '\'`, pattern, pattern).
		Order("id").Limit(limit).Pluck("id", &ids).Error
	return ids, err
}
