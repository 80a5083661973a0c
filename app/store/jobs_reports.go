package store

import (
	"context"

	"pilcrow/app/model"
)

// NewestFinishedJob returns, with its result, the newest finished job of the
// kind whose parameters start with prefix (such as a consultation's id), so a
// download can serve the last report made without starting another.
func (s *Store) NewestFinishedJob(ctx context.Context, kind, prefix string) (*model.Job, error) {
	var j model.Job
	err := s.DB.WithContext(ctx).Where("kind = ? AND status = ? AND substr(params, 1, ?) = ?",
		kind, JobDone, len(prefix), prefix).Order("id DESC").Take(&j).Error
	return &j, notFound(err)
}

// RecentJobsOfKinds lists the newest jobs of any of the kinds, without results.
func (s *Store) RecentJobsOfKinds(ctx context.Context, kinds []string, limit int) ([]model.Job, error) {
	var js []model.Job
	err := s.DB.WithContext(ctx).Select(jobColumns).Where("kind IN ?", kinds).
		Order("id DESC").Limit(limit).Find(&js).Error
	return js, err
}
