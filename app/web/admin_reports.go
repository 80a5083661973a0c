package web

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/export"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// recentReports is how many reports the reports pages list.
const recentReports = 20

type reportsIndexPage struct {
	Page
	Consultations []model.Consultation
	Jobs          []jobRow
}

// jobRow is one report in a list of recent reports.
type jobRow struct {
	model.Job
	Slug    string
	Format  string // "pdf" or "docx"
	Percent int
}

// reportKind is one format of the summary report on a consultation's reports
// page, with the newest finished one, if any, and when its data was taken.
type reportKind struct {
	Format string
	Latest *model.Job
	Taken  time.Time
}

// reportFormat is the file extension of a report job's kind.
func reportFormat(kind string) string {
	if kind == consult.JobReportDOCX {
		return "docx"
	}
	return "pdf"
}

// listReports is the reports page: every consultation with its exports, and the
// recent PDF reports, so a person who left while one was being made finds it.
func (s *Server) listReports(c echo.Context) error {
	ctx := c.Request().Context()
	cs, err := s.Store.AllConsultations(ctx)
	if err != nil {
		return err
	}
	p := reportsIndexPage{Page: s.page(c, "reports.title"), Consultations: cs}
	if p.Jobs, err = s.recentReportJobs(c, ""); err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "reports/index", p)
}

type consultationReportsPage struct {
	Page
	Consultation *model.Consultation
	Statuses     []model.CommentStatus
	Kinds        []reportKind
	Jobs         []jobRow
}

// showConsultationReports offers the consultation's CSV export with its filters,
// its PDF report and its analysis page.
func (s *Server) showConsultationReports(c echo.Context) error {
	cons, err := s.Store.ConsultationBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	p := consultationReportsPage{Page: s.page(c, "reports.consultation.title", cons.Title), Consultation: cons,
		Statuses: []model.CommentStatus{model.CommentPending, model.CommentApproved, model.CommentRejected, model.CommentWithdrawn}}
	if p.Jobs, err = s.recentReportJobs(c, cons.Slug); err != nil {
		return err
	}
	for _, kind := range consult.ReportKinds {
		k := reportKind{Format: reportFormat(kind)}
		for i, j := range p.Jobs {
			if j.Kind == kind && j.Status == store.JobDone && k.Latest == nil {
				k.Latest = &p.Jobs[i].Job
				if j.StartedAt != nil {
					k.Taken = *j.StartedAt
				}
			}
		}
		p.Kinds = append(p.Kinds, k)
	}
	return s.views.render(c, http.StatusOK, "reports/consultation", p)
}

// recentReportJobs lists recent reports, of one consultation when slug is set.
func (s *Server) recentReportJobs(c echo.Context, slug string) ([]jobRow, error) {
	js, err := s.Store.RecentJobsOfKinds(c.Request().Context(), consult.ReportKinds, recentReports*5)
	if err != nil {
		return nil, err
	}
	var rows []jobRow
	for _, j := range js {
		r := jobRow{Job: j, Slug: consult.ReportSlug(&j), Format: reportFormat(j.Kind)}
		if j.Total > 0 {
			r.Percent = min(100, max(0, 100*j.Progress/j.Total))
		}
		if (slug == "" || r.Slug == slug) && len(rows) < recentReports {
			rows = append(rows, r)
		}
	}
	return rows, nil
}

// exportCSV streams the consultation's comments as the contract's CSV. Rows go
// straight from the database cursor to the response, flushed as they go.
func (s *Server) exportCSV(c echo.Context) error {
	q := c.QueryParams()
	f, err := consult.ParseExportFilter(q.Get("status"), q.Get("from"), q.Get("to"), s.cfg.TimeZone)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	name := export.CSVFilename(cons.Slug, s.Now().In(s.cfg.TimeZone))
	if err := s.Services.Consult.RecordDownload(ctx, currentUser(c), consult.Download{Action: consult.AuditDownloadCSV,
		Consultation: cons, Details: csvDetails(name, q)}); err != nil {
		return err
	}
	w := &downloadWriter{c: c, contentType: "text/csv; charset=utf-8", filename: name}
	err = s.Services.Reports.ExportCSV(ctx, currentUser(c), cons, f, w)
	if err != nil && c.Response().Committed {
		// Too late for an error page. Aborting the connection makes the browser
		// report a failed download rather than save a file that looks complete.
		s.Log.Error("csv export cut short", "request_id", requestID(c), "slug", cons.Slug, "error", err)
		panic(http.ErrAbortHandler)
	}
	return err
}

// startReport queues a report of the kind the form names (or finds the same one
// already made) and sends the person to its progress page.
func (s *Server) startReport(c echo.Context) error {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	kinds := map[string]string{"pdf": consult.JobReportPDF, "docx": consult.JobReportDOCX}
	kind, ok := kinds[c.FormValue("kind")]
	// report_lang, not lang, which would switch the interface too; without it,
	// the report is in the language of the page.
	lang := c.FormValue("report_lang")
	if lang == "" {
		lang = langOf(c)
	}
	if !ok || !s.enabled(lang) {
		return model.ErrInvalidInput
	}
	job, err := s.Services.Reports.StartReport(ctx, currentUser(c), cons, kind, lang)
	if err != nil {
		return err
	}
	return seeOther(c, jobURL(job.ID))
}

// showReportFile serves the newest finished report of the kind, or sends the
// person to the reports page, where a POST starts one: a GET never starts work.
func (s *Server) showReportFile(kind string) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
		if err != nil {
			return err
		}
		job, err := s.Services.Reports.NewestReport(ctx, currentUser(c), cons, kind)
		if errors.Is(err, model.ErrNotFound) {
			return seeOther(c, reportsURL(cons.Slug))
		}
		if err != nil {
			return err
		}
		return s.sendReport(c, job, cons)
	}
}

// sendReport records the download in the audit log, then sends the file.
func (s *Server) sendReport(c echo.Context, job *model.Job, cons *model.Consultation) error {
	if err := s.Services.Consult.RecordDownload(c.Request().Context(), currentUser(c), consult.ReportDownload(job, cons)); err != nil {
		return err
	}
	setDownloadHeaders(c, job.ContentType, job.Filename)
	return c.Blob(http.StatusOK, job.ContentType, job.Result)
}

// reportsURL is a consultation's reports page.
func reportsURL(slug string) string {
	return "/admin/consultations/" + url.PathEscape(slug) + "/reports"
}

// downloadWriter sends a download's headers with its first bytes, so an error
// before then still becomes an error page, and flushes every write so a large
// export reaches the client as it is made, each chunk buying another minute.
type downloadWriter struct {
	c                     echo.Context
	contentType, filename string
}

func (w *downloadWriter) Write(p []byte) (int, error) {
	res := w.c.Response()
	if !res.Committed {
		setDownloadHeaders(w.c, w.contentType, w.filename)
		res.WriteHeader(http.StatusOK)
	}
	extendWriteDeadline(w.c, time.Minute)
	n, err := res.Write(p)
	if err == nil {
		res.Flush()
	}
	return n, err
}

// setDownloadHeaders marks the response as a file to save under filename.
func setDownloadHeaders(c echo.Context, contentType, filename string) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, contentType)
	h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	h.Set("Cache-Control", "no-store")
}

// csvDetails are what the audit log keeps of a CSV download: the file and the
// filters that chose its rows.
func csvDetails(file string, q url.Values) map[string]any {
	d := map[string]any{"file": file}
	for _, k := range []string{"status", "from", "to"} {
		if v := q.Get(k); v != "" {
			d[k] = v
		}
	}
	return d
}
