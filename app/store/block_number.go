package store

import (
	"context"

	"pilcrow/app/model"
)

// BlockByNumber returns one block of a version by the number people see beside it.
func (s *Store) BlockByNumber(ctx context.Context, versionID int64, number int) (*model.Block, error) {
	var b model.Block
	err := s.DB.WithContext(ctx).Where("version_id = ? AND number = ?", versionID, number).Take(&b).Error
	return &b, notFound(err)
}
