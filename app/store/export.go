package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"pilcrow/app/model"
)

// ExportFilter narrows the CSV export; zero values mean no limit.
type ExportFilter struct {
	Status model.CommentStatus
	From   time.Time // submitted at or after
	Before time.Time // submitted before
}

// ExportRow is one comment as the CSV export needs it. The row passed to the
// callback of ExportComments is reused, so keep nothing that points into it.
type ExportRow struct {
	CommentID        int64
	ParentID         int64 // 0 when not a reply
	SubmittedAt      time.Time
	Author           string
	RespondingAs     string
	Organisation     string
	Publish          string
	Stance           string
	Status           string
	ModerationReason string
	ModeratedAt      *time.Time
	Body             string
	ParagraphKey     string
	VersionNumber    int
	ParagraphNumber  int    // 0 for a comment on the whole document
	ParagraphText    string // the start of the block's text in the version the author read
	Channel          string // how the response arrived: "online", "email", "post", "event", "phone"
	Language         string // the language it was written in: "en" or "cy"
}

// exportColumns are the export's columns, shared with the COPY benchmark so the
// two read exactly the same data. Only the first 240 characters of a block are
// fetched: enough for the excerpt, without shipping whole paragraphs per comment.
const exportColumns = `c.id, COALESCE(c.parent_id, 0), c.created_at, u.display_name, c.responding_as,
	c.organisation, c.publish, c.stance, c.status, c.moderation_reason, c.moderated_at, c.body,
	c.paragraph_key, v.number, COALESCE(b.number, 0), COALESCE(substr(b.text, 1, 240), ''),
	c.channel, c.language`

// exportQuery builds the one query of the export: comments with their author's
// name, their version's number and the block they were written on, in id order.
func exportQuery(consultationID int64, f ExportFilter) (string, []any) {
	var sb strings.Builder
	sb.WriteString(`SELECT ` + exportColumns + `
	FROM comments c
	JOIN users u ON u.id = c.user_id
	JOIN document_versions v ON v.id = c.version_id
	LEFT JOIN blocks b ON b.version_id = c.version_id AND c.paragraph_key <> ''
		AND b.key = CASE WHEN c.written_on_key <> '' THEN c.written_on_key ELSE c.paragraph_key END
	WHERE c.consultation_id = ?`)
	args := []any{consultationID}
	if f.Status != "" {
		sb.WriteString(" AND c.status = ?")
		args = append(args, string(f.Status))
	}
	if !f.From.IsZero() {
		sb.WriteString(" AND c.created_at >= ?")
		args = append(args, f.From.UTC())
	}
	if !f.Before.IsZero() {
		sb.WriteString(" AND c.created_at < ?")
		args = append(args, f.Before.UTC())
	}
	sb.WriteString(" ORDER BY c.id")
	return sb.String(), args
}

// ExportComments streams a consultation's comments from a database cursor to fn,
// one at a time, so memory does not grow with the number of comments.
func (s *Store) ExportComments(ctx context.Context, consultationID int64, f ExportFilter, fn func(*ExportRow) error) error {
	query, args := exportQuery(consultationID, f)
	rows, err := s.DB.WithContext(ctx).Raw(query, args...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		r         ExportRow
		moderated sql.NullTime
	)
	for rows.Next() {
		if err := rows.Scan(&r.CommentID, &r.ParentID, &r.SubmittedAt, &r.Author, &r.RespondingAs,
			&r.Organisation, &r.Publish, &r.Stance, &r.Status, &r.ModerationReason, &moderated, &r.Body,
			&r.ParagraphKey, &r.VersionNumber, &r.ParagraphNumber, &r.ParagraphText, &r.Channel, &r.Language); err != nil {
			return err
		}
		r.ModeratedAt = nil
		if moderated.Valid {
			t := moderated.Time.UTC()
			r.ModeratedAt = &t
		}
		r.SubmittedAt = r.SubmittedAt.UTC()
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ExportCopySQL returns the export's query with its parameters inlined, for the
// benchmark that compares it with PostgreSQL's own COPY … TO STDOUT.
func ExportCopySQL(consultationID int64) string {
	q, _ := exportQuery(0, ExportFilter{})
	return strings.Replace(q, "c.consultation_id = ?", "c.consultation_id = "+strconv.FormatInt(consultationID, 10), 1)
}
