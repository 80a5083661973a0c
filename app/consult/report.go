package consult

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"pilcrow/app/document"
	"pilcrow/app/export"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// JobReportPDF is the kind of the background job that makes a PDF summary report.
const JobReportPDF = "report.pdf"

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
	Zone   *time.Location     // days are counted in this zone
	groups campaignGroupCache // campaign groups by detection, for search and the queue
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
		row.Themes = themes[r.CommentID]
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

// reportParams identify a report: the same parameters mean the same file.
type reportParams struct {
	ConsultationID int64  `json:"consultation_id"`
	Slug           string `json:"slug"`
	Fingerprint    string `json:"fingerprint"`
}

// StartReport queues the PDF report of the consultation, or returns the job that
// is already making (or recently made) the same report from the same comments.
func (s *Reports) StartReport(ctx context.Context, by *model.User, c *model.Consultation) (*model.Job, error) {
	if !by.Can(model.RoleAnalyst) {
		return nil, model.ErrForbidden
	}
	fp, err := s.Store.CommentsFingerprint(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	params, _ := json.Marshal(reportParams{ConsultationID: c.ID, Slug: c.Slug, Fingerprint: fp})
	if j, err := s.Store.ReusableJob(ctx, JobReportPDF, string(params), s.now().Add(-reportReuse)); err == nil {
		return j, nil
	}
	j := &model.Job{Kind: JobReportPDF, Params: string(params), CreatedBy: &by.ID}
	if err := s.Store.CreateJob(ctx, j); err != nil {
		return nil, err
	}
	return j, nil
}

// RunReport is the handler of JobReportPDF jobs: it gathers the figures, writes
// the PDF into the job and reports progress as a percentage.
func (s *Reports) RunReport(ctx context.Context, job *model.Job, progress func(done, total int)) error {
	var p reportParams
	if err := json.Unmarshal([]byte(job.Params), &p); err != nil {
		return fmt.Errorf("report parameters: %w", err)
	}
	c, err := s.Store.Consultation(ctx, p.ConsultationID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.WritePDF(ctx, c, &buf, progress); err != nil {
		return err
	}
	job.Result, job.ContentType = buf.Bytes(), "application/pdf"
	job.Filename = c.Slug + "-report-" + s.now().In(s.Zone).Format("20060102") + ".pdf"
	return nil
}

// WritePDF writes the consultation's summary report to w; progress, when not nil,
// hears a percentage: gathering the figures is the first fifth of the work.
func (s *Reports) WritePDF(ctx context.Context, c *model.Consultation, w io.Writer, progress func(done, total int)) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	progress(0, 100)
	r, err := s.Report(ctx, c)
	if err != nil {
		return err
	}
	progress(20, 100)
	return export.WritePDF(w, r, func(done, total int) {
		if total > 0 {
			progress(20+80*done/total, 100)
		}
	})
}

// ReportSlug returns the slug of the consultation a report job is about.
func ReportSlug(j *model.Job) string {
	var p reportParams
	_ = json.Unmarshal([]byte(j.Params), &p)
	return p.Slug
}
