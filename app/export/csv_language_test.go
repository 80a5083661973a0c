package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCSVChannelThemesLanguage checks the three columns the contract adds at the end.
func TestCSVChannelThemesLanguage(t *testing.T) {
	n := len(CSVHeader)
	if !slices.Equal(CSVHeader[n-4:], []string{"body", "channel", "themes", "language"}) {
		t.Fatalf("header ends %v", CSVHeader[n-4:])
	}
	var buf bytes.Buffer
	w, err := NewCSVWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(Row{Consultation: "c", CommentID: 1, SubmittedAt: time.Now(), Body: "Helo",
		Channel: "online", Themes: "Ffyrdd; =Ysgolion", Language: "cy"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1][n-3:]; !slices.Equal(got, []string{"online", "Ffyrdd; =Ysgolion", "cy"}) {
		t.Errorf("last cells %q", got)
	}
}
