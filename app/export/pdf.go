package export

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strconv"

	"codeberg.org/go-pdf/fpdf"

	"pilcrow/app/export/pdftag"
)

// Noto Sans covers Welsh (ŵ ŷ), curly quotes and dashes, which the PDF core fonts
// do not; its licence, the SIL OFL, is in fonts/OFL.txt. Characters it lacks
// are replaced by readable stand-ins (see substitute).
var (
	//go:embed fonts/NotoSans-Regular.ttf
	fontRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	fontBold []byte
)

// Page geometry in millimetres (A4).
const (
	pageW, pageH = 210.0, 297.0
	margin       = 20.0
	contentW     = pageW - 2*margin
	bottomMargin = 22.0
	lineH        = 5.5
	tocLineH     = 7.0
	tocPerPage   = 32
	indentW      = 7.0 // per level of reply
	fontFamily   = "NotoSans"
	pagesAlias   = "{nb}"
)

// Text colours from the GOV.UK palette.
var (
	colourText      = [3]int{11, 12, 12}
	colourSecondary = [3]int{80, 90, 95}
)

// pdfWriter writes the report as a tagged A4 PDF: every piece of content is
// marked and placed in the structure tree as it is drawn.
type pdfWriter struct {
	f      *fpdf.Fpdf
	r      *Report
	tags   *pdftag.Tree
	cov    coverage
	toc    []tocEntry
	paused *pdftag.Elem // the element an automatic page break interrupted

	contentsAt    *pdftag.Elem // where the contents go in the structure
	contentsFrom  int
	contentsPages int
	headings      int // how many headings the contents will list
}

// tocEntry is one line of the contents page, filled in once its page is known.
type tocEntry struct {
	title string
	level int
	page  int
}

// WritePDF writes the summary report as a tagged A4 PDF. progress, when not
// nil, is called after each paragraph so a long report can show how far it has got.
func WritePDF(w io.Writer, r Report, progress func(done, total int)) error {
	p := &pdfWriter{r: &r, cov: fontCoverage()}
	var counter headingCounter
	compose(&r, &counter, nil)
	p.headings = counter.n
	p.f = p.newDocument()
	p.tags = pdftag.New(p.f)
	compose(&r, p, progress)
	p.fillContents()
	p.tags.End()
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("building report: %w", err)
	}
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		return err
	}
	tagged, err := p.tags.Finish(buf.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(tagged)
	return err
}

// newDocument sets up an A4 document with the embedded fonts, the metadata of
// an accessible document and the page footer as an artifact.
func (p *pdfWriter) newDocument() *fpdf.Fpdf {
	r := p.r
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(true, bottomMargin)
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.SetTitle(p.clean(r.Title), true)
	f.SetAuthor(p.clean(r.Organisation), true)
	f.SetLang(r.lang())
	f.SetCreationDate(r.Generated)
	f.SetModificationDate(r.Generated)
	f.SetXmpMetadata(pdftag.XMP(r.Title, r.lang(), r.Organisation, r.Generated))
	f.AliasNbPages(pagesAlias)
	f.SetHeaderFunc(func() { p.tags.PageStart(p.paused); p.paused = nil })
	f.SetFooterFunc(func() {
		p.paused = p.tags.PageEnd()
		p.tags.Artifact("Pagination", func() {
			f.SetY(-15)
			f.SetFont(fontFamily, "", 9)
			f.SetTextColor(colourSecondary[0], colourSecondary[1], colourSecondary[2])
			f.CellFormat(contentW/2, 6, shorten(p.clean(r.Title), 60), "", 0, "L", false, 0, "")
			f.CellFormat(contentW/2, 6, r.label("report.page", f.PageNo(), pagesAlias), "", 0, "R", false, 0, "")
			f.SetTextColor(colourText[0], colourText[1], colourText[2])
		})
	})
	return f
}

// clean prepares user text for the font: control characters dropped and
// characters without a glyph replaced by readable stand-ins.
func (p *pdfWriter) clean(s string) string {
	return substitute(clean(s), p.cov, func(n int, script string) string {
		key := "report.missing.other"
		if n == 1 {
			key = "report.missing.one"
		}
		return "[" + p.r.label(key, n, script) + "]"
	})
}

// lay prepares text for a column w wide: cleaned, and with soft hyphens shown
// only where a line breaks at them.
func (p *pdfWriter) lay(s string, w float64) string {
	return wrapSoftHyphens(p.clean(s), w-2, p.f.GetStringWidth)
}

// ensureSpace starts a new page unless h millimetres are left on this one, so a
// heading or chart is never split from what follows it.
func (p *pdfWriter) ensureSpace(h float64) {
	if p.f.GetY()+h > pageH-bottomMargin {
		p.tags.End()
		p.f.AddPage()
	}
}

