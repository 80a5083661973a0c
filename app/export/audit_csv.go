package export

import (
	"io"
	"strconv"
	"time"
)

// AuditHeader is the header of the audit log's CSV download.
var AuditHeader = []string{"id", "created_at", "actor_id", "actor", "action", "target_type", "target_id", "before", "after"}

// AuditRow is one audit entry as the download shows it.
type AuditRow struct {
	ID                                  int64
	CreatedAt                           time.Time
	ActorID                             string // "" for the system
	Actor, Action, TargetType, TargetID string
	Before, After                       string // the entry's JSON
}

// AuditWriter streams the audit log with the rules of every sheet: BOM, CRLF
// and every cell neutralised, since names and JSON come from people.
type AuditWriter struct{ sheet }

// NewAuditWriter writes the BOM and the header row to w.
func NewAuditWriter(w io.Writer) (*AuditWriter, error) {
	sh, err := newSheet(w, AuditHeader)
	return &AuditWriter{sh}, err
}

// Write appends one entry's row.
func (a *AuditWriter) Write(r AuditRow) error {
	row := []string{strconv.FormatInt(r.ID, 10), r.CreatedAt.UTC().Format(time.RFC3339), r.ActorID, r.Actor,
		r.Action, r.TargetType, r.TargetID, r.Before, r.After}
	for i := range row {
		row[i] = Neutralise(row[i])
	}
	return a.csv.Write(row)
}
