package store

import (
	"context"

	"pilcrow/app/model"
)

// PublicParagraphStances counts, by paragraph and stance, only the comments the
// public may read: approved, and published with or without a name.
func (s *Store) PublicParagraphStances(ctx context.Context, consultationID int64) ([]ParagraphStance, error) {
	var out []ParagraphStance
	err := s.DB.WithContext(ctx).Raw(`SELECT paragraph_key AS key, stance, COUNT(*) AS count
		FROM comments WHERE consultation_id = ? AND paragraph_key <> '' AND status = ? AND publish IN ?
		GROUP BY paragraph_key, stance`, consultationID, model.CommentApproved,
		[]model.Publish{model.PublishName, model.PublishAnonymous}).Scan(&out).Error
	return out, err
}
