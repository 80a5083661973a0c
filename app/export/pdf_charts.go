package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
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

func (p *pdfWriter) fill(c [3]int) { p.f.SetFillColor(c[0], c[1], c[2]) }

// chart draws a bar chart as a Figure whose alternative text gives its
// figures; a caption below says in words what it shows.
func (p *pdfWriter) chart(c chart) {
	p.tags.End()
	if c.Horizontal {
		p.ensureSpace(7*float64(min(len(c.Labels), 3)) + 20)
	} else {
		p.ensureSpace(60 + 40)
	}
	e := p.tags.Begin("Figure")
	e.Alt = c.Alt
	if c.Horizontal {
		p.horizontalBars(c)
	} else {
		p.verticalBars(c)
	}
	p.tags.End()
	if c.Caption != "" {
		p.text(c.Caption, styleNote, 0)
	}
	p.f.Ln(4)
}

// verticalBars draws one bar per label with a labelled value axis.
func (p *pdfWriter) verticalBars(c chart) {
	const plotH, labelW = 60.0, 12.0
	f := p.f
	most := 0
	for _, v := range c.Values {
		most = max(most, v)
	}
	top := f.GetY() + 4
	left, plotW := margin+labelW, contentW-labelW
	p.axes(left, top, plotW, plotH, most)
	slot := plotW / float64(max(1, len(c.Values)))
	p.fill(colourBar)
	for i, v := range c.Values {
		h := plotH * float64(v) / float64(max(most, 1))
		f.Rect(left+float64(i)*slot+slot*0.1, top+plotH-h, slot*0.8, h, "F")
	}
	// About six labels along the axis so they never overlap.
	f.SetFont(fontFamily, "", 8)
	step := max(1, (len(c.Labels)+5)/6)
	for i := 0; i < len(c.Labels); i += step {
		f.SetXY(left+float64(i)*slot+slot/2-12, top+plotH+1)
		f.CellFormat(24, 4, p.clean(c.Labels[i]), "", 0, "C", false, 0, "")
	}
	f.SetXY(margin, top+plotH+7)
	p.body()
}

// axes draws the left and bottom axes with the value scale at 0, half and max.
func (p *pdfWriter) axes(left, top, w, h float64, most int) {
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

// horizontalBars draws one labelled row per label, the value written beside its bar.
func (p *pdfWriter) horizontalBars(c chart) {
	const rowH, labelW, valueW = 7.0, 60.0, 14.0
	f := p.f
	most := 0
	for _, v := range c.Values {
		most = max(most, v)
	}
	plotW := contentW - labelW - valueW
	for i, label := range c.Labels {
		if f.GetY()+rowH > pageH-bottomMargin {
			f.AddPage() // the figure goes on: the page break reopens it
		}
		y := f.GetY()
		f.SetFont(fontFamily, "", 9)
		f.CellFormat(labelW-2, rowH, p.fit(p.clean(label), labelW-3), "", 0, "R", false, 0, "")
		w := plotW * float64(c.Values[i]) / float64(max(most, 1))
		p.fill(colourBar)
		f.Rect(margin+labelW, y+1, w, rowH-2, "F")
		f.SetXY(margin+labelW+w+1, y)
		f.CellFormat(valueW, rowH, strconv.Itoa(c.Values[i]), "", 1, "L", false, 0, "")
	}
	p.body()
}

// stances writes a paragraph's agree, disagree, neutral and no-view split in
// words, with a stacked bar beside it as decoration: the words carry it all.
func (p *pdfWriter) stances(pr ParagraphReport, label string) {
	const barW, barH = 60.0, 4.0
	f := p.f
	p.tags.End()
	p.ensureSpace(lineH + 2)
	x, y := f.GetX(), f.GetY()+0.75
	noView := max(0, pr.Total-pr.Agree-pr.Disagree-pr.Neutral)
	parts := []struct {
		n int
		c [3]int
	}{{pr.Agree, colourAgree}, {pr.Disagree, colourDisagree}, {pr.Neutral, colourNeutral}, {noView, colourNoView}}
	total := max(1, pr.Agree+pr.Disagree+pr.Neutral+noView)
	p.tags.Artifact("Layout", func() {
		for _, part := range parts {
			w := barW * float64(part.n) / float64(total)
			p.fill(part.c)
			f.Rect(x, y, w, barH, "F")
			x += w
		}
	})
	p.tags.Begin("P")
	f.SetXY(margin+barW+3, y-0.75)
	f.SetFont(fontFamily, "", 9)
	f.CellFormat(contentW-barW-3, lineH, p.clean(label), "", 1, "L", false, 0, "")
	p.tags.End()
	p.body()
	f.Ln(1)
}

// picture draws an image of the document as a Figure with its alternative
// text, at 96 dpi but no wider than the text and no taller than half a page.
// One that cannot be read is left out, its alternative text in its place.
func (p *pdfWriter) picture(pic Picture) {
	cfg, _, ok := pictureConfig(pic)
	data, readable := pdfPictureBytes(pic)
	if !ok || !readable {
		p.text(pic.Alt, styleNote, 0)
		return
	}
	const mmPerPx, maxH = 25.4 / 96, (pageH - margin - bottomMargin) / 2
	w, h := float64(cfg.Width)*mmPerPx, float64(cfg.Height)*mmPerPx
	if w > contentW {
		w, h = contentW, h*contentW/w
	}
	if h > maxH {
		w, h = w*maxH/h, maxH
	}
	sum := sha256.Sum256(data)
	name := "picture-" + hex.EncodeToString(sum[:8])
	typ := map[string]string{"image/png": "PNG", "image/jpeg": "JPG"}[pic.ContentType]
	p.f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(data))
	p.tags.End()
	p.ensureSpace(h + 6)
	e := p.tags.Begin("Figure")
	e.Alt = pic.Alt
	y := p.f.GetY() + 2
	p.f.ImageOptions(name, margin, y, w, h, false, fpdf.ImageOptions{ImageType: typ}, 0, "")
	p.tags.End()
	p.f.SetXY(margin, y+h+4)
}
