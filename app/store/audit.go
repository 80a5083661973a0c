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
