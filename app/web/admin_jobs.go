package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

type jobPage struct {
	Page
	Job     *model.Job
	Slug    string
	Format  string // "pdf" or "docx", for trying again
	Percent int
	Working bool // queued or running: the page refreshes itself
}

// showJob is a report's progress page. While the report is being made it
// refreshes itself every two seconds (a meta refresh: no script needed); when it
// is done it offers the file.
func (s *Server) showJob(c echo.Context) error {
	job, err := s.reportJob(c)
	if err != nil {
		return err
	}
	p := jobPage{Page: s.page(c, "jobs.title"), Job: job, Slug: consult.ReportSlug(job), Format: reportFormat(job.Kind),
		Working: job.Status == store.JobQueued || job.Status == store.JobRunning}
	if job.Total > 0 {
		p.Percent = min(100, max(0, 100*job.Progress/job.Total))
	}
	return s.views.render(c, http.StatusOK, "jobs/show", p)
}

// downloadJob serves a finished report from the database, so any instance can.
func (s *Server) downloadJob(c echo.Context) error {
	job, err := s.reportJob(c)
	if err != nil {
		return err
	}
	done, err := s.Services.Reports.ReportResult(c.Request().Context(), currentUser(c), job.ID)
	if err != nil {
		return err
	}
	cons, err := s.Store.ConsultationBySlug(c.Request().Context(), consult.ReportSlug(job))
	if err != nil && !errors.Is(err, model.ErrNotFound) {
		return err
	}
	if err != nil {
		cons = nil // the report outlived its consultation; it is still logged
	}
	return s.sendReport(c, done, cons)
}

// reportJob reads the job named in the path; only reports are shown here, so the
// cached results of other kinds of job stay internal.
func (s *Server) reportJob(c echo.Context) (*model.Job, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, model.ErrNotFound
	}
	job, err := s.Store.Job(c.Request().Context(), id)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(consult.ReportKinds, job.Kind) {
		return nil, model.ErrNotFound
	}
	return job, nil
}

// jobURL is the progress page of a job.
func jobURL(id int64) string { return "/admin/jobs/" + strconv.FormatInt(id, 10) }
