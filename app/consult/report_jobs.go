package consult

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"

	"pilcrow/app/export"
	"pilcrow/app/model"
)

// reportParams identify a report: the same parameters mean the same file. The
// consultation comes first so that its reports can be found by prefix.
type reportParams struct {
	ConsultationID int64  `json:"consultation_id"`
	Slug           string `json:"slug"`
	Fingerprint    string `json:"fingerprint"`
	Lang           string `json:"lang,omitempty"` // "" or "en": English; "cy": Welsh
}

// jobPrefix is how the parameters of every job about a consultation start:
// its reports and its campaign detections, which put the consultation first.
func jobPrefix(consultationID int64) string {
	return `{"consultation_id":` + strconv.FormatInt(consultationID, 10) + `,`
}

// StartReport queues a report of the kind (JobReportPDF or JobReportDOCX) in
// lang ("en" or "cy"), or returns the job that is already making (or recently
// made) the same report from the same comments.
func (s *Reports) StartReport(ctx context.Context, by *model.User, c *model.Consultation, kind, lang string) (*model.Job, error) {
	if err := acting(by, model.RoleAnalyst); err != nil {
		return nil, err
	}
	if !slices.Contains(ReportKinds, kind) {
		return nil, fmt.Errorf("%w: report kind", model.ErrInvalidInput)
	}
	fp, err := s.Store.CommentsFingerprint(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	rp := reportParams{ConsultationID: c.ID, Slug: c.Slug, Fingerprint: fp}
	if lang == model.Welsh {
		rp.Lang = model.Welsh
	}
	params, _ := json.Marshal(rp)
	if j, err := s.Store.ReusableJob(ctx, kind, string(params), s.now().Add(-reportReuse)); err == nil {
		return j, nil
	}
	j := &model.Job{Kind: kind, Params: string(params), CreatedBy: &by.ID}
	if err := s.Store.CreateJob(ctx, j); err != nil {
		return nil, err
	}
	return j, nil
}

// NewestReport returns the newest finished report of the kind on the
// consultation, with its file, for whoever may read reports; model.ErrNotFound
// when none has been made. It never starts one.
func (s *Reports) NewestReport(ctx context.Context, by *model.User, c *model.Consultation, kind string) (*model.Job, error) {
	if err := acting(by, model.RoleAnalyst); err != nil {
		return nil, err
	}
	if !slices.Contains(ReportKinds, kind) {
		return nil, model.ErrNotFound
	}
	return s.Store.NewestFinishedJob(ctx, kind, jobPrefix(c.ID))
}

// RunReport is the handler of report jobs: it gathers the figures, writes the
// file of the job's kind into the job and reports progress as a percentage.
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
	stamp := c.Slug + "-report-" + s.now().In(s.Zone).Format("20060102")
	switch job.Kind {
	case JobReportDOCX:
		err = s.writeReport(ctx, c, p.Lang, &buf, progress, export.WriteDOCX)
		job.ContentType, job.Filename = export.DOCXContentType, stamp+".docx"
	default:
		err = s.writeReport(ctx, c, p.Lang, &buf, progress, export.WritePDF)
		job.ContentType, job.Filename = "application/pdf", stamp+".pdf"
	}
	if err != nil {
		return err
	}
	job.Result = buf.Bytes()
	return nil
}

// WritePDF writes the consultation's summary report to w; progress, when not nil,
// hears a percentage: gathering the figures is the first fifth of the work.
func (s *Reports) WritePDF(ctx context.Context, c *model.Consultation, w io.Writer, progress func(done, total int)) error {
	return s.writeReport(ctx, c, model.English, w, progress, export.WritePDF)
}

// WritePDFIn is WritePDF with the report's words, dates and title in lang.
func (s *Reports) WritePDFIn(ctx context.Context, c *model.Consultation, lang string, w io.Writer, progress func(done, total int)) error {
	return s.writeReport(ctx, c, lang, w, progress, export.WritePDF)
}

// WriteDOCX writes the same summary as a Word document.
func (s *Reports) WriteDOCX(ctx context.Context, c *model.Consultation, w io.Writer, progress func(done, total int)) error {
	return s.writeReport(ctx, c, model.English, w, progress, export.WriteDOCX)
}

// WriteDOCXIn is WriteDOCX in lang.
func (s *Reports) WriteDOCXIn(ctx context.Context, c *model.Consultation, lang string, w io.Writer, progress func(done, total int)) error {
	return s.writeReport(ctx, c, lang, w, progress, export.WriteDOCX)
}

// reportWriter is a writer of one format of the summary report.
type reportWriter func(w io.Writer, r export.Report, progress func(done, total int)) error

func (s *Reports) writeReport(ctx context.Context, c *model.Consultation, lang string, w io.Writer, progress func(done, total int), write reportWriter) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	progress(0, 100)
	r, err := s.Report(ctx, c, lang)
	if err != nil {
		return err
	}
	progress(20, 100)
	return write(w, r, func(done, total int) {
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
