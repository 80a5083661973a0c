package export

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// DOCXContentType is the media type of a Word document.
const DOCXContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// docxWriter writes the report as WordprocessingML: real heading styles, lists
// with numbering, tables with repeating header rows and charts as pictures with
// alternative text, so a policy team can edit it into a published response.
type docxWriter struct {
	r      *Report
	body   bytes.Buffer
	media  []docxMedia      // charts and pictures, word/media/… in order
	stored map[[32]byte]int // a picture's media number by its SHA-256, so one shown twice is stored once
	shown  int              // drawings so far; each needs an id of its own
}

// docxMedia is one picture in word/media, named like chart1.png or image2.jpg.
type docxMedia struct {
	name string
	data []byte
}

// WriteDOCX writes the summary report as a Word document, made by the same
// walk over the report as the PDF.
func WriteDOCX(w io.Writer, r Report, progress func(done, total int)) error {
	d := &docxWriter{r: &r}
	compose(&r, d, progress)
	z := zip.NewWriter(w)
	files := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(docxContentTypes)},
		{"_rels/.rels", []byte(docxRootRels)},
		{"docProps/core.xml", d.core()},
		{"docProps/app.xml", []byte(docxApp)},
		{"word/styles.xml", []byte(strings.ReplaceAll(docxStyles, "{{lang}}", xmlAttr(r.lang())))},
		{"word/numbering.xml", []byte(docxNumbering)},
		{"word/settings.xml", []byte(strings.ReplaceAll(docxSettings, "{{lang}}", xmlAttr(r.lang())))},
		{"word/_rels/document.xml.rels", d.rels()},
		{"word/document.xml", d.document()},
	}
	for _, m := range d.media {
		files = append(files, struct {
			name string
			data []byte
		}{"word/media/" + m.name, m.data})
	}
	for _, f := range files {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: r.Generated})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return z.Close()
}

// xmlText escapes text for an element, dropping characters XML cannot hold.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(strings.Map(func(r rune) rune {
		if r == 0xfffe || r == 0xffff || (r >= 0xd800 && r <= 0xdfff) {
			return -1
		}
		return r
	}, clean(s))))
	return b.String()
}

// xmlAttr escapes text for an attribute value.
func xmlAttr(s string) string {
	return strings.NewReplacer("\n", " ", "\"", "&quot;").Replace(xmlText(s))
}

// runs writes text as runs: line breaks as <w:br/> and soft hyphens as
// <w:softHyphen/>, which Word shows only where a line breaks.
func runs(s string, bold bool) string {
	var b strings.Builder
	rpr := ""
	if bold {
		rpr = "<w:rPr><w:b/></w:rPr>"
	}
	for i, line := range strings.Split(clean(s), "\n") {
		b.WriteString("<w:r>" + rpr)
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, part := range strings.Split(line, string(softHyphen)) {
			if j > 0 {
				b.WriteString("<w:softHyphen/>")
			}
			if part != "" {
				b.WriteString(`<w:t xml:space="preserve">` + xmlText(part) + "</w:t>")
			}
		}
		b.WriteString("</w:r>")
	}
	return b.String()
}

// para writes one paragraph of a style, with extra paragraph properties.
func (d *docxWriter) para(style, ppr, text string, bold bool) {
	fmt.Fprintf(&d.body, `<w:p><w:pPr><w:pStyle w:val="%s"/>%s</w:pPr>%s</w:p>`, style, ppr, runs(text, bold))
}

func (d *docxWriter) title(text string) { d.para("Heading1", "", text, false) }

func (d *docxWriter) contents() {}

func (d *docxWriter) heading(level int, text string, newPage bool) {
	ppr := ""
	if newPage {
		ppr = "<w:pageBreakBefore/>"
	}
	d.para("Heading"+strconv.Itoa(level), ppr, text, false)
}

func (d *docxWriter) text(s string, style textStyle, indent int) {
	ppr := ""
	if indent > 0 {
		ppr = fmt.Sprintf(`<w:ind w:left="%d"/>`, 400*indent)
	}
	switch style {
	case styleLead:
		d.para("Lead", ppr, s, false)
	case styleNote:
		d.para("Note", ppr, s, false)
	case styleByline:
		d.para("Byline", ppr+"<w:keepNext/>", s, true)
	case styleQuote:
		d.para("Quote", ppr, s, false)
	case styleStrong:
		d.para("Normal", ppr+"<w:keepNext/>", s, true)
	default:
		d.para("Normal", ppr, s, false)
	}
}

func (d *docxWriter) stances(_ ParagraphReport, label string) { d.para("Normal", "", label, false) }

func (d *docxWriter) list(items []string) {
	for _, it := range items {
		d.para("ListParagraph", `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>`, it, false)
	}
}

