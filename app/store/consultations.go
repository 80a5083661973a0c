package store

import (
	"context"
	"time"

	"gorm.io/gorm"

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

// AllConsultations returns every consultation, drafts included, newest first.
func (s *Store) AllConsultations(ctx context.Context) ([]model.Consultation, error) {
	var cs []model.Consultation
	err := s.DB.WithContext(ctx).Order("created_at DESC, id DESC").Find(&cs).Error
	return cs, err
}

// ConsultationBySlug returns the consultation with the slug.
func (s *Store) ConsultationBySlug(ctx context.Context, slug string) (*model.Consultation, error) {
	var c model.Consultation
	err := s.DB.WithContext(ctx).Where("slug = ?", slug).Take(&c).Error
	return &c, notFound(err)
}

// Consultation returns a consultation by id.
func (s *Store) Consultation(ctx context.Context, id int64) (*model.Consultation, error) {
	var c model.Consultation
	err := s.DB.WithContext(ctx).Take(&c, id).Error
	return &c, notFound(err)
}

// CreateConsultation inserts a consultation; a taken slug is model.ErrConflict.
func (s *Store) CreateConsultation(ctx context.Context, c *model.Consultation) error {
	now := time.Now().UTC()
	c.CreatedAt, c.UpdatedAt = now, now
	return conflict(s.DB.WithContext(ctx).Create(c).Error)
}

// SaveConsultation writes every field of the consultation and bumps its revision,
// so every instance's cached pages of it go stale.
func (s *Store) SaveConsultation(ctx context.Context, c *model.Consultation) error {
	c.UpdatedAt = time.Now().UTC()
	c.Revision++
	return conflict(s.DB.WithContext(ctx).Save(c).Error)
}

// BumpRevision marks every cached public page of the consultation stale.
func (s *Store) BumpRevision(ctx context.Context, consultationID int64) error {
	return s.DB.WithContext(ctx).Model(&model.Consultation{}).Where("id = ?", consultationID).
		Update("revision", gorm.Expr("revision + 1")).Error
}

// consultationDraft reaches the draft column, which model.Consultation leaves out
// because no public page ever reads it.
type consultationDraft struct {
	DraftMarkdown string
}

// Draft returns the Markdown an admin saved but has not published, or "".
func (s *Store) Draft(ctx context.Context, consultationID int64) (string, error) {
	var d consultationDraft
	err := s.DB.WithContext(ctx).Table("consultations").Select("draft_markdown").
		Where("id = ?", consultationID).Take(&d).Error
	return d.DraftMarkdown, notFound(err)
}

// SaveDraft keeps unpublished Markdown. It leaves the revision alone: drafts are
// not public, so no cached page goes stale.
func (s *Store) SaveDraft(ctx context.Context, consultationID int64, markdown string) error {
	return s.DB.WithContext(ctx).Table("consultations").Where("id = ?", consultationID).
		Update("draft_markdown", markdown).Error
}
