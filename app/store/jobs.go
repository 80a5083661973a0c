package store

import (
	"context"
	"time"

	"pilcrow/app/model"
)

// Job statuses.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

// jobColumns are every column but the result, which can be megabytes and is read
// only for a download.
const jobColumns = "id, kind, params, status, progress, total, filename, content_type, error, " +
	"created_by, created_at, started_at, finished_at, locked_until"

// CreateJob queues a job.
func (s *Store) CreateJob(ctx context.Context, j *model.Job) error {
	j.Status = JobQueued
	j.CreatedAt = time.Now().UTC()
	return s.DB.WithContext(ctx).Create(j).Error
}

// SaveFinishedJob stores a result computed in the request, such as cached
// campaign detection, as a finished job that no worker will claim.
func (s *Store) SaveFinishedJob(ctx context.Context, j *model.Job) error {
	now := time.Now().UTC()
	j.Status, j.CreatedAt, j.StartedAt, j.FinishedAt = JobDone, now, &now, &now
	return s.DB.WithContext(ctx).Create(j).Error
}

// Job returns a job without its result.
func (s *Store) Job(ctx context.Context, id int64) (*model.Job, error) {
	var j model.Job
	err := s.DB.WithContext(ctx).Select(jobColumns).Take(&j, id).Error
	return &j, notFound(err)
}

// JobResult returns a finished job with its result.
func (s *Store) JobResult(ctx context.Context, id int64) (*model.Job, error) {
	var j model.Job
	err := s.DB.WithContext(ctx).Where("id = ? AND status = ?", id, JobDone).Take(&j).Error
	return &j, notFound(err)
}

// ReusableJob returns the newest job of the kind with exactly these parameters
// that is queued, running, or finished since the given instant, so that asking
// twice for the same report does the work once.
func (s *Store) ReusableJob(ctx context.Context, kind, params string, since time.Time) (*model.Job, error) {
	var j model.Job
	err := s.DB.WithContext(ctx).Select(jobColumns).
		Where("kind = ? AND params = ?", kind, params).
		Where("status IN ? OR (status = ? AND finished_at >= ?)", []string{JobQueued, JobRunning}, JobDone, since.UTC()).
		Order("id DESC").Take(&j).Error
	return &j, notFound(err)
}

// RecentJobs lists the newest jobs of a kind, without their results.
func (s *Store) RecentJobs(ctx context.Context, kind string, limit int) ([]model.Job, error) {
	var js []model.Job
	err := s.DB.WithContext(ctx).Select(jobColumns).Where("kind = ?", kind).
		Order("id DESC").Limit(limit).Find(&js).Error
	return js, err
}

// ClaimJob takes the oldest job that is queued, or running under a lease that
// ran out (its instance died), marks it running under a new lease and returns
// it; nil when there is none. One statement picks and marks the job, so two
// instances never claim the same one: PostgreSQL skips rows another claim has
// locked, and SQLite's transactions take the write lock at BEGIN.
func (s *Store) ClaimJob(ctx context.Context, now time.Time, lease time.Duration) (*model.Job, error) {
	now = now.UTC()
	pick := `SELECT id FROM jobs WHERE status = 'queued' OR (status = 'running' AND locked_until < ?)
		ORDER BY id LIMIT 1`
	if s.Engine == Postgres {
		pick += " FOR UPDATE SKIP LOCKED"
	}
	var jobs []model.Job
	err := s.Tx(ctx, func(tx *Store) error {
		return tx.DB.Raw(`UPDATE jobs SET status = 'running', started_at = COALESCE(started_at, ?),
			locked_until = ?, error = '' WHERE id = (`+pick+`) RETURNING `+jobColumns,
			now, now.Add(lease), now).Scan(&jobs).Error
	})
	if err != nil || len(jobs) == 0 {
		return nil, err
	}
	return &jobs[0], nil
}

// JobProgress records how far a running job has got and extends its lease.
func (s *Store) JobProgress(ctx context.Context, id int64, done, total int, lockedUntil time.Time) error {
	return s.DB.WithContext(ctx).Model(&model.Job{}).Where("id = ? AND status = ?", id, JobRunning).
		Updates(map[string]any{"progress": done, "total": total, "locked_until": lockedUntil.UTC()}).Error
}

// FinishJob stores a job's result so that any instance can serve it.
func (s *Store) FinishJob(ctx context.Context, j *model.Job, now time.Time) error {
	return s.DB.WithContext(ctx).Model(&model.Job{}).Where("id = ?", j.ID).Updates(map[string]any{
		"status": JobDone, "result": j.Result, "filename": j.Filename, "content_type": j.ContentType,
		"progress": j.Total, "total": j.Total, "finished_at": now.UTC(), "locked_until": nil, "error": "",
	}).Error
}

// ReleaseJob gives a running job back to the queue, so that another instance
// claims it at once instead of waiting for its lease to run out: an instance
// that is stopping calls it for the job it was cut short on.
func (s *Store) ReleaseJob(ctx context.Context, id int64) error {
	return s.DB.WithContext(ctx).Model(&model.Job{}).Where("id = ? AND status = ?", id, JobRunning).
		Updates(map[string]any{"status": JobQueued, "locked_until": nil}).Error
}

// FailJob records why a job failed.
func (s *Store) FailJob(ctx context.Context, id int64, message string, now time.Time) error {
	return s.DB.WithContext(ctx).Model(&model.Job{}).Where("id = ?", id).Updates(map[string]any{
		"status": JobFailed, "error": message, "finished_at": now.UTC(), "locked_until": nil,
	}).Error
}

// DeleteJobsBefore removes finished jobs older than the instant, with their
// results; kind limits it to one kind of job when not empty.
func (s *Store) DeleteJobsBefore(ctx context.Context, kind string, before time.Time) (int64, error) {
	q := s.DB.WithContext(ctx).Where("status IN ? AND finished_at < ?", []string{JobDone, JobFailed}, before.UTC())
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	res := q.Delete(&model.Job{})
	return res.RowsAffected, res.Error
}
