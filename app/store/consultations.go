package store

import (
	"context"

	"pilcrow/app/model"
)

// PublishedConsultations returns every consultation with a published document,
// soonest closing first.
func (s *Store) PublishedConsultations(ctx context.Context) ([]model.Consultation, error) {
	var cs []model.Consultation
	err := s.DB.WithContext(ctx).Where("current_version_id IS NOT NULL").
		Order("closes_at, id").Find(&cs).Error
	return cs, err
}
