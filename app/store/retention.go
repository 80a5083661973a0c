package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"time"

	"pilcrow/app/model"
)

// ErasedCounts says what erasing one consultation's personal data touched.
type ErasedCounts struct {
	People   int   `json:"people"`
	Comments int64 `json:"comments"`
	Answers  int64 `json:"answers"`
	Flags    int64 `json:"flags"`
}

// ConsultationsPastRetention returns the ids of consultations that closed before
// cutoff and whose personal data is still held.
func (s *Store) ConsultationsPastRetention(ctx context.Context, cutoff time.Time) ([]int64, error) {
	var ids []int64
	err := s.DB.WithContext(ctx).Model(&model.Consultation{}).
		Where("closes_at < ? AND personal_data_erased_at IS NULL", cutoff.UTC()).Order("id").Pluck("id", &ids).Error
	return ids, err
}

// ErasePersonalData cuts a consultation's responses from the people who gave
// them, in one transaction: each respondent's comments and answers move to a
// fresh stand-in account of their own (so counts per respondent survive but
// lead to nobody), organisation names and moderators' notes to the author are
// cleared, names are no longer published, and flags, which record who reported whom and why, are deleted.
// The text of the responses and every count stay for the analysis.
func (s *Store) ErasePersonalData(ctx context.Context, consultationID int64, now time.Time) (ErasedCounts, error) {
	var n ErasedCounts
	err := s.Tx(ctx, func(tx *Store) error {
		var people []int64
		if err := tx.DB.Raw(`SELECT user_id FROM comments WHERE consultation_id = ?
			UNION SELECT user_id FROM respondents WHERE consultation_id = ?
			UNION SELECT user_id FROM answers WHERE consultation_id = ?
			UNION SELECT user_id FROM offline_responses WHERE consultation_id = ?`,
			consultationID, consultationID, consultationID, consultationID).Scan(&people).Error; err != nil {
			return err
		}
		flags := tx.DB.Exec(`DELETE FROM flags WHERE comment_id IN (SELECT id FROM comments WHERE consultation_id = ?)`, consultationID)
		if flags.Error != nil {
			return flags.Error
		}
		n.Flags = flags.RowsAffected
		for _, person := range people {
			if err := tx.standIn(ctx, consultationID, person, now, &n); err != nil {
				return err
			}
		}
		n.People = len(people)
		if err := tx.DB.Exec(`UPDATE consultations SET personal_data_erased_at = ?, revision = revision + 1 WHERE id = ?`,
			now.UTC(), consultationID).Error; err != nil {
			return err
		}
		return tx.Audit(ctx, nil, "retention.erase", "consultation", strconv.FormatInt(consultationID, 10), nil, n)
	})
	return n, err
}

// standIn moves one person's responses to a consultation to a new stand-in account.
func (s *Store) standIn(ctx context.Context, consultationID, userID int64, now time.Time, n *ErasedCounts) error {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	u := model.User{Provider: model.ProviderErased, Subject: hex.EncodeToString(b), Role: model.RoleCitizen,
		CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
	if err := s.DB.WithContext(ctx).Create(&u).Error; err != nil {
		return err
	}
	res := s.DB.Exec(`UPDATE comments SET user_id = ?, organisation = '', moderation_note = '',
		publish = CASE WHEN publish = ? THEN ? ELSE publish END
		WHERE consultation_id = ? AND user_id = ?`,
		u.ID, model.PublishName, model.PublishAnonymous, consultationID, userID)
	if res.Error != nil {
		return res.Error
	}
	n.Comments += res.RowsAffected
	if err := s.DB.Exec(`UPDATE respondents SET user_id = ?, organisation = '',
		publish = CASE WHEN publish = ? THEN ? ELSE publish END
		WHERE consultation_id = ? AND user_id = ?`,
		u.ID, model.PublishName, model.PublishAnonymous, consultationID, userID).Error; err != nil {
		return err
	}
	res = s.DB.Exec(`UPDATE answers SET user_id = ? WHERE consultation_id = ? AND user_id = ?`, u.ID, consultationID, userID)
	if res.Error != nil {
		return res.Error
	}
	n.Answers += res.RowsAffected
	// What an official noted to reach a person who responded by post or phone.
	if err := s.DB.Exec(`UPDATE offline_responses SET user_id = ?, contact = '' WHERE consultation_id = ? AND user_id = ?`,
		u.ID, consultationID, userID).Error; err != nil {
		return err
	}
	// An account made only to hold an offline response carries the person's
	// name and nothing else; once it holds no response, it goes.
	return s.DB.Exec(`DELETE FROM users WHERE id = ? AND provider = ?
		AND NOT EXISTS (SELECT 1 FROM comments WHERE user_id = users.id)
		AND NOT EXISTS (SELECT 1 FROM answers WHERE user_id = users.id)
		AND NOT EXISTS (SELECT 1 FROM respondents WHERE user_id = users.id)
		AND NOT EXISTS (SELECT 1 FROM offline_responses WHERE user_id = users.id)`, userID, model.ProviderOffline).Error
}

// PurgeExpired deletes what has outlived its use: expired sessions, sign-in
// states and email sign-in links, rate-limit windows that ended over a day
// ago, and on PostgreSQL the search change log's rows older than a day (no
// mark that old is compared: see SearchMarkMaxAge).
func (s *Store) PurgeExpired(ctx context.Context, now time.Time) error {
	now = now.UTC()
	type purge struct {
		sql string
		at  time.Time
	}
	purges := []purge{
		{"DELETE FROM sessions WHERE expires_at < ?", now},
		{"DELETE FROM auth_states WHERE expires_at < ?", now},
		{"DELETE FROM email_sign_ins WHERE expires_at < ?", now},
		{"DELETE FROM rate_limits WHERE window_start < ?", now.Add(-48 * time.Hour)},
	}
	if s.Engine == Postgres {
		purges = append(purges, purge{"DELETE FROM search_changes WHERE at < ?", now.Add(-24 * time.Hour)})
	}
	for _, q := range purges {
		if err := s.DB.WithContext(ctx).Exec(q.sql, q.at).Error; err != nil {
			return err
		}
	}
	return nil
}
