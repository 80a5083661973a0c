package store

import (
	"context"

	"pilcrow/app/model"
)

// CommentCounts returns how many public comments each block of a consultation
// has, replies included, keyed by paragraph key ("" is the whole document). It
// is one grouped query, so a page of any length costs the same.
func (s *Store) CommentCounts(ctx context.Context, consultationID int64) (map[string]int, error) {
	var rows []struct {
		ParagraphKey string
		N            int
	}
	err := s.DB.WithContext(ctx).Model(&model.Comment{}).
		Select("paragraph_key, COUNT(*) AS n").
		Where("consultation_id = ? AND status = ? AND publish IN ?", consultationID,
			model.CommentApproved, []model.Publish{model.PublishName, model.PublishAnonymous}).
		Group("paragraph_key").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	counts := make(map[string]int, len(rows))
	for _, r := range rows {
		counts[r.ParagraphKey] = r.N
	}
	return counts, nil
}

// SeedComments inserts comments exactly as given, for the demo and benchmarks,
// bypassing the rules a citizen's comment goes through; it bumps the revision
// of every consultation touched so cached counts go stale.
func (s *Store) SeedComments(ctx context.Context, comments []model.Comment) error {
	if len(comments) == 0 {
		return nil
	}
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.DB.CreateInBatches(comments, 500).Error; err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, c := range comments {
			if !seen[c.ConsultationID] {
				seen[c.ConsultationID] = true
				if err := tx.BumpRevision(ctx, c.ConsultationID); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
