package export

import (
	"io"
	"strconv"
	"time"
)

// AnswerThemesHeader is the header of answers-themes.csv, the companion of
// answers.csv: one row per answer with text, with the themes analysts gave
// that text. answers.csv's columns are fixed by the contract, so the themes
// live in a sheet of their own, joined to it by the respondent column.
var AnswerThemesHeader = []string{"consultation", "respondent", "question", "comment_id", "text", "themes"}

// AnswerThemesRow is one answer's text with its themes.
type AnswerThemesRow struct {
	Consultation, Respondent string
	Question                 AnswerQuestion
	CommentID                int64
	Text                     string
	Themes                   string // the theme names, joined by "; "
}

// AnswerThemesWriter streams answers-themes.csv with the rules of every sheet.
type AnswerThemesWriter struct{ sheet }

// NewAnswerThemesWriter writes the BOM and the header row to w.
func NewAnswerThemesWriter(w io.Writer) (*AnswerThemesWriter, error) {
	sh, err := newSheet(w, AnswerThemesHeader)
	return &AnswerThemesWriter{sh}, err
}

// Write appends one answer's row.
func (a *AnswerThemesWriter) Write(r AnswerThemesRow) error {
	return a.csv.Write([]string{Neutralise(r.Consultation), Neutralise(r.Respondent),
		Neutralise("Q" + strconv.Itoa(r.Question.Number) + " " + r.Question.Key),
		strconv.FormatInt(r.CommentID, 10), Neutralise(r.Text), Neutralise(r.Themes)})
}

// AnswerThemesCSVFilename is the download name of answers-themes.csv.
func AnswerThemesCSVFilename(slug string, day time.Time) string {
	return slug + "-answers-themes-" + day.Format("20060102") + ".csv"
}