func (p *pdfWriter) body() {
	p.f.SetFont(fontFamily, "", 10)
	p.f.SetTextColor(colourText[0], colourText[1], colourText[2])
}

func (p *pdfWriter) title(text string) {
	f := p.f
	f.AddPage()
	f.SetY(70)
	f.Bookmark(p.clean(text), 0, -1)
	p.tags.Begin("H1")
	f.SetFont(fontFamily, "B", 26)
	f.MultiCell(contentW, 12, p.lay(text, contentW), "", "L", false)
	p.tags.End()
	f.Ln(4)
}

// contents reserves pages for the contents, enough for every heading that
// will be listed, and marks where they go in the structure.
func (p *pdfWriter) contents() {
	p.tags.End()
	p.contentsPages = max(1, (p.headings+tocPerPage-1)/tocPerPage)
	p.contentsFrom = p.f.PageNo() + 1
	p.contentsAt = p.tags.Placeholder("Sect")
	for i := range p.contentsPages {
		p.f.AddPage()
		if i == 0 {
			p.f.Bookmark(p.r.label("report.contents"), 1, -1)
		}
	}
}

// fillContents goes back to the reserved pages and lists every heading with the
// page it landed on, which is only known once the rest is written.
func (p *pdfWriter) fillContents() {
	f := p.f
	p.tags.End()
	last := f.PageNo()
	auto, bottom := f.GetAutoPageBreak()
	f.SetAutoPageBreak(false, bottom) // stay on the reserved pages
	p.tags.Within(p.contentsAt, func() {
		for i, e := range p.toc {
			if i/tocPerPage >= p.contentsPages {
				break // never write over the report itself
			}
			if i%tocPerPage == 0 {
				f.SetPage(p.contentsFrom + i/tocPerPage)
				f.SetXY(margin, margin)
				if i == 0 {
					p.tags.Begin("H2")
					f.SetFont(fontFamily, "B", 16)
					f.CellFormat(contentW, 10, p.r.label("report.contents"), "", 1, "L", false, 0, "")
					p.tags.End()
					f.Ln(2)
					p.tags.Push("TOC")
				}
			}
			p.tocLine(e)
		}
		p.tags.Pop()
	})
	f.SetPage(last) // the page count and further output depend on the current page
	f.SetAutoPageBreak(auto, bottom)
}

// tocLine writes one contents entry.
func (p *pdfWriter) tocLine(e tocEntry) {
	f := p.f
	indent := 8.0 * float64(e.level-2)
	style, size := "B", 11.0
	if e.level > 2 {
		style, size = "", 10
	}
	p.tags.Push("TOCI")
	p.tags.Begin("P")
	f.SetFont(fontFamily, style, size)
	f.SetX(margin + indent)
	f.CellFormat(contentW-indent-20, tocLineH, shorten(e.title, 80), "", 0, "L", false, 0, "")
	f.CellFormat(20, tocLineH, strconv.Itoa(e.page), "", 1, "R", false, 0, "")
	p.tags.End()
	p.tags.Pop()
}

func (p *pdfWriter) heading(level int, text string, newPage bool) {
	f := p.f
	p.tags.End()
	size := 16.0
	if level > 2 {
		size = 13
	}
	if newPage {
		f.AddPage()
	} else {
		p.ensureSpace(size*2 + 30) // keep a heading with what follows it
	}
	if f.GetY() > margin+1 {
		f.Ln(3)
	}
	text = p.clean(text)
	f.Bookmark(text, level-1, -1)
	p.toc = append(p.toc, tocEntry{title: text, level: level, page: f.PageNo()})
	p.tags.Begin("H" + strconv.Itoa(level))
	f.SetFont(fontFamily, "B", size)
	f.MultiCell(contentW, size*0.5, wrapSoftHyphens(text, contentW-2, f.GetStringWidth), "", "L", false)
	p.tags.End()
	f.Ln(2)
	p.body()
}

func (p *pdfWriter) text(s string, style textStyle, indent int) {
	f := p.f
	x := margin + indentW*float64(indent)
	w := contentW - indentW*float64(indent)
	role, h, fill := "P", lineH, false
	switch style {
	case styleLead:
		f.SetFont(fontFamily, "", 14)
		h = 8
	case styleNote:
		f.SetFont(fontFamily, "", 9)
		f.SetTextColor(colourSecondary[0], colourSecondary[1], colourSecondary[2])
		h = lineH - 0.5
	case styleByline:
		p.ensureSpace(3 * lineH)
		f.SetFont(fontFamily, "B", 9.5)
	case styleQuote:
		role, fill = "BlockQuote", true
		f.SetFillColor(243, 242, 241) // GOV.UK light grey
	case styleStrong:
		p.ensureSpace(3 * lineH)
		if f.GetY() > margin+1 {
			f.Ln(3) // space between one paragraph's comments and the next paragraph
		}
		f.SetFont(fontFamily, "B", 11)
		h = lineH + 0.5
	}
	p.tags.Begin(role)
	f.SetX(x)
	f.MultiCell(w, h, p.lay(s, w), "", "L", fill)
	p.tags.End()
	switch style {
	case styleQuote:
		f.Ln(1.5)
	case styleBody, styleLead:
		f.Ln(1.5)
	}
	p.body()
}

