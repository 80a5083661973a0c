package store

import (
	"context"

	"pilcrow/app/model"
)

// imageColumns are a DocumentImage's columns without its bytes.
const imageColumns = "id, consultation_id, name, alt, content_type, hash, width, height, size, created_at, created_by"

// AddImage stores an image. An image of the same name uploaded before stays,
// since a published version may show it.
func (s *Store) AddImage(ctx context.Context, img *model.DocumentImage) error {
	return s.DB.WithContext(ctx).Create(img).Error
}

// Images lists the newest image of each name in a consultation, by name,
// without their bytes.
func (s *Store) Images(ctx context.Context, consultationID int64) ([]model.DocumentImage, error) {
	var imgs []model.DocumentImage
	newest := s.DB.Model(&model.DocumentImage{}).Select("MAX(id)").
		Where("consultation_id = ?", consultationID).Group("name")
	err := s.DB.WithContext(ctx).Select(imageColumns).Where("id IN (?)", newest).Order("name").Find(&imgs).Error
	return imgs, err
}

// ImageByHash returns an image with its bytes by its content address.
func (s *Store) ImageByHash(ctx context.Context, hash string) (*model.DocumentImage, error) {
	var img model.DocumentImage
	err := s.DB.WithContext(ctx).Where("hash = ?", hash).Order("id").Take(&img).Error
	return &img, notFound(err)
}

// ImageByName returns the newest image of this name in a consultation, with
// its bytes.
func (s *Store) ImageByName(ctx context.Context, consultationID int64, name string) (*model.DocumentImage, error) {
	var img model.DocumentImage
	err := s.DB.WithContext(ctx).Where("consultation_id = ? AND name = ?", consultationID, name).
		Order("id DESC").Take(&img).Error
	return &img, notFound(err)
}

// attachmentColumns are an Attachment's columns without its bytes.
const attachmentColumns = "id, consultation_id, title, file_name, content_type, kind, size, pages, hash, created_at, created_by"

// AddAttachment stores a supporting document and bumps the consultation's
// revision, since its public page lists the attachments.
func (s *Store) AddAttachment(ctx context.Context, a *model.Attachment) error {
	if err := s.DB.WithContext(ctx).Create(a).Error; err != nil {
		return err
	}
	return s.countAttachment(ctx, a.ConsultationID, 1)
}

// countAttachment keeps the consultation's attachment count and bumps its
// revision, which marks its cached public pages stale on every instance.
func (s *Store) countAttachment(ctx context.Context, consultationID int64, delta int) error {
	return s.DB.WithContext(ctx).Exec("UPDATE consultations SET revision = revision + 1, attachment_count = attachment_count + ? WHERE id = ?",
		delta, consultationID).Error
}

// Attachments lists a consultation's supporting documents in the order they
// were added, without their bytes.
func (s *Store) Attachments(ctx context.Context, consultationID int64) ([]model.Attachment, error) {
	var as []model.Attachment
	err := s.DB.WithContext(ctx).Select(attachmentColumns).Where("consultation_id = ?", consultationID).
		Order("id").Find(&as).Error
	return as, err
}

// Attachment returns one supporting document of a consultation with its bytes.
func (s *Store) Attachment(ctx context.Context, consultationID, id int64) (*model.Attachment, error) {
	var a model.Attachment
	err := s.DB.WithContext(ctx).Where("consultation_id = ? AND id = ?", consultationID, id).Take(&a).Error
	return &a, notFound(err)
}

// DeleteAttachment removes a supporting document.
func (s *Store) DeleteAttachment(ctx context.Context, consultationID, id int64) error {
	res := s.DB.WithContext(ctx).Where("consultation_id = ? AND id = ?", consultationID, id).Delete(&model.Attachment{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return model.ErrNotFound
	}
	return s.countAttachment(ctx, consultationID, -1)
}
