package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"
)

// countedStatuses are the comments that count as responses in the analysis:
// withdrawn ones were taken back by their authors and rejected ones broke the rules.
var countedStatuses = []string{"pending", "approved"}

// StatusCount is the number of comments with one status, way of responding and
// target: Whole is 1 for comments on the whole document, 0 for a paragraph.
type StatusCount struct {
	Status       string
	RespondingAs string
	Whole        int
	Count        int
}

// StatusCounts groups every comment of the consultation by status, responding_as
// and whether it is on the whole document.
func (s *Store) StatusCounts(ctx context.Context, consultationID int64) ([]StatusCount, error) {
	var out []StatusCount
	err := s.DB.WithContext(ctx).Raw(`SELECT status, responding_as,
		CASE WHEN paragraph_key = '' THEN 1 ELSE 0 END AS whole, COUNT(*) AS count
		FROM comments WHERE consultation_id = ?
		GROUP BY status, responding_as, CASE WHEN paragraph_key = '' THEN 1 ELSE 0 END`, consultationID).
		Scan(&out).Error
	return out, err
}

// ParagraphStance is the number of counted comments on one paragraph with one stance.
type ParagraphStance struct {
	Key    string
	Stance string
	Count  int
}

// ParagraphStances counts the counted comments per paragraph and stance.
func (s *Store) ParagraphStances(ctx context.Context, consultationID int64) ([]ParagraphStance, error) {
	var out []ParagraphStance
	err := s.DB.WithContext(ctx).Raw(`SELECT paragraph_key AS key, stance, COUNT(*) AS count
		FROM comments WHERE consultation_id = ? AND paragraph_key <> '' AND status IN ?
		GROUP BY paragraph_key, stance`, consultationID, countedStatuses).Scan(&out).Error
	return out, err
}

// OrganisationCount is the number of comments sent on behalf of one organisation.
type OrganisationCount struct {
	Name  string
	Count int
}

// Organisations lists the organisations that responded, most comments first. With
// publicOnly, only approved comments whose authors allowed their names count, so
// the list may go in a published report.
func (s *Store) Organisations(ctx context.Context, consultationID int64, publicOnly bool) ([]OrganisationCount, error) {
	q := s.DB.WithContext(ctx).Table("comments").Select("organisation AS name, COUNT(*) AS count").
		Where("consultation_id = ? AND responding_as = 'organisation' AND organisation <> ''", consultationID)
	if publicOnly {
		q = q.Where("status = 'approved' AND publish = 'name'")
	} else {
		q = q.Where("status IN ?", countedStatuses)
	}
	var out []OrganisationCount
	err := q.Group("organisation").Order("count DESC, name").Scan(&out).Error
	return out, err
}

// SubmissionTimes streams the submission time of every comment of the
// consultation to fn, so days can be counted in any time zone.
func (s *Store) SubmissionTimes(ctx context.Context, consultationID int64, fn func(time.Time)) error {
	rows, err := s.DB.WithContext(ctx).Raw(`SELECT created_at FROM comments WHERE consultation_id = ?`,
		consultationID).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var t time.Time
	for rows.Next() {
		if err := rows.Scan(&t); err != nil {
			return err
		}
		fn(t)
	}
	return rows.Err()
}

// CampaignComment is what campaign detection reads of one counted comment.
type CampaignComment struct {
	ID      int64
	Body    string
	Status  string
	Publish string
}

// CampaignComments streams the counted comments of the consultation in id order.
func (s *Store) CampaignComments(ctx context.Context, consultationID int64, fn func(CampaignComment) error) error {
	rows, err := s.DB.WithContext(ctx).Raw(`SELECT id, body, status, publish FROM comments
		WHERE consultation_id = ? AND status IN ? ORDER BY id`, consultationID, countedStatuses).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var c CampaignComment
	for rows.Next() {
		if err := rows.Scan(&c.ID, &c.Body, &c.Status, &c.Publish); err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CommentsFingerprint changes whenever a comment of the consultation is added,
// edited, moderated or withdrawn, or the consultation's revision moves: results
// derived from the comments are cached under it, in the database, by any instance.
func (s *Store) CommentsFingerprint(ctx context.Context, consultationID int64) (string, error) {
	var r struct {
		N       int64
		MaxID   int64
		Updated sql.NullString
		Rev     int64
	}
	err := s.DB.WithContext(ctx).Raw(`SELECT COUNT(*) AS n, COALESCE(MAX(c.id), 0) AS max_id,
		CAST(MAX(c.updated_at) AS TEXT) AS updated,
		(SELECT revision FROM consultations WHERE id = ?) AS rev
		FROM comments c WHERE c.consultation_id = ?`, consultationID, consultationID).Scan(&r).Error
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(r.Rev, 10) + "/" + strconv.FormatInt(r.N, 10) + "/" +
		strconv.FormatInt(r.MaxID, 10) + "/" + r.Updated.String, nil
}
