package store

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"pilcrow/app/model"
)

// CreateVersion inserts a document version with its blocks and makes it the
// consultation's current one, all in one transaction.
func (s *Store) CreateVersion(ctx context.Context, v *model.DocumentVersion, blocks []model.Block) error {
	return s.Tx(ctx, func(tx *Store) error {
		var last int
		if err := tx.DB.Model(&model.DocumentVersion{}).Where("consultation_id = ?", v.ConsultationID).
			Select("COALESCE(MAX(number), 0)").Scan(&last).Error; err != nil {
			return err
		}
		v.Number = last + 1
		if err := conflict(tx.DB.Create(v).Error); err != nil {
			return err
		}
		for i := range blocks {
			blocks[i].VersionID = v.ID
		}
		if len(blocks) > 0 {
			if err := tx.DB.CreateInBatches(blocks, 200).Error; err != nil {
				return err
			}
		}
		return tx.DB.Model(&model.Consultation{}).Where("id = ?", v.ConsultationID).
			Updates(map[string]any{"current_version_id": v.ID, "revision": gorm.Expr("revision + 1"), "updated_at": v.PublishedAt}).Error
	})
}

// Version returns a document version by id.
func (s *Store) Version(ctx context.Context, id int64) (*model.DocumentVersion, error) {
	var v model.DocumentVersion
	err := s.DB.WithContext(ctx).Take(&v, id).Error
	return &v, notFound(err)
}

// VersionByNumber returns the nth version of a consultation's document.
func (s *Store) VersionByNumber(ctx context.Context, consultationID int64, number int) (*model.DocumentVersion, error) {
	var v model.DocumentVersion
	err := s.DB.WithContext(ctx).Where("consultation_id = ? AND number = ?", consultationID, number).Take(&v).Error
	return &v, notFound(err)
}

// Versions lists a consultation's versions, newest first, without their text.
func (s *Store) Versions(ctx context.Context, consultationID int64) ([]model.DocumentVersion, error) {
	var vs []model.DocumentVersion
	err := s.DB.WithContext(ctx).Select("id, consultation_id, number, change_note, published_at, created_by").
		Where("consultation_id = ?", consultationID).Order("number DESC").Find(&vs).Error
	return vs, err
}

// Blocks returns a version's blocks in document order.
func (s *Store) Blocks(ctx context.Context, versionID int64) ([]model.Block, error) {
	var bs []model.Block
	err := s.DB.WithContext(ctx).Where("version_id = ?", versionID).Order("number").Find(&bs).Error
	return bs, err
}

// Block returns one block of a version by key.
func (s *Store) Block(ctx context.Context, versionID int64, key string) (*model.Block, error) {
	var b model.Block
	err := s.DB.WithContext(ctx).Where("version_id = ? AND key = ?", versionID, key).Take(&b).Error
	return &b, notFound(err)
}

// conflict turns a duplicate key into model.ErrConflict.
func conflict(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return model.ErrConflict
	}
	return err
}
