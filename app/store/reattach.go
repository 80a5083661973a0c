package store

import (
	"context"

	"gorm.io/gorm"

	"pilcrow/app/model"
)

// OrphanCount is how many comments stand on a key that a version no longer has.
type OrphanCount struct {
	ParagraphKey string
	N            int
}

// OrphanedComments counts, by key, the comments of a consultation on blocks that
// the version versionID no longer has; withdrawn comments are left out.
func (s *Store) OrphanedComments(ctx context.Context, consultationID, versionID int64) ([]OrphanCount, error) {
	var rows []OrphanCount
	err := s.DB.WithContext(ctx).Model(&model.Comment{}).Select("paragraph_key, COUNT(*) AS n").
		Where("consultation_id = ? AND paragraph_key <> '' AND status <> ?", consultationID, model.CommentWithdrawn).
		Where("paragraph_key NOT IN (?)", s.DB.Model(&model.Block{}).Select("key").Where("version_id = ?", versionID)).
		Group("paragraph_key").Order("paragraph_key").Scan(&rows).Error
	return rows, err
}

// ReattachComments moves every comment on key from to key to, remembering the
// key each was written on, and returns how many moved.
func (s *Store) ReattachComments(ctx context.Context, consultationID int64, from, to string) (int64, error) {
	res := s.DB.WithContext(ctx).Model(&model.Comment{}).
		Where("consultation_id = ? AND paragraph_key = ?", consultationID, from).
		UpdateColumns(map[string]any{ // not updated_at: the comment's own words did not change
			"written_on_key": gorm.Expr("CASE WHEN written_on_key = '' THEN paragraph_key ELSE written_on_key END"),
			"paragraph_key":  to,
		})
	return res.RowsAffected, res.Error
}

// ReattachedTo returns the key that comments written on key were re-attached
// to, or "" when none were.
func (s *Store) ReattachedTo(ctx context.Context, consultationID int64, key string) (string, error) {
	var to []string
	err := s.DB.WithContext(ctx).Model(&model.Comment{}).Where("consultation_id = ? AND written_on_key = ?", consultationID, key).
		Limit(1).Pluck("paragraph_key", &to).Error
	if len(to) == 0 {
		return "", err
	}
	return to[0], err
}
