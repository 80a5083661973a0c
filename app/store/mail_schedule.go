package store

import (
	"context"
	"time"

	"pilcrow/app/model"
)

// ClosingSoon lists the consultations open at now that close before until.
func (s *Store) ClosingSoon(ctx context.Context, now, until time.Time) ([]model.Consultation, error) {
	var cs []model.Consultation
	err := s.DB.WithContext(ctx).Where("current_version_id IS NOT NULL AND opens_at <= ? AND closes_at > ? AND closes_at <= ?",
		now.UTC(), now.UTC(), until.UTC()).Order("id").Find(&cs).Error
	return cs, err
}

// UnfinishedRespondents lists the accounts that answered some but fewer than
// questions of the consultation's questions.
func (s *Store) UnfinishedRespondents(ctx context.Context, consultationID int64, questions int) ([]int64, error) {
	var ids []int64
	err := s.DB.WithContext(ctx).Raw(`SELECT user_id FROM answers WHERE consultation_id = ?
		GROUP BY user_id HAVING COUNT(*) < ? ORDER BY user_id`, consultationID, questions).Scan(&ids).Error
	return ids, err
}

// SummaryRecipients lists the staff accounts that asked for the daily summary.
func (s *Store) SummaryRecipients(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := s.DB.WithContext(ctx).Raw(`SELECT u.id FROM users u JOIN mail_preferences p ON p.user_id = u.id
		WHERE p.summary AND u.role IN ? AND u.blocked_at IS NULL ORDER BY u.id`,
		[]model.Role{model.RoleModerator, model.RoleAnalyst, model.RoleAdmin}).Scan(&ids).Error
	return ids, err
}

// ActivitySince counts, per consultation with any, the comments made since the
// instant and those waiting for moderation now.
func (s *Store) ActivitySince(ctx context.Context, since time.Time) ([]model.MailSummaryRow, error) {
	var rows []model.MailSummaryRow
	err := s.DB.WithContext(ctx).Raw(`SELECT c.title AS title,
		SUM(CASE WHEN m.created_at >= ? THEN 1 ELSE 0 END) AS new,
		SUM(CASE WHEN m.status = 'pending' THEN 1 ELSE 0 END) AS pending
		FROM comments m JOIN consultations c ON c.id = m.consultation_id
		WHERE m.created_at >= ? OR m.status = 'pending'
		GROUP BY c.id, c.title ORDER BY c.title`, since.UTC(), since.UTC()).Scan(&rows).Error
	return rows, err
}