func (p *pdfWriter) list(items []string) {
	f := p.f
	p.tags.End()
	p.tags.Push("L")
	for _, it := range items {
		p.tags.Push("LI")
		p.ensureSpace(lineH * 2)
		y := f.GetY()
		p.tags.Begin("Lbl")
		f.SetXY(margin+2, y)
		f.CellFormat(5, lineH, "–", "", 0, "L", false, 0, "")
		p.tags.Begin("LBody")
		f.SetXY(margin+8, y)
		f.MultiCell(contentW-8, lineH, p.lay(it, contentW-8), "", "L", false)
		p.tags.End()
		p.tags.Pop()
		f.Ln(1)
	}
	p.tags.Pop()
}

func (p *pdfWriter) table(t table) {
	f := p.f
	p.tags.End()
	widths := make([]float64, len(t.Header))
	rest := contentW
	for i := 1; i < len(widths); i++ {
		widths[i] = 35
		rest -= 35
	}
	widths[0] = rest
	f.SetDrawColor(177, 180, 182)
	p.tags.Push("Table")
	p.ensureSpace(7 * 3)
	p.tags.Push("THead")
	p.tags.Push("TR")
	p.cells(t, t.Header, widths, true)
	p.tags.Pop()
	p.tags.Pop()
	p.tags.Push("TBody")
	for _, r := range t.Rows {
		if f.GetY()+7 > pageH-bottomMargin {
			p.tags.End()
			f.AddPage()
			// The header row again on the new page, for the eye only.
			p.tags.Artifact("Pagination", func() { p.plainRow(t, t.Header, widths) })
		}
		p.tags.Push("TR")
		p.cells(t, r, widths, false)
		p.tags.Pop()
	}
	p.tags.Pop()
	p.tags.Pop()
	f.Ln(4)
}

// plainRow writes a header row again without tagging it, inside an artifact.
func (p *pdfWriter) plainRow(t table, cells []string, widths []float64) {
	f := p.f
	f.SetFont(fontFamily, "B", 10)
	for i, c := range cells {
		align := "L"
		if i < len(t.Numeric) && t.Numeric[i] {
			align = "R"
		}
		f.CellFormat(widths[i], 7, p.fit(p.clean(c), widths[i]-2), "B", min(1, max(0, i-len(cells)+2)), align, false, 0, "")
	}
	p.body()
}

// cells writes one row of a table, each cell its own TH or TD.
func (p *pdfWriter) cells(t table, cells []string, widths []float64, header bool) {
	f := p.f
	style, role := "", "TD"
	if header {
		style, role = "B", "TH"
	}
	for i, c := range cells {
		e := p.tags.Begin(role)
		if header {
			e.Scope = "Column"
		}
		f.SetFont(fontFamily, style, 10)
		align := "L"
		if i < len(t.Numeric) && t.Numeric[i] {
			align = "R"
		}
		ln := 0
		if i == len(cells)-1 {
			ln = 1
		}
		f.CellFormat(widths[i], 7, p.fit(p.clean(c), widths[i]-2), "B", ln, align, false, 0, "")
	}
	p.tags.End()
	p.body()
}

// fit shortens text until it fits in w millimetres at the current font.
func (p *pdfWriter) fit(s string, w float64) string {
	if p.f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi { // the longest prefix that fits, by halving
		mid := (lo + hi + 1) / 2
		if p.f.GetStringWidth(string(r[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + "…"
}

// headingCounter is a sink that only counts the headings the contents will list.
type headingCounter struct{ n int }

func (c *headingCounter) title(string)                    {}
func (c *headingCounter) contents()                       {}
func (c *headingCounter) heading(int, string, bool)       { c.n++ }
func (c *headingCounter) text(string, textStyle, int)     {}
func (c *headingCounter) stances(ParagraphReport, string) {}
func (c *headingCounter) list([]string)                   {}
func (c *headingCounter) table(table)                     {}
func (c *headingCounter) chart(chart)                     {}
func (c *headingCounter) picture(Picture)                 {}
