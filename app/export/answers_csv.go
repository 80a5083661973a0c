package export

import (
	"io"
	"strconv"
	"strings"
	"time"
)

// AnswersHeader is the fixed start of answers.csv's header row; two columns
// per question follow, in document order.
var AnswersHeader = []string{
	"consultation", "respondent", "author", "responding_as", "organisation", "publish",
	"channel", "language", "first_answered_at", "last_answered_at",
}

// AnswerQuestion names one question's pair of columns.
type AnswerQuestion struct {
	Number int    // Q1, Q2… in document order
	Key    string // the block key
}

// AnswerCell is one person's answer to one question.
type AnswerCell struct {
	Choices []string // joined by "; " in the cell
	Text    string
}

// AnswersRow is one respondent in answers.csv.
type AnswersRow struct {
	Consultation, Respondent, Author, RespondingAs, Organisation, Publish, Channel, Language string
	FirstAnsweredAt, LastAnsweredAt                                                          time.Time
	Answers                                                                                  map[string]AnswerCell // by question key
}

// AnswersWriter streams answers.csv with the comments export's rules: a BOM,
// RFC 4180 quoting with CRLF, and formula cells neutralised.
type AnswersWriter struct {
	sheet
	questions []AnswerQuestion
	record    []string
}

// NewAnswersWriter writes the BOM and the header row for the questions to w.
func NewAnswersWriter(w io.Writer, questions []AnswerQuestion) (*AnswersWriter, error) {
	header := append([]string{}, AnswersHeader...)
	for _, q := range questions {
		col := "Q" + strconv.Itoa(q.Number) + " " + q.Key
		header = append(header, Neutralise(col), Neutralise(col+" text"))
	}
	sh, err := newSheet(w, header)
	if err != nil {
		return nil, err
	}
	return &AnswersWriter{sheet: sh, questions: questions, record: make([]string, len(header))}, nil
}

// Write appends one respondent's row.
func (a *AnswersWriter) Write(r AnswersRow) error {
	rec := a.record
	fixed := []string{r.Consultation, r.Respondent, r.Author, r.RespondingAs, r.Organisation, r.Publish, r.Channel, r.Language}
	for i, v := range fixed {
		rec[i] = Neutralise(v)
	}
	rec[8], rec[9] = formatTime(r.FirstAnsweredAt), formatTime(r.LastAnsweredAt)
	for i, q := range a.questions {
		cell := r.Answers[q.Key]
		rec[len(AnswersHeader)+2*i] = Neutralise(strings.Join(cell.Choices, "; "))
		rec[len(AnswersHeader)+2*i+1] = Neutralise(cell.Text)
	}
	return a.csv.Write(rec)
}

// AnswersCSVFilename is the download name of answers.csv.
func AnswersCSVFilename(slug string, day time.Time) string {
	return slug + "-answers-" + day.Format("20060102") + ".csv"
}
