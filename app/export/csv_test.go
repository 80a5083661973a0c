package export

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(utf8BOM)) {
		t.Fatalf("export does not start with a UTF-8 byte-order mark")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM))))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("reading back the export: %v", err)
	}
	return records
}

func writeRows(t *testing.T, rows ...Row) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewCSVWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCSVHeaderOnly(t *testing.T) {
	data := writeRows(t)
	want := utf8BOM + strings.Join(CSVHeader, ",") + "\r\n"
	if string(data) != want {
		t.Fatalf("got %q, want %q", data, want)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	submitted := time.Date(2026, 3, 1, 14, 5, 0, 0, time.FixedZone("BST", 3600))
	moderated := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	full := Row{
		Consultation: "Bus routes, 2026", DocumentVersion: 2, ParagraphNumber: 7,
		ParagraphKey: "k7", ParagraphExcerpt: `He said "no", then left`,
		CommentID: 42, ParentCommentID: 41, SubmittedAt: submitted,
		Author: "Ŵyn Ŷr", RespondingAs: "organisation", Organisation: "Cymdeithas Ŷd",
		Publish: "name", Stance: "agree", Status: "rejected", ModerationReason: "=HYPERLINK(\"http://x\")",
		ModeratedAt: &moderated, Body: "line one\r\nline two\nline three, with comma",
		Themes: "=Cost; Safety",
	}
	empty := Row{Consultation: "c", DocumentVersion: 1, CommentID: 43, SubmittedAt: moderated}
	records := readCSV(t, writeRows(t, full, empty))
	if len(records) != 3 {
		t.Fatalf("got %d records, want 3", len(records))
	}
	if !slices.Equal(records[0], CSVHeader) {
		t.Fatalf("header %q", records[0])
	}
	wantFull := []string{"Bus routes, 2026", "2", "7", "k7", `He said "no", then left`,
		"42", "41", "2026-03-01T13:05:00Z", "Ŵyn Ŷr", "organisation", "Cymdeithas Ŷd",
		"name", "agree", "rejected", "'=HYPERLINK(\"http://x\")", "2026-03-02T09:00:00Z",
		// encoding/csv reads a quoted CRLF back as LF.
		"line one\nline two\nline three, with comma", "", "'=Cost; Safety", ""}
	if !slices.Equal(records[1], wantFull) {
		t.Errorf("full row\n got %q\nwant %q", records[1], wantFull)
	}
	wantEmpty := []string{"c", "1", "", "", "", "43", "", "2026-03-02T09:00:00Z",
		"", "", "", "", "", "", "", "", "", "", "", ""}
	if !slices.Equal(records[2], wantEmpty) {
		t.Errorf("empty row\n got %q\nwant %q", records[2], wantEmpty)
	}
}

func TestCSVFormulaCellsAreNeutralised(t *testing.T) {
	for _, body := range []string{`=HYPERLINK("http://evil","x")`, "+1", "-2", "@SUM(A1:A2)",
		"\t=1", "\r=1", "  =1+1"} {
		t.Run(body, func(t *testing.T) {
			records := readCSV(t, writeRows(t, Row{CommentID: 1, Body: body, Author: body}))
			// encoding/csv in CRLF mode drops a lone carriage return; the
			// apostrophe must still lead the cell.
			want := "'" + strings.ReplaceAll(body, "\r", "")
			if got := records[1][16]; got != want {
				t.Errorf("body %q read back as %q", body, got)
			}
			if got := records[1][8]; got != want {
				t.Errorf("author %q read back as %q", body, got)
			}
		})
	}
}

func TestNeutralise(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"plain", "I agree", "I agree"},
		{"equals", "=1", "'=1"},
		{"plus", "+1", "'+1"},
		{"minus", "-2", "'-2"},
		{"at", "@SUM", "'@SUM"},
		{"tab", "\t=1", "'\t=1"},
		{"carriage return", "\r=1", "'\r=1"},
		{"after spaces", "   =1", "'   =1"},
		{"only spaces", "   ", "   "},
		{"inside", "a=b", "a=b"},
		{"welsh", "Ŵyn", "Ŵyn"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Neutralise(c.in); got != c.want {
				t.Errorf("Neutralise(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestCSVFilename(t *testing.T) {
	got := CSVFilename("bus-routes", time.Date(2026, 1, 9, 23, 0, 0, 0, time.UTC))
	if want := "bus-routes-responses-20260109.csv"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func sampleRow(i int) Row {
	at := time.Date(2026, 3, 1, 0, 0, i%86400, 0, time.UTC)
	return Row{Consultation: "bus-routes", DocumentVersion: 1, ParagraphNumber: i%300 + 1,
		ParagraphKey: "p-abc", ParagraphExcerpt: "Buses should run every ten minutes",
		CommentID: int64(i + 1), SubmittedAt: at, Author: "Siân Ŵyn", RespondingAs: "individual",
		Publish: "name", Stance: "agree", Status: "approved", ModeratedAt: &at,
		Body: "I agree, \"strongly\", with this paragraph.\nSecond line."}
}

// TestCSVAllocationsDoNotGrow checks that the writer's memory per row is constant,
// so a 100,000-row export streams instead of building up.
func TestCSVAllocationsDoNotGrow(t *testing.T) {
	w, err := NewCSVWriter(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	row := sampleRow(1)
	perRow := testing.AllocsPerRun(1000, func() { _ = w.Write(row) })
	if perRow > 8 {
		t.Errorf("%.1f allocations per row, want a small constant", perRow)
	}
}

func BenchmarkCSVWriter100k(b *testing.B) {
	b.ReportAllocs()
	rows := make([]Row, 1000)
	for i := range rows {
		rows[i] = sampleRow(i)
	}
	for b.Loop() {
		w, err := NewCSVWriter(io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		for i := range 100_000 {
			if err := w.Write(rows[i%len(rows)]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
	}
}
