package export

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"pilcrow/app/i18n"
)

// Text colours from the GOV.UK palette.
var (
	colourText      = [3]int{11, 12, 12}
	colourSecondary = [3]int{80, 90, 95}
)

// heading starts a titled part of the report and records it for the contents page
// and the PDF outline. level 0 is a report section, level 1 a document section.
func (p *pdfReport) heading(title string, level int) {
	f := p.f
	size := 16.0
	if level > 0 {
		size = 13
	}
	p.ensureSpace(size * 2)
	if f.GetY() > margin+1 {
		f.Ln(3)
	}
	title = clean(title)
	link := f.AddLink()
	f.SetLink(link, -1, -1)
	f.Bookmark(title, level, -1)
	p.toc = append(p.toc, tocEntry{title: title, level: level, page: f.PageNo(), link: link})
	f.SetFont(fontFamily, "B", size)
	f.MultiCell(contentW, size*0.5, title, "", "L", false)
	f.Ln(2)
	p.body()
}

// subheading is a bold line that is not listed in the contents.
func (p *pdfReport) subheading(text string) {
	p.ensureSpace(3 * lineH)
	p.f.SetFont(fontFamily, "B", 11)
	p.f.MultiCell(contentW, lineH+0.5, clean(text), "", "L", false)
	p.body()
}

// body resets the font for running text.
func (p *pdfReport) body() {
	p.f.SetFont(fontFamily, "", 10)
	p.f.SetTextColor(colourText[0], colourText[1], colourText[2])
}

// para writes wrapped running text.
func (p *pdfReport) para(text string) {
	p.f.MultiCell(contentW, lineH, clean(text), "", "L", false)
}

// note writes a line in the secondary text colour.
func (p *pdfReport) note(text string) {
	p.f.SetTextColor(colourSecondary[0], colourSecondary[1], colourSecondary[2])
	p.f.SetFont(fontFamily, "", 9)
	p.f.MultiCell(contentW, lineH-0.5, clean(text), "", "L", false)
	p.body()
}

// ensureSpace starts a new page unless h millimetres are left on this one, so a
// heading or chart is never split from what follows it.
func (p *pdfReport) ensureSpace(h float64) {
	if p.f.GetY()+h > pageH-bottomMargin {
		p.f.AddPage()
	}
}

// newSection starts a report section on a fresh page.
func (p *pdfReport) newSection(title string) {
	p.f.AddPage()
	p.heading(title, 0)
}

// cover writes the first page: what the report is about and when it was made.
func (p *pdfReport) cover() {
	f := p.f
	f.AddPage()
	f.SetY(70)
	f.SetFont(fontFamily, "B", 26)
	f.MultiCell(contentW, 12, clean(p.r.Title), "", "L", false)
	f.Ln(4)
	f.SetFont(fontFamily, "", 14)
	f.MultiCell(contentW, 8, p.l("pdf.cover.summary", "Summary of responses"), "", "L", false)
	if p.r.Organisation != "" {
		f.MultiCell(contentW, 8, clean(p.r.Organisation), "", "L", false)
	}
	f.Ln(10)
	f.SetFont(fontFamily, "", 11)
	f.MultiCell(contentW, 7, p.l("pdf.cover.opened", "Opened: %s", p.date(p.r.Opens)), "", "L", false)
	f.MultiCell(contentW, 7, p.l("pdf.cover.closed", "Closed: %s", p.date(p.r.Closes)), "", "L", false)
	generated := p.r.Generated.In(p.loc)
	f.MultiCell(contentW, 7, p.l("pdf.cover.generated", "Generated: %s at %s (%s)",
		i18n.FormatDate(p.r.Lang, generated), generated.Format("15:04"), p.loc), "", "L", false)
	if p.r.Slug != "" {
		f.MultiCell(contentW, 7, p.l("pdf.cover.reference", "Reference: %s", clean(p.r.Slug)), "", "L", false)
	}
}

// date formats an optional date in the report's zone.
func (p *pdfReport) date(t *time.Time) string {
	if t == nil || t.IsZero() {
		return p.l("pdf.date.none", "not set")
	}
	return i18n.FormatDate(p.r.Lang, t.In(p.loc))
}

// reserveContents adds blank pages for the contents, enough for every entry that
// will be listed, and returns the first of them and how many there are.
func (p *pdfReport) reserveContents() (first, pages int) {
	entries := reportSections + sectionHeadings(p.r.Paragraphs)
	pages = (entries + tocPerPage - 1) / tocPerPage
	first = p.f.PageNo() + 1
	for i := range pages {
		p.f.AddPage()
		if i == 0 {
			p.f.Bookmark(p.l("pdf.contents", "Contents"), 0, -1)
		}
	}
	return first, pages
}

// fillContents goes back to the reserved pages and lists every heading with the
// page it landed on, which is only known once the rest is written.
func (p *pdfReport) fillContents(first, pages int) {
	f := p.f
	last := f.PageNo()
	auto, bottom := f.GetAutoPageBreak()
	f.SetAutoPageBreak(false, bottom) // stay on the reserved pages
	for i, e := range p.toc {
		if i/tocPerPage >= pages {
			break // never write over the report itself
		}
		if i%tocPerPage == 0 {
			f.SetPage(first + i/tocPerPage)
			f.SetXY(margin, margin)
			if i == 0 {
				f.SetFont(fontFamily, "B", 16)
				f.CellFormat(contentW, 10, p.l("pdf.contents", "Contents"), "", 1, "L", false, 0, "")
				f.Ln(2)
			}
		}
		p.tocLine(e)
	}
	f.SetPage(last) // the page count and further output depend on the current page
	f.SetAutoPageBreak(auto, bottom)
}

// tocLine writes one contents entry, linked to its heading.
func (p *pdfReport) tocLine(e tocEntry) {
	f := p.f
	indent := 8.0 * float64(e.level)
	style, size := "B", 11.0
	if e.level > 0 {
		style, size = "", 10
	}
	f.SetFont(fontFamily, style, size)
	f.SetX(margin + indent)
	f.CellFormat(contentW-indent-20, tocLineH, shorten(clean(e.title), 80), "", 0, "L", false, e.link, "")
	f.CellFormat(20, tocLineH, fmt.Sprint(e.page), "", 1, "R", false, e.link, "")
}

// sectionHeadings counts the document-section headings paragraphs() will write:
// one each time the section changes, even back to an earlier one.
func sectionHeadings(paragraphs []ParagraphReport) int {
	n, section := 0, ""
	for _, pr := range paragraphs {
		if pr.Section != "" && pr.Section != section {
			section = pr.Section
			n++
		}
	}
	return n
}

// clean makes user text safe to lay out: line endings unified, tabs as spaces,
// other control characters dropped, since they have no glyph in the font, and
// characters beyond the Basic Multilingual Plane (emoji) shown as U+FFFD, since
// fpdf cannot encode them and would abandon the whole report.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r), r == '\ufeff':
			return -1
		case r > 0xffff:
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

// shorten cuts s to at most n runes, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	if len(s) <= n { // bytes ≥ runes, so this is a cheap common case
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// truncateBody shortens a very long comment at a word boundary and says whether
// it did, so the report can tell the reader the full text is in the CSV export.
func truncateBody(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	r := []rune(s)
	if len(r) <= n {
		return s, false
	}
	cut := string(r[:n])
	if i := strings.LastIndexAny(cut, " \n"); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + " […]", true
}
