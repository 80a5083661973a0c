package store

import (
	"context"
	"time"

	"pilcrow/app/model"
)

// CreateOfflineUser makes the account that holds a response an official
// entered: provider model.ProviderOffline, a random subject that no sign-in
// can present, no email and the citizen role.
func (s *Store) CreateOfflineUser(ctx context.Context, name, subject string) (*model.User, error) {
	now := time.Now().UTC()
	u := &model.User{Provider: model.ProviderOffline, Subject: subject, DisplayName: name,
		Role: model.RoleCitizen, CreatedAt: now, UpdatedAt: now}
	return u, s.DB.WithContext(ctx).Create(u).Error
}

// InsertOfflineResponse records what the official knows about a response.
func (s *Store) InsertOfflineResponse(ctx context.Context, r *model.OfflineResponse) error {
	r.CreatedAt = time.Now().UTC()
	return s.DB.WithContext(ctx).Create(r).Error
}

// OfflineRespondentOf reports whether userID holds a response entered for the
// consultation, so that a further response from the same person may join it.
func (s *Store) OfflineRespondentOf(ctx context.Context, consultationID, userID int64) (bool, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&model.OfflineResponse{}).
		Where("consultation_id = ? AND user_id = ?", consultationID, userID).Count(&n).Error
	return n > 0, err
}

// OfflineRow is an entered response as the officials' list shows it.
type OfflineRow struct {
	model.OfflineResponse `gorm:"embedded"`
	Name                  string // the respondent's
	EnteredByName         string
	Status                model.CommentStatus // "" for an answer without text
	ParagraphKey          string
}

// OfflineResponses lists the responses entered for a consultation, newest first.
func (s *Store) OfflineResponses(ctx context.Context, consultationID int64) ([]OfflineRow, error) {
	var rows []OfflineRow
	err := s.DB.WithContext(ctx).Table("offline_responses AS o").
		Select(`o.*, u.display_name AS name, COALESCE(e.display_name, '') AS entered_by_name,
			COALESCE(c.status, '') AS status, COALESCE(c.paragraph_key, o.question_key) AS paragraph_key`).
		Joins("JOIN users u ON u.id = o.user_id").
		Joins("LEFT JOIN users e ON e.id = o.entered_by").
		Joins("LEFT JOIN comments c ON c.id = o.comment_id").
		Where("o.consultation_id = ?", consultationID).Order("o.id DESC").Limit(500).Scan(&rows).Error
	return rows, err
}
