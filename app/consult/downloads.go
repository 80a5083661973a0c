package consult

import (
	"context"
	"strconv"

	"pilcrow/app/model"
)

// Audit actions for files that leave the service. A data protection impact
// assessment asks who took personal data away and when, so every download of
// an export and every export from the command line is logged.
const (
	AuditDownloadCSV     = "download.csv"     // the responses CSV of a consultation
	AuditDownloadPDF     = "download.pdf"     // the PDF summary report
	AuditDownloadDOCX    = "download.docx"    // the Word summary report
	AuditDownloadAudit   = "download.audit"   // the audit log as CSV
	AuditDownloadAnswers = "download.answers" // the answers to a consultation's questions
	AuditExportCLI       = "export.cli"       // `pilcrow export` on the server
)

// Download describes one file handed out: what it is and the details worth
// keeping (file name, filters, which report). Details are stored as they are.
type Download struct {
	Action       string
	Consultation *model.Consultation // nil for files about no one consultation
	Details      map[string]any
}

// RecordDownload writes the download to the audit log before the file is sent,
// so a file never leaves without its entry: a failure here refuses the download.
// by is nil for the command line, whose operating-system user goes in Details.
func (s *Service) RecordDownload(ctx context.Context, by *model.User, d Download) error {
	var actor *int64
	if by != nil {
		actor = &by.ID
	}
	details := map[string]any{}
	for k, v := range d.Details {
		details[k] = v
	}
	targetType, targetID := "export", ""
	if d.Consultation != nil {
		targetType, targetID = "consultation", d.Consultation.Slug
		details["title"] = d.Consultation.Title
	}
	if d.Action == AuditDownloadAudit {
		targetType = "audit"
	}
	return s.Store.Audit(ctx, actor, d.Action, targetType, targetID, nil, details)
}

// ReportDownload is the audit entry of a report file handed out.
func ReportDownload(job *model.Job, c *model.Consultation) Download {
	action := AuditDownloadPDF
	if job.Kind == JobReportDOCX {
		action = AuditDownloadDOCX
	}
	return Download{Action: action, Consultation: c, Details: map[string]any{
		"file": job.Filename, "report": strconv.FormatInt(job.ID, 10),
	}}
}
