package store

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pilcrow/app/model"
)

// outboxColumns are the outbox's columns, for RETURNING.
const outboxColumns = "id, kind, user_id, address, language, params, dedupe_key, status, attempts, " +
	"next_attempt_at, locked_until, last_error, created_at, sent_at"

// EnqueueMail puts a message in the outbox. Called on the transaction of the
// change that causes the mail, it commits or rolls back with it. A message
// whose DedupeKey is already in the outbox is not queued again.
func (s *Store) EnqueueMail(ctx context.Context, m *model.Mail) error {
	now := time.Now().UTC()
	m.Status, m.CreatedAt = model.MailQueued, now
	if m.NextAttemptAt.IsZero() {
		m.NextAttemptAt = now
	}
	m.Address = strings.ToLower(strings.TrimSpace(m.Address))
	q := s.DB.WithContext(ctx)
	if m.DedupeKey != nil {
		q = q.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "dedupe_key"}}, DoNothing: true})
	}
	return q.Create(m).Error
}

// ClaimMail takes the oldest message due for sending, marks it as being sent
// under a lease and counts the attempt; nil when none is due. As with jobs, one
// statement picks and marks the row, so two instances never claim the same
// message: PostgreSQL skips rows another claim has locked, and SQLite's
// transactions take the write lock at BEGIN.
func (s *Store) ClaimMail(ctx context.Context, now time.Time, lease time.Duration) (*model.Mail, error) {
	now = now.UTC()
	pick := `SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`
	if s.Engine == Postgres {
		pick += " FOR UPDATE SKIP LOCKED"
	}
	var ms []model.Mail
	err := s.Tx(ctx, func(tx *Store) error {
		return tx.DB.Raw(`UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, locked_until = ?
			WHERE status = 'queued' AND id = (`+pick+`) RETURNING `+outboxColumns,
			now.Add(lease), now).Scan(&ms).Error
	})
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	return &ms[0], nil
}

// MailSent records that the mail server accepted the message. A sign-in link's
// token is erased with it: the database keeps only its hash from then on.
func (s *Store) MailSent(ctx context.Context, id int64, now time.Time) error {
	return s.DB.WithContext(ctx).Model(&model.Mail{}).Where("id = ?", id).
		Updates(map[string]any{"status": model.MailSent, "sent_at": now.UTC(), "locked_until": nil, "last_error": "",
			"params": eraseToken}).Error
}

// eraseToken empties a sign-in mail's params once it is sent or given up on.
var eraseToken = gorm.Expr("CASE WHEN kind = ? THEN '{}' ELSE params END", model.MailSignIn)

// RetryMail puts a message back in the queue, to be tried again at next.
func (s *Store) RetryMail(ctx context.Context, id int64, next time.Time, reason string) error {
	return s.DB.WithContext(ctx).Model(&model.Mail{}).Where("id = ? AND status = ?", id, model.MailSending).
		Updates(map[string]any{"status": model.MailQueued, "next_attempt_at": next.UTC(), "locked_until": nil, "last_error": reason}).Error
}

// FailMail gives up on a message.
func (s *Store) FailMail(ctx context.Context, id int64, reason string) error {
	return s.DB.WithContext(ctx).Model(&model.Mail{}).Where("id = ?", id).
		Updates(map[string]any{"status": model.MailFailed, "locked_until": nil, "last_error": reason, "params": eraseToken}).Error
}

// AbandonInterruptedMail fails the messages whose sender stopped mid-send (its
// lease ran out). The mail server may have accepted them, and a message is sent
// at most once, so they are not tried again.
func (s *Store) AbandonInterruptedMail(ctx context.Context, now time.Time) (int64, error) {
	r := s.DB.WithContext(ctx).Model(&model.Mail{}).Where("status = ? AND locked_until < ?", model.MailSending, now.UTC()).
		Updates(map[string]any{"status": model.MailFailed, "locked_until": nil,
			"last_error": "interrupted while sending; not tried again, as it may have been delivered"})
	return r.RowsAffected, r.Error
}

// OutboxMail lists the outbox's messages of a kind, oldest first, for tests and
// the admin's view of delivery.
func (s *Store) OutboxMail(ctx context.Context, kind string) ([]model.Mail, error) {
	var ms []model.Mail
	q := s.DB.WithContext(ctx).Order("id")
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	return ms, q.Find(&ms).Error
}

// RecordMailFailure notes that a mail server refused an address for good.
func (s *Store) RecordMailFailure(ctx context.Context, address, reason string) error {
	row := map[string]any{"address": strings.ToLower(address), "reason": reason, "created_at": time.Now().UTC()}
	return s.DB.WithContext(ctx).Table("mail_failures").
		Clauses(clause.OnConflict{DoNothing: true}).Create(row).Error
}

