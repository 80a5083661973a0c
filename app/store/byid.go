package store

import (
	"context"

	"gorm.io/gorm"

	"pilcrow/app/model"
)

// byID loads the rows with the ids in one query and indexes them by id, for pages
// that show a list with its context and must not query once per item.
func byID[T any](ctx context.Context, db *gorm.DB, ids []int64, id func(T) int64) (map[int64]T, error) {
	out := make(map[int64]T, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []T
	err := db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error
	for _, r := range rows {
		out[id(r)] = r
	}
	return out, err
}

// UsersByID loads accounts by id.
func (s *Store) UsersByID(ctx context.Context, ids []int64) (map[int64]model.User, error) {
	return byID(ctx, s.DB, ids, func(u model.User) int64 { return u.ID })
}

// CommentsByID loads comments by id.
func (s *Store) CommentsByID(ctx context.Context, ids []int64) (map[int64]model.Comment, error) {
	return byID(ctx, s.DB, ids, func(c model.Comment) int64 { return c.ID })
}

// ConsultationsByID loads consultations by id.
func (s *Store) ConsultationsByID(ctx context.Context, ids []int64) (map[int64]model.Consultation, error) {
	return byID(ctx, s.DB, ids, func(c model.Consultation) int64 { return c.ID })
}
