package consult

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"pilcrow/app/document"
	"pilcrow/app/export"
	"pilcrow/app/i18n"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// The kinds of background job that make a summary report: the same content as
// a tagged PDF or as a Word document.
const (
	JobReportPDF  = "report.pdf"
	JobReportDOCX = "report.docx"
)

// ReportKinds lists the kinds of report job, for the pages that list reports.
var ReportKinds = []string{JobReportPDF, JobReportDOCX}

// reportReuse is how long a finished report is handed out again to whoever asks
// for the same one, as long as no comment changed in between.
const reportReuse = time.Hour

// csvFlushEvery is how many rows go out between flushes, so a slow download
// still shows progress and no buffer grows with the export.
const csvFlushEvery = 2000

// excerptRunes is the length of the paragraph excerpt in the CSV export.
const excerptRunes = 120

// Reports makes the policy team's exports, report and analysis of consultations.
type Reports struct {
	*Service
	Zone *time.Location // days are counted in this zone
	// Messages holds the report's labels; without it a report shows their keys.
	Messages *i18n.Catalogue
	groups   campaignGroupCache // campaign groups by detection, for search and the queue
	searches searchCache        // recent searches' results, while nothing they show has changed
}

// ParseExportFilter validates the export's filters: a status of the contract (or
// empty for all) and a range of days, both inclusive, in the service's zone.
func ParseExportFilter(status, from, to string, loc *time.Location) (store.ExportFilter, error) {
	var f store.ExportFilter
	switch st := model.CommentStatus(strings.TrimSpace(status)); st {
	case "", "all":
	case model.CommentPending, model.CommentApproved, model.CommentRejected, model.CommentWithdrawn:
		f.Status = st
	default:
		return f, fmt.Errorf("%w: status", model.ErrInvalidInput)
	}
	var err error
	if f.From, err = parseDay(from, loc); err != nil {
		return f, fmt.Errorf("%w: from", model.ErrInvalidInput)
	}
	var last time.Time
	if last, err = parseDay(to, loc); err != nil {
		return f, fmt.Errorf("%w: to", model.ErrInvalidInput)
	}
	if !last.IsZero() {
		f.Before = last.AddDate(0, 0, 1) // the whole of the last day
	}
	if !f.From.IsZero() && !f.Before.IsZero() && !f.From.Before(f.Before) {
		return f, fmt.Errorf("%w: from is after to", model.ErrInvalidInput)
	}
	return f, nil
}

// parseDay reads YYYY-MM-DD as the start of that day in loc; empty is the zero time.
func parseDay(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil || t.Year() < 2000 || t.Year() > 9999 {
		return time.Time{}, fmt.Errorf("bad day %q", s)
	}
	return t, nil
}

// WriteCSV streams the consultation's comments as the contract's CSV to w. Until
// the first flush nothing reaches w, so a failing query can still become an
// error page; after it, rows go out every csvFlushEvery comments.
func (s *Reports) WriteCSV(ctx context.Context, c *model.Consultation, f store.ExportFilter, w io.Writer) error {
	cw, err := export.NewCSVWriter(w)
	if err != nil {
		return err
	}
	n := 0
	row := export.Row{Consultation: c.Slug}
	excerpts := excerptCache{}
	themes, err := s.Store.CommentThemeNames(ctx, c.ID)
	if err != nil {
		return err
	}
	err = s.Store.ExportComments(ctx, c.ID, f, func(r *store.ExportRow) error {
		row.DocumentVersion, row.ParagraphNumber, row.ParagraphKey = r.VersionNumber, r.ParagraphNumber, r.ParagraphKey
		row.ParagraphExcerpt = excerpts.get(r)
		row.CommentID, row.ParentCommentID, row.SubmittedAt = r.CommentID, r.ParentID, r.SubmittedAt
		row.Author, row.RespondingAs, row.Organisation = r.Author, r.RespondingAs, r.Organisation
		row.Publish, row.Stance, row.Status = r.Publish, r.Stance, r.Status
		row.ModerationReason, row.ModeratedAt, row.Body = r.ModerationReason, r.ModeratedAt, r.Body
		row.Channel, row.Themes, row.Language = r.Channel, themes[r.CommentID], r.Language
		if err := cw.Write(row); err != nil {
			return err
		}
		if n++; n%csvFlushEvery == 0 {
			return cw.Flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return cw.Flush()
}

// excerptCache remembers the excerpt of each block, since thousands of comments
// share a few hundred blocks; it is bounded so an export of many versions cannot
// make it grow without end.
type excerptCache map[blockRef]string

type blockRef struct {
	version int
	key     string
}

func (ec excerptCache) get(r *store.ExportRow) string {
	if r.ParagraphText == "" {
		return ""
	}
	ref := blockRef{r.VersionNumber, r.ParagraphKey}
	if e, ok := ec[ref]; ok {
		return e
	}
	if len(ec) >= 10000 {
		clear(ec)
	}
	e := document.Excerpt(r.ParagraphText, excerptRunes)
	ec[ref] = e
	return e
}