// MailFailing reports whether a mail server refused the address for good.
func (s *Store) MailFailing(ctx context.Context, address string) (bool, error) {
	var n int64
	err := s.DB.WithContext(ctx).Table("mail_failures").Where("address = ?", strings.ToLower(address)).Count(&n).Error
	return n > 0, err
}

// MailPreferences returns a person's choices, or the defaults when they made none.
func (s *Store) MailPreferences(ctx context.Context, userID int64) (model.MailPreferences, error) {
	var ps []model.MailPreferences
	if err := s.DB.WithContext(ctx).Where("user_id = ?", userID).Limit(1).Find(&ps).Error; err != nil {
		return model.MailPreferences{}, err
	}
	if len(ps) == 0 {
		return model.DefaultMailPreferences(userID), nil
	}
	return ps[0], nil
}

// SaveMailPreferences stores a person's choices.
func (s *Store) SaveMailPreferences(ctx context.Context, p model.MailPreferences) error {
	p.UpdatedAt = time.Now().UTC()
	return s.DB.WithContext(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(&p).Error
}

// SetMailLanguage records the language a person last used the service in, so
// their mail is written in it.
func (s *Store) SetMailLanguage(ctx context.Context, userID int64, lang string) error {
	p := model.DefaultMailPreferences(userID)
	p.Language, p.UpdatedAt = lang, time.Now().UTC()
	return s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"language"}),
	}).Create(&p).Error
}

// NotifyUser queues mail of a kind for an account, on the transaction of the
// change that causes it, when the account can and wants to get it: its email
// is verified, it is not blocked, the kind is on in its preferences, and no mail
// server refused the address. The message is written in the language the
// person last used. A non-empty dedupe key makes the mail happen once.
func (s *Store) NotifyUser(ctx context.Context, userID int64, kind string, p model.MailParams, dedupe string) error {
	m, err := s.mailFor(ctx, userID, kind, p)
	if err != nil || m == nil {
		return err
	}
	if dedupe != "" {
		m.DedupeKey = &dedupe
	}
	return s.EnqueueMail(ctx, m)
}

// NotifyUserGrouped is NotifyUser for mail that waits delay before going out,
// and that a later change in the same group rewrites while it waits: several
// answers in a row make one receipt listing them all.
func (s *Store) NotifyUserGrouped(ctx context.Context, userID int64, kind string, p model.MailParams, group string, delay time.Duration) error {
	m, err := s.mailFor(ctx, userID, kind, p)
	if err != nil || m == nil {
		return err
	}
	r := s.DB.WithContext(ctx).Model(&model.Mail{}).
		Where("user_id = ? AND kind = ? AND status = ? AND dedupe_key LIKE ?", userID, kind, model.MailQueued, EscapeLike(group)+":%").
		Updates(map[string]any{"params": m.Params, "language": m.Language})
	if r.Error != nil || r.RowsAffected > 0 {
		return r.Error
	}
	now := time.Now().UTC()
	key := group + ":" + strconv.FormatInt(now.UnixNano(), 10)
	m.DedupeKey, m.NextAttemptAt = &key, now.Add(delay)
	return s.EnqueueMail(ctx, m)
}

// mailFor builds the outbox row of a notification, or nil when the account
// must not get it.
func (s *Store) mailFor(ctx context.Context, userID int64, kind string, p model.MailParams) (*model.Mail, error) {
	u, err := s.User(ctx, userID)
	if errors.Is(err, model.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if !u.EmailVerified || u.Email == "" || u.Blocked() {
		return nil, nil
	}
	prefs, err := s.MailPreferences(ctx, userID)
	if err != nil || !prefs.Wants(kind) {
		return nil, err
	}
	if failing, err := s.MailFailing(ctx, u.Email); err != nil || failing {
		return nil, err
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return &model.Mail{Kind: kind, UserID: &userID, Address: u.Email, Language: prefs.Language, Params: string(raw)}, nil
}

// RespondentIDs lists the accounts that commented on or answered the
// consultation, other than by withdrawn comments alone.
func (s *Store) RespondentIDs(ctx context.Context, consultationID int64) ([]int64, error) {
	var ids []int64
	err := s.DB.WithContext(ctx).Raw(`SELECT user_id FROM comments WHERE consultation_id = ? AND status <> 'withdrawn' AND user_id IS NOT NULL
		UNION SELECT user_id FROM answers WHERE consultation_id = ? AND user_id IS NOT NULL ORDER BY 1`,
		consultationID, consultationID).Scan(&ids).Error
	return ids, err
}

// DeleteOldMail removes messages sent or given up on before the instant, so
// the outbox keeps no copy of people's words for longer than it needs.
func (s *Store) DeleteOldMail(ctx context.Context, before time.Time) error {
	return s.DB.WithContext(ctx).Where("status IN ? AND created_at < ?", []string{model.MailSent, model.MailFailed}, before.UTC()).
		Delete(&model.Mail{}).Error
}
