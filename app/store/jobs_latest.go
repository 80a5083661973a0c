package store

import (
	"context"

	"pilcrow/app/model"
)

// LatestDoneJobID returns the id of the newest finished job of the kind whose
// parameters start with prefix, or 0 when there is none.
func (s *Store) LatestDoneJobID(ctx context.Context, kind, prefix string) (int64, error) {
	var ids []int64
	err := s.DB.WithContext(ctx).Model(&model.Job{}).
		Where("kind = ? AND status = ? AND params LIKE ? ESCAPE '\\'", kind, JobDone, EscapeLike(prefix)+"%").
		Order("id DESC").Limit(1).Pluck("id", &ids).Error
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}
