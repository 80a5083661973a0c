package store

import (
	"context"
	"time"
)

// ReportComment is what the summary report reads of one publishable comment.
type ReportComment struct {
	ID          int64
	ParentID    *int64
	VersionID   int64
	Key         string // empty for a comment on the whole document
	Author      string // empty unless the author allowed their name
	Body        string
	SubmittedAt time.Time
}

// ReportComments streams the approved comments that their authors allowed to
// be published, on paragraphs and on the whole document, replies included, in
// id order, with the author's name only where it may be shown.
func (s *Store) ReportComments(ctx context.Context, consultationID int64, fn func(*ReportComment) error) error {
	rows, err := s.DB.WithContext(ctx).Raw(`SELECT c.id, c.parent_id, c.version_id, c.paragraph_key,
		CASE WHEN c.publish = 'name' THEN u.display_name ELSE '' END, c.body, c.created_at
		FROM comments c JOIN users u ON u.id = c.user_id
		WHERE c.consultation_id = ? AND c.status = 'approved' AND c.publish IN ('name', 'anonymous')
		ORDER BY c.id`, consultationID).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c ReportComment
		if err := rows.Scan(&c.ID, &c.ParentID, &c.VersionID, &c.Key, &c.Author, &c.Body, &c.SubmittedAt); err != nil {
			return err
		}
		c.SubmittedAt = c.SubmittedAt.UTC()
		if err := fn(&c); err != nil {
			return err
		}
	}
	return rows.Err()
}
