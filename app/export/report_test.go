package export

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestCoverClosesOrClosed(t *testing.T) {
	closes := time.Date(2027, 1, 8, 23, 59, 0, 0, time.UTC)
	cases := []struct {
		name      string
		generated time.Time
		want      string
	}{
		{"still open", closes.Add(-time.Hour), "Closes: 8 January 2027 at 11:59pm"},
		{"closed", closes.Add(time.Hour), "Closed: 8 January 2027 at 11:59pm"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Report{Title: "Dates", Closes: &closes, Generated: tc.generated, T: labels()}
			var buf bytes.Buffer
			if err := WritePDF(&buf, r, nil); err != nil {
				t.Fatal(err)
			}
			if text := strings.Join(pdfPages(t, buf.Bytes()), "\n"); !strings.Contains(text, tc.want) {
				t.Errorf("cover lacks %q", tc.want)
			}
		})
	}
}

func TestSubstituteMissingGlyphs(t *testing.T) {
	cov := fontCoverage()
	if !cov['ŵ'] || !cov['“'] || cov['中'] || cov['🚌'] {
		t.Fatalf("font coverage read wrongly: ŵ %v “ %v 中 %v 🚌 %v", cov['ŵ'], cov['“'], cov['中'], cov['🚌'])
	}
	got := substitute(clean("Bws 🚌\u200d\ufe0f 中文 ŵ"), cov, func(n int, script string) string {
		return "<" + script + ":" + string(rune('0'+n)) + ">"
	})
	if got != "Bws [bus] <Han:2> ŵ" {
		t.Errorf("substitute = %q", got)
	}
}

func TestWrapSoftHyphens(t *testing.T) {
	width := func(s string) float64 { return float64(len([]rune(s))) }
	cases := []struct {
		in   string
		w    float64
		want string
	}{
		{"extra\u00adordinary", 20, "extraordinary"},                  // fits: invisible
		{"an extra\u00adordinary day", 12, "an extra-\nordinary day"}, // breaks at it: a hyphen
		{"plain words only here", 5, "plain words only here"},         // no soft hyphen: untouched
		{"aaaa bbbb\u00adcccc\u00addddd", 6, "aaaa\nbbbb-\ncccc-\ndddd"},
	}
	for _, tc := range cases {
		if got := wrapSoftHyphens(tc.in, tc.w, width); got != tc.want {
			t.Errorf("wrap(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestReportHooks: questions and themes get their own sections when present,
// with a table and a chart for each question.
func TestReportHooks(t *testing.T) {
	r := sampleReport(1, 1)
	r.Questions = []QuestionResult{{Title: "Should buses run on Sundays?", Options: []OptionCount{{"Yes", 40}, {"No", 2}},
		Answers: []PublicComment{{Author: "Gwen", Body: "Yes, for church."}}}}
	r.Themes = []ThemeSummary{{Name: "Sunday services", Count: 12, Description: "People asked for Sunday buses."}}
	var buf bytes.Buffer
	if err := WritePDF(&buf, r, nil); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(pdfPages(t, buf.Bytes()), "\n")
	for _, want := range []string{"Question results", "Should buses run on Sundays?", "Yes, for church.", "Themes", "Sunday services", "People asked for Sunday buses."} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if n := strings.Count(buf.String(), "/S /Figure"); n != 3 {
		t.Errorf("%d figures, want 3 (two charts and the question's)", n)
	}
	if !strings.Contains(buf.String(), "/S /L ") || !strings.Contains(buf.String(), "/S /LBody") {
		t.Errorf("the campaign's variations are not a tagged list")
	}
}
