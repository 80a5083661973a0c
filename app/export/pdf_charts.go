package export

import (
	"strconv"

	"pilcrow/app/i18n"
)

// Chart colours from the GOV.UK palette, each at least 3:1 against white.
var (
	colourBar      = [3]int{29, 112, 184} // blue
	colourAgree    = [3]int{0, 112, 60}   // green
	colourDisagree = [3]int{212, 53, 28}  // red
	colourNeutral  = [3]int{80, 90, 95}   // dark grey
	colourNoView   = [3]int{177, 180, 182}
	colourAxis     = [3]int{80, 90, 95}
)

func (p *pdfReport) fill(c [3]int) { p.f.SetFillColor(c[0], c[1], c[2]) }

// perDayChart draws responses per day as vertical bars with a labelled axis.
func (p *pdfReport) perDayChart() {
	const plotH, labelW = 60.0, 12.0
	p.ensureSpace(plotH + 40)
	p.heading(p.l("pdf.days", "Responses per day"), 0)
	days := p.r.PerDay
	if len(days) == 0 {
		p.para(p.l("pdf.days.none", "No responses yet."))
		return
	}
	f := p.f
	most := 0
	for _, d := range days {
		most = max(most, d.Count)
	}
	top := f.GetY() + 4
	left, plotW := margin+labelW, contentW-labelW
	p.axes(left, top, plotW, plotH, most)
	slot := plotW / float64(len(days))
	p.fill(colourBar)
	for i, d := range days {
		h := plotH * float64(d.Count) / float64(max(most, 1))
		f.Rect(left+float64(i)*slot+slot*0.1, top+plotH-h, slot*0.8, h, "F")
	}
	// Label about six days along the axis so the labels never overlap.
	f.SetFont(fontFamily, "", 8)
	step := max(1, (len(days)+5)/6)
	for i := 0; i < len(days); i += step {
		f.SetXY(left+float64(i)*slot+slot/2-12, top+plotH+1)
		f.CellFormat(24, 4, days[i].Day.In(p.loc).Format("2 Jan"), "", 0, "C", false, 0, "")
	}
	f.SetXY(margin, top+plotH+7)
	p.note(p.l("pdf.days.note", "Bars show the number of comments submitted each day, %s to %s. The tallest bar is %d.",
		i18n.FormatDate(p.r.Lang, days[0].Day.In(p.loc)), i18n.FormatDate(p.r.Lang, days[len(days)-1].Day.In(p.loc)), most))
	f.Ln(4)
}

// axes draws the left and bottom axes with the value scale at 0, half and max.
func (p *pdfReport) axes(left, top, w, h float64, most int) {
	f := p.f
	f.SetDrawColor(colourAxis[0], colourAxis[1], colourAxis[2])
	f.SetLineWidth(0.3)
	f.Line(left, top, left, top+h)
	f.Line(left, top+h, left+w, top+h)
	f.SetFont(fontFamily, "", 8)
	for _, v := range []int{0, most / 2, most} {
		y := top + h - h*float64(v)/float64(max(most, 1))
		f.SetXY(left-13, y-2)
		f.CellFormat(11, 4, strconv.Itoa(v), "", 0, "R", false, 0, "")
		f.Line(left-1, y, left, y)
	}
	p.body()
}

// sectionChart draws comments per document section as horizontal bars.
func (p *pdfReport) sectionChart() {
	const rowH, labelW, valueW = 7.0, 60.0, 14.0
	p.ensureSpace(3*rowH + 20)
	p.heading(p.l("pdf.sections", "Comments per section"), 0)
	if len(p.r.Sections) == 0 {
		p.para(p.l("pdf.sections.none", "No comments on any section yet."))
		return
	}
	most := 0
	for _, s := range p.r.Sections {
		most = max(most, s.Count)
	}
	f := p.f
	plotW := contentW - labelW - valueW
	for _, s := range p.r.Sections {
		p.ensureSpace(rowH)
		y := f.GetY()
		f.SetFont(fontFamily, "", 9)
		f.CellFormat(labelW-2, rowH, p.fit(clean(s.Section), labelW-3), "", 0, "R", false, 0, "")
		w := plotW * float64(s.Count) / float64(max(most, 1))
		p.fill(colourBar)
		f.Rect(margin+labelW, y+1, w, rowH-2, "F")
		f.SetXY(margin+labelW+w+1, y)
		f.CellFormat(valueW, rowH, strconv.Itoa(s.Count), "", 1, "L", false, 0, "")
	}
	p.body()
	f.Ln(4)
}

// stanceBar draws a paragraph's agree, disagree, neutral and no-view split as one
// stacked bar, with the numbers written beside it so colour is not the only cue.
func (p *pdfReport) stanceBar(pr ParagraphReport) {
	const barW, barH = 60.0, 4.0
	f := p.f
	noView := max(0, pr.Total-pr.Agree-pr.Disagree-pr.Neutral)
	p.ensureSpace(lineH + 2)
	x, y := f.GetX(), f.GetY()+0.75
	parts := []struct {
		n int
		c [3]int
	}{{pr.Agree, colourAgree}, {pr.Disagree, colourDisagree}, {pr.Neutral, colourNeutral}, {noView, colourNoView}}
	total := max(1, pr.Agree+pr.Disagree+pr.Neutral+noView)
	for _, part := range parts {
		w := barW * float64(part.n) / float64(total)
		p.fill(part.c)
		f.Rect(x, y, w, barH, "F")
		x += w
	}
	f.SetX(margin + barW + 3)
	f.SetFont(fontFamily, "", 9)
	f.CellFormat(contentW-barW-3, lineH, p.l("pdf.stances", "%d agree, %d disagree, %d neutral, %d no view given",
		pr.Agree, pr.Disagree, pr.Neutral, noView), "", 1, "L", false, 0, "")
	p.body()
}

// fit shortens text until it fits in w millimetres at the current font.
func (p *pdfReport) fit(s string, w float64) string {
	if p.f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		if t := string(r[:n]) + "…"; p.f.GetStringWidth(t) <= w {
			return t
		}
	}
	return "…"
}
