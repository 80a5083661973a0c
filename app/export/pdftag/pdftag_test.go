package pdftag

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestFinish tags a two-page document whose paragraph crosses the page break
// and checks the update: every cross-reference entry points at its object, the
// catalog marks the document tagged, and the paragraph has content on both pages.
func TestFinish(t *testing.T) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetFont("Helvetica", "", 12)
	tags := New(f)
	var paused *Elem
	f.SetHeaderFunc(func() { tags.PageStart(paused); paused = nil })
	f.SetFooterFunc(func() {
		paused = tags.PageEnd()
		tags.Artifact("Pagination", func() { f.SetY(-15); f.CellFormat(0, 5, fmt.Sprint(f.PageNo()), "", 0, "R", false, 0, "") })
	})
	f.AddPage()
	tags.Begin("H1")
	f.CellFormat(0, 10, "Title", "", 1, "L", false, 0, "")
	tags.Begin("P")
	f.MultiCell(0, 6, strings.Repeat("A long paragraph that runs over the page. ", 200), "", "L", false)
	tags.End()
	e := tags.Begin("Figure")
	e.Alt = "A chart 🚌"
	f.Rect(20, f.GetY(), 50, 10, "F")
	tags.End()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	out, err := tags.Finish(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if f.PageCount() < 2 {
		t.Fatalf("the paragraph did not cross a page: %d pages", f.PageCount())
	}
	m := regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`).FindSubmatch(out)
	xref, _ := strconv.Atoi(string(m[1]))
	lines := strings.Split(string(out[xref:]), "\n")[1:]
	for i := 0; !strings.HasPrefix(lines[i], "trailer"); {
		var start, n int
		fmt.Sscanf(lines[i], "%d %d", &start, &n)
		i++
		for k := range n {
			off, _ := strconv.Atoi(lines[i][:10])
			if !bytes.HasPrefix(out[off:], fmt.Appendf(nil, "%d 0 obj", start+k)) {
				t.Errorf("entry for object %d points elsewhere", start+k)
			}
			i++
		}
	}
	s := string(out)
	for _, want := range []string{"/MarkInfo <</Marked true>>", "/StructTreeRoot", "/StructParents 1", "/S /H1",
		"/Alt <FEFF00410020006300680061007200740020D83DDE8C>"} {
		if !strings.Contains(s, want) {
			t.Errorf("PDF lacks %s", want)
		}
	}
	if p := regexp.MustCompile(`/S /P /P \d+ 0 R /K \[<</Type /MCR /Pg (\d+) 0 R /MCID \d+>> <</Type /MCR /Pg (\d+) 0 R`).FindStringSubmatch(s); p == nil || p[1] == p[2] {
		t.Errorf("the paragraph's content is not on two pages: %v", p)
	}
}