func (d *docxWriter) table(t table) {
	b := &d.body
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="5000" w:type="pct"/>`+
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>`+
		`<w:tblCaption w:val="%s"/></w:tblPr><w:tblGrid>`, xmlAttr(t.Caption))
	for i := range t.Header {
		w := 2000
		if i == 0 {
			w = 9000 - 2000*(len(t.Header)-1)
		}
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	row := func(cells []string, header bool) {
		b.WriteString("<w:tr>")
		if header {
			b.WriteString("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>")
		}
		for i, c := range cells {
			jc := ""
			if i < len(t.Numeric) && t.Numeric[i] {
				jc = `<w:jc w:val="right"/>`
			}
			fmt.Fprintf(b, `<w:tc><w:p><w:pPr><w:pStyle w:val="TableText"/>%s</w:pPr>%s</w:p></w:tc>`, jc, runs(c, header))
		}
		b.WriteString("</w:tr>")
	}
	row(t.Header, true)
	for _, r := range t.Rows {
		row(r, false)
	}
	b.WriteString("</w:tbl>")
	d.para("Normal", "", "", false) // Word needs a paragraph between two tables
}

// chart adds the chart as a PNG picture whose description is its alternative
// text; a horizontal chart is followed by its figures as a table, since the
// picture carries no labels.
func (d *docxWriter) chart(c chart) {
	img, wPx, hPx := chartPNG(c)
	d.drawing(fmt.Sprintf("chart%d.png", len(d.media)+1), img, c.Alt, wPx, hPx)
	if c.Caption != "" {
		d.para("Note", "", c.Caption, false)
	}
	if c.Horizontal {
		t := table{Caption: c.Alt, Numeric: []bool{false, true},
			Header: []string{d.r.label("report.chart.column.label"), d.r.label("report.chart.column.count")}}
		for i, l := range c.Labels {
			t.Rows = append(t.Rows, []string{l, strconv.Itoa(c.Values[i])})
		}
		d.table(t)
	}
}

// drawing adds a picture in a paragraph of its own, wPx by hPx at 96 dpi but
// never wider than the text; its description is the alternative text, which
// Word and screen readers show for it.
func (d *docxWriter) drawing(name string, data []byte, alt string, wPx, hPx int) {
	sum := sha256.Sum256(data)
	m, ok := d.stored[sum]
	if !ok {
		d.media = append(d.media, docxMedia{name: name, data: data})
		m = len(d.media)
		if d.stored == nil {
			d.stored = map[[32]byte]int{}
		}
		d.stored[sum] = m
	}
	d.shown++
	n := d.shown
	const emuPerPx, textWidth = 9525, 9638 * 635 // the page less its margins, in EMU
	cx, cy := wPx*emuPerPx, hPx*emuPerPx
	if cx > textWidth {
		cx, cy = textWidth, cy*textWidth/cx
	}
	fmt.Fprintf(&d.body, `<w:p><w:pPr><w:pStyle w:val="Normal"/><w:keepNext/></w:pPr><w:r><w:drawing>`+
		`<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>`+
		`<wp:docPr id="%d" name="Picture %d" descr="%s"/>`+
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">`+
		`<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="%d" name="%s" descr="%s"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="rIdMedia%d"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>`+
		`</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
		cx, cy, n, n, xmlAttr(alt), n, d.media[m-1].name, xmlAttr(alt), m, cx, cy)
}

// picture adds an image of the document; one that cannot be read is left out
// and its alternative text stands in its place.
func (d *docxWriter) picture(p Picture) {
	cfg, ext, ok := pictureConfig(p)
	if !ok {
		d.para("Note", "", p.Alt, false)
		return
	}
	d.drawing(fmt.Sprintf("image%d.%s", len(d.media)+1, ext), p.Data, p.Alt, cfg.Width, cfg.Height)
}

// document wraps the body in the document element with A4 pages.
func (d *docxWriter) document() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
		`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>`)
	b.Write(d.body.Bytes())
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.Bytes()
}

// rels lists the document's parts: styles, numbering, settings, charts and pictures.
func (d *docxWriter) rels() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
		`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>`)
	for i, m := range d.media {
		fmt.Fprintf(&b, `<Relationship Id="rIdMedia%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/%s"/>`, i+1, m.name)
	}
	b.WriteString(`</Relationships>`)
	return b.Bytes()
}

// core is the document's core properties: title, author, language and date.
func (d *docxWriter) core() []byte {
	when := d.r.Generated.UTC().Format(time.RFC3339)
	return fmt.Appendf(nil, xml.Header+`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" `+
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" `+
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`+
		`<dc:title>%s</dc:title><dc:creator>%s</dc:creator><dc:language>%s</dc:language><dc:subject>%s</dc:subject>`+
		`<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>`+
		`</cp:coreProperties>`, xmlText(d.r.Title), xmlText(d.r.Organisation), xmlText(d.r.lang()),
		xmlText(d.r.label("report.cover.summary")), when, when)
}
