// Package export writes the policy team's exports of a consultation: the CSV of
// every comment and the PDF summary report.
package export

import (
	"io"
	"strconv"
	"strings"
	"time"
)

// Row is one comment in the policy team's export, in the contract's column order.
type Row struct {
	Consultation     string
	DocumentVersion  int
	ParagraphNumber  int // 0 means a comment on the whole document: an empty cell
	ParagraphKey     string
	ParagraphExcerpt string
	CommentID        int64
	ParentCommentID  int64 // 0 means not a reply: an empty cell
	SubmittedAt      time.Time
	Author           string
	RespondingAs     string
	Organisation     string
	Publish          string
	Stance           string
	Status           string
	ModerationReason string
	ModeratedAt      *time.Time // nil means not moderated: an empty cell
	Body             string
	Channel          string // "online", "email", "post", "event" or "phone"
	Themes           string // the analysts' theme names, joined by "; "
	Language         string // "en" or "cy"
}

// CSVHeader is the export's header row, fixed by the contract.
var CSVHeader = []string{
	"consultation", "document_version", "paragraph_number", "paragraph_key",
	"paragraph_excerpt", "comment_id", "parent_comment_id", "submitted_at", "author",
	"responding_as", "organisation", "publish", "stance", "status",
	"moderation_reason", "moderated_at", "body", "channel", "themes", "language",
}

// utf8BOM makes Excel read the file as UTF-8 rather than the local code page,
// which would mangle Welsh and accented names.
const utf8BOM = "\ufeff"

// CSVWriter streams export rows; memory stays flat however many rows it writes.
type CSVWriter struct {
	sheet
	record []string // reused for every row
}

// NewCSVWriter writes the byte-order mark and the header row to w.
func NewCSVWriter(w io.Writer) (*CSVWriter, error) {
	sh, err := newSheet(w, CSVHeader)
	if err != nil {
		return nil, err
	}
	return &CSVWriter{sheet: sh, record: make([]string, len(CSVHeader))}, nil
}

// Write appends one row; call Flush when done.
func (c *CSVWriter) Write(r Row) error {
	rec := c.record
	rec[0] = Neutralise(r.Consultation)
	rec[1] = strconv.Itoa(r.DocumentVersion)
	rec[2] = optionalInt(int64(r.ParagraphNumber))
	rec[3] = Neutralise(r.ParagraphKey)
	rec[4] = Neutralise(r.ParagraphExcerpt)
	rec[5] = strconv.FormatInt(r.CommentID, 10)
	rec[6] = optionalInt(r.ParentCommentID)
	rec[7] = formatTime(r.SubmittedAt)
	rec[8] = Neutralise(r.Author)
	rec[9] = Neutralise(r.RespondingAs)
	rec[10] = Neutralise(r.Organisation)
	rec[11] = Neutralise(r.Publish)
	rec[12] = Neutralise(r.Stance)
	rec[13] = Neutralise(r.Status)
	rec[14] = Neutralise(r.ModerationReason)
	rec[15] = ""
	if r.ModeratedAt != nil {
		rec[15] = formatTime(*r.ModeratedAt)
	}
	rec[16] = Neutralise(r.Body)
	rec[17] = Neutralise(r.Channel)
	rec[18] = Neutralise(r.Themes)
	rec[19] = Neutralise(r.Language)
	return c.csv.Write(rec)
}

// Neutralise stops a spreadsheet running a cell as a formula, following the OWASP
// CSV injection guidance: a cell that starts with = + - @ tab or carriage return,
// even after leading spaces (which spreadsheets skip), gets a leading apostrophe.
func Neutralise(cell string) string {
	if cell == "" {
		return cell
	}
	if isFormulaStart(cell[0]) {
		return "'" + cell
	}
	trimmed := strings.TrimLeft(cell, " ")
	if trimmed != "" && isFormulaStart(trimmed[0]) {
		return "'" + cell
	}
	return cell
}

func isFormulaStart(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// CSVFilename is the download name fixed by the contract.
func CSVFilename(slug string, day time.Time) string {
	return slug + "-responses-" + day.Format("20060102") + ".csv"
}

func optionalInt(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
