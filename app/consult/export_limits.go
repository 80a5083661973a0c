package consult

import (
	"context"
	"errors"
	"time"

	"pilcrow/app/model"
)

// ExportLimits bound, per account, how many files of personal data one person
// may download and how many reports they may start: a stolen staff session
// cannot then drain every response in a few seconds, nor fill the job queue.
type ExportLimits struct {
	DownloadsPer10Minutes int // CSV, answers CSV, audit CSV and report files
	ReportsPerHour        int // report starts
}

// DefaultExportLimits leave an analyst room for a busy afternoon.
var DefaultExportLimits = ExportLimits{DownloadsPer10Minutes: 20, ReportsPerHour: 20}

func (s *Service) exportLimits() ExportLimits {
	if s.ExportLimits == (ExportLimits{}) {
		return DefaultExportLimits
	}
	return s.ExportLimits
}

// CountDownload counts one download of personal data by u against its limit;
// over it, the error is a *model.RateLimitError naming the export.
func (s *Service) CountDownload(ctx context.Context, u *model.User) error {
	return s.countAccount(ctx, "export", u, 10*time.Minute, s.exportLimits().DownloadsPer10Minutes)
}

// CountReportStart counts one report started by u against its limit.
func (s *Service) CountReportStart(ctx context.Context, u *model.User) error {
	return s.countAccount(ctx, "report", u, time.Hour, s.exportLimits().ReportsPerHour)
}

func (s *Service) countAccount(ctx context.Context, action string, u *model.User, window time.Duration, limit int) error {
	if err := acting(u); err != nil {
		return err
	}
	err := s.hitLimits(ctx, action, u.ID, "", []limitRule{{false, window, limit}})
	var rl *model.RateLimitError
	if errors.As(err, &rl) {
		rl.Action = action
	}
	return err
}
