package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pilcrow/app/model"
)

// AddFlag records one citizen's report of a comment and raises its flag count in
// the same transaction, so the count always equals the flags stored. A second
// report by the same citizen is model.ErrConflict. When the count reaches
// threshold, an approved comment goes back to pending; reopened says so.
func (s *Store) AddFlag(ctx context.Context, f *model.Flag, threshold int) (reopened bool, err error) {
	f.CreatedAt = time.Now().UTC()
	err = s.Tx(ctx, func(tx *Store) error {
		res := tx.DB.Clauses(clause.OnConflict{
			Columns: []clause.Column{{Name: "comment_id"}, {Name: "user_id"}}, DoNothing: true,
		}).Create(f)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return model.ErrConflict
		}
		var c model.Comment
		if err := tx.DB.Model(&model.Comment{}).Where("id = ?", f.CommentID).
			Update("flag_count", gorm.Expr("flag_count + 1")).Error; err != nil {
			return err
		}
		if err := tx.DB.Take(&c, f.CommentID).Error; err != nil {
			return notFound(err)
		}
		if c.FlagCount < threshold || c.Status != model.CommentApproved {
			return nil
		}
		reopened = true
		if err := tx.DB.Model(&model.Comment{}).Where("id = ?", c.ID).Updates(map[string]any{
			"status": model.CommentPending, "held_reason": "flagged", "updated_at": f.CreatedAt,
		}).Error; err != nil {
			return err
		}
		return tx.BumpRevision(ctx, c.ConsultationID)
	})
	return reopened, err
}

// HasFlagged reports whether the citizen already reported the comment.
func (s *Store) HasFlagged(ctx context.Context, commentID, userID int64) (bool, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&model.Flag{}).
		Where("comment_id = ? AND user_id = ?", commentID, userID).Count(&n).Error
	return n > 0, err
}

// UserFlags returns every report the citizen made, for their data download.
func (s *Store) UserFlags(ctx context.Context, userID int64) ([]model.Flag, error) {
	var fs []model.Flag
	err := s.DB.WithContext(ctx).Where("user_id = ?", userID).Order("id").Find(&fs).Error
	return fs, err
}
