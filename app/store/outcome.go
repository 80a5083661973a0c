package store

import (
	"context"

	"pilcrow/app/model"
)

// outcomeDraft reaches the outcome's draft column, which model.Consultation
// leaves out because no public page ever reads it.
type outcomeDraft struct {
	OutcomeDraft string
}

// OutcomeDraft returns the outcome Markdown saved but not published, or "".
func (s *Store) OutcomeDraft(ctx context.Context, consultationID int64) (string, error) {
	var d outcomeDraft
	err := s.DB.WithContext(ctx).Table("consultations").Select("outcome_draft").
		Where("id = ?", consultationID).Take(&d).Error
	return d.OutcomeDraft, notFound(err)
}

// SaveOutcomeDraft keeps outcome Markdown unpublished. The revision stays:
// no public page shows a draft.
func (s *Store) SaveOutcomeDraft(ctx context.Context, consultationID int64, markdown string) error {
	return s.DB.WithContext(ctx).Table("consultations").Where("id = ?", consultationID).
		Update("outcome_draft", markdown).Error
}

// ReplaceOutcomeSections sets the published outcome's sections by the block
// keys they link to, replacing those of an earlier publication.
func (s *Store) ReplaceOutcomeSections(ctx context.Context, consultationID int64, sections []model.OutcomeSection) error {
	db := s.DB.WithContext(ctx)
	if err := db.Where("consultation_id = ?", consultationID).Delete(&model.OutcomeSection{}).Error; err != nil {
		return err
	}
	if len(sections) == 0 {
		return nil
	}
	return db.Create(&sections).Error
}

// OutcomeSections returns the HTML of the outcome's sections that link to the
// block with key, in the outcome's order.
func (s *Store) OutcomeSections(ctx context.Context, consultationID int64, key string) ([]string, error) {
	var html []string
	err := s.DB.WithContext(ctx).Model(&model.OutcomeSection{}).
		Where("consultation_id = ? AND paragraph_key = ?", consultationID, key).
		Order("position").Pluck("html", &html).Error
	return html, err
}
