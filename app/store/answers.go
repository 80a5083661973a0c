package store

import (
	"context"
	"hash/fnv"
	"strconv"
	"time"

	"gorm.io/gorm/clause"

	"pilcrow/app/model"
)

// LockRespondent makes one person's answers to one consultation change one
// submission at a time, until the transaction ends: two concurrent answers then
// cannot both see "no answer yet" and each leave a text behind. SQLite's
// immediate transactions already serialise writers.
func (s *Store) LockRespondent(ctx context.Context, consultationID, userID int64) error {
	if s.Engine != Postgres {
		return nil
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte("answer:" + strconv.FormatInt(consultationID, 10) + ":" + strconv.FormatInt(userID, 10)))
	return s.DB.WithContext(ctx).Exec("SELECT pg_advisory_xact_lock(?)", int64(h.Sum64())).Error
}

// Respondent returns a person's details for a consultation, or model.ErrNotFound.
func (s *Store) Respondent(ctx context.Context, consultationID, userID int64) (*model.Respondent, error) {
	var r model.Respondent
	err := s.DB.WithContext(ctx).Where("consultation_id = ? AND user_id = ?", consultationID, userID).Take(&r).Error
	return &r, notFound(err)
}

// SaveRespondent inserts or replaces a person's details for a consultation.
func (s *Store) SaveRespondent(ctx context.Context, r *model.Respondent) error {
	now := time.Now().UTC()
	r.CreatedAt, r.UpdatedAt = now, now
	return s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "consultation_id"}, {Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"responding_as", "organisation", "publish", "updated_at"}),
	}).Create(r).Error
}

// Answer returns a person's answer to a question, or model.ErrNotFound.
func (s *Store) Answer(ctx context.Context, consultationID int64, key string, userID int64) (*model.Answer, error) {
	var a model.Answer
	err := s.DB.WithContext(ctx).Where("consultation_id = ? AND question_key = ? AND user_id = ?",
		consultationID, key, userID).Take(&a).Error
	return &a, notFound(err)
}

// SaveAnswer inserts or replaces a person's answer to a question: the unique
// key turns a second insert, even a concurrent one, into an update.
func (s *Store) SaveAnswer(ctx context.Context, a *model.Answer) error {
	now := time.Now().UTC()
	a.CreatedAt, a.UpdatedAt = now, now
	if a.Channel == "" {
		a.Channel = "online"
	}
	return s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "consultation_id"}, {Name: "question_key"}, {Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"choices", "comment_id", "language", "updated_at"}),
	}).Create(a).Error
}

// UserAnswers returns a person's answers to a consultation, or to every
// consultation when consultationID is 0, oldest first.
func (s *Store) UserAnswers(ctx context.Context, consultationID, userID int64) ([]model.Answer, error) {
	q := s.DB.WithContext(ctx).Where("user_id = ?", userID)
	if consultationID != 0 {
		q = q.Where("consultation_id = ?", consultationID)
	}
	var as []model.Answer
	return as, q.Order("created_at, id").Find(&as).Error
}

// UserRespondents returns a person's details for every consultation answered.
func (s *Store) UserRespondents(ctx context.Context, userID int64) ([]model.Respondent, error) {
	var rs []model.Respondent
	return rs, s.DB.WithContext(ctx).Where("user_id = ?", userID).Order("id").Find(&rs).Error
}

// ChoiceCount is how many answers chose one combination of options, by the
// kind of respondent and the language answered in.
type ChoiceCount struct {
	Choices      string
	RespondingAs string
	Language     string
	N            int
}

// ChoiceCounts groups a question's answers by choices, respondent kind and
// language; a handful of rows however many answers there are.
func (s *Store) ChoiceCounts(ctx context.Context, consultationID int64, key string) ([]ChoiceCount, error) {
	var out []ChoiceCount
	err := s.DB.WithContext(ctx).Table("answers AS a").
		Select("a.choices AS choices, COALESCE(r.responding_as, 'individual') AS responding_as, a.language AS language, COUNT(*) AS n").
		Joins("LEFT JOIN respondents r ON r.consultation_id = a.consultation_id AND r.user_id = a.user_id").
		Where("a.consultation_id = ? AND a.question_key = ?", consultationID, key).
		Group("a.choices, r.responding_as, a.language").Scan(&out).Error
	return out, err
}

// ExportAnswer is one answer with what the answers export needs beside it.
type ExportAnswer struct {
	model.Answer
	Text string // the body of the answer's comment, whatever its status
}

// ConsultationAnswers returns every answer to a consultation with its text,
// grouped by person (by user id), for the export.
func (s *Store) ConsultationAnswers(ctx context.Context, consultationID int64) ([]ExportAnswer, error) {
	var out []ExportAnswer
	err := s.DB.WithContext(ctx).Table("answers AS a").
		Select("a.*, COALESCE(c.body, '') AS text").
		Joins("LEFT JOIN comments c ON c.id = a.comment_id").
		Where("a.consultation_id = ?", consultationID).Order("a.user_id, a.id").Scan(&out).Error
	return out, err
}

// ConsultationRespondents returns the details of everyone who answered a
// consultation, by user id.
func (s *Store) ConsultationRespondents(ctx context.Context, consultationID int64) (map[int64]model.Respondent, error) {
	var rs []model.Respondent
	if err := s.DB.WithContext(ctx).Where("consultation_id = ?", consultationID).Find(&rs).Error; err != nil {
		return nil, err
	}
	out := make(map[int64]model.Respondent, len(rs))
	for _, r := range rs {
		out[r.UserID] = r
	}
	return out, nil
}

// BumpRevisionSoon is BumpRevision without waiting for the disk on PostgreSQL,
// as a new comment's bump does: every answer with public text updates this one
// row, and a flush per update would queue all answerers behind each other. A
// crash loses only the bump, and with it the crashed instance's cache.
func (s *Store) BumpRevisionSoon(ctx context.Context, consultationID int64) error {
	if s.Engine != Postgres {
		return s.BumpRevision(ctx, consultationID)
	}
	return s.DB.WithContext(ctx).Exec(`WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
		UPDATE consultations SET revision = revision + 1 FROM async WHERE id = ?`, consultationID).Error
}

// AnswerText is one answer's free text with what the analysts filter by.
type AnswerText struct {
	AnswerID     int64
	Choices      string
	Language     string
	UpdatedAt    time.Time
	CommentID    int64
	Body         string
	Status       model.CommentStatus
	RespondingAs string
	Organisation string
	Publish      model.Publish
}

// AnswerTextFilter narrows a question's texts; empty fields do not filter.
type AnswerTextFilter struct {
	RespondingAs, Language, Status, Publish string
}

// AnswerTexts lists the texts of a question's answers, newest first, at most limit.
func (s *Store) AnswerTexts(ctx context.Context, consultationID int64, key string, f AnswerTextFilter, limit int) ([]AnswerText, error) {
	q := s.DB.WithContext(ctx).Table("answers AS a").
		Select(`a.id AS answer_id, a.choices, a.language, a.updated_at, c.id AS comment_id, c.body, c.status,
			c.responding_as, c.organisation, c.publish`).
		Joins("JOIN comments c ON c.id = a.comment_id").
		Where("a.consultation_id = ? AND a.question_key = ?", consultationID, key)
	for col, v := range map[string]string{"c.responding_as": f.RespondingAs, "a.language": f.Language, "c.status": f.Status, "c.publish": f.Publish} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	var out []AnswerText
	return out, q.Order("a.updated_at DESC, a.id DESC").Limit(limit).Scan(&out).Error
}
