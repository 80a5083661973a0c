package importdoc

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// The OOXML namespaces a Word document uses.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsMC  = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsV   = "urn:schemas-microsoft-com:vml"
	nsRel = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// docxStyle is what a paragraph or character style contributes.
type docxStyle struct {
	name, basedOn string
	numID, ilvl   string
	bold, italic  bool
}

// docxReader walks word/document.xml with the parts it refers to.
type docxReader struct {
	a         *archive
	d         *doc
	rels      map[string]docxRel
	styles    map[string]docxStyle
	formats   map[string]map[string]string // numId → ilvl → numFmt
	footnotes map[string]*node
	endnotes  map[string]*node
}

type docxRel struct {
	target   string
	external bool
}

func readDOCX(a *archive) (*doc, error) {
	if !a.has("word/document.xml") {
		return nil, fmt.Errorf("%w: it has no word/document.xml", ErrMalformed)
	}
	x := &docxReader{a: a, d: newDoc(), rels: map[string]docxRel{}, styles: map[string]docxStyle{},
		formats: map[string]map[string]string{}}
	if err := x.readParts(); err != nil {
		return nil, err
	}
	root, err := a.readXML("word/document.xml")
	if err != nil {
		return nil, err
	}
	body := root.child(nsW, "body")
	if body == nil {
		return nil, fmt.Errorf("%w: the document has no body", ErrMalformed)
	}
	if err := x.blocks(body); err != nil {
		return nil, err
	}
	return x.d, nil
}

// readParts reads the relationships, styles, numbering and notes.
func (x *docxReader) readParts() error {
	optional := func(name string) (*node, error) {
		if !x.a.has(name) {
			return nil, nil
		}
		return x.a.readXML(name)
	}
	rels, err := optional("word/_rels/document.xml.rels")
	if err != nil {
		return err
	}
	for _, r := range kids(rels, nsRel, "Relationship") {
		t := r.attr("Target")
		ext := r.attr("TargetMode") == "External"
		if !ext {
			t = path.Clean(path.Join("word", t))
			if strings.HasPrefix(r.attr("Target"), "/") {
				t = strings.TrimPrefix(r.attr("Target"), "/")
			}
		}
		x.rels[r.attr("Id")] = docxRel{target: t, external: ext}
	}
	styles, err := optional("word/styles.xml")
	if err != nil {
		return err
	}
	for _, s := range kids(styles, nsW, "style") {
		st := docxStyle{name: val(s.child(nsW, "name")), basedOn: val(s.child(nsW, "basedOn"))}
		if np := s.child(nsW, "pPr").child(nsW, "numPr"); np != nil {
			st.numID, st.ilvl = val(np.child(nsW, "numId")), val(np.child(nsW, "ilvl"))
		}
		rpr := s.child(nsW, "rPr")
		st.bold, st.italic = on(rpr.child(nsW, "b")), on(rpr.child(nsW, "i"))
		x.styles[s.attrNS(nsW, "styleId")] = st
	}
	if err := x.readNumbering(optional); err != nil {
		return err
	}
	if x.footnotes, err = notes(optional, "word/footnotes.xml", "footnote"); err != nil {
		return err
	}
	x.endnotes, err = notes(optional, "word/endnotes.xml", "endnote")
	return err
}

func (x *docxReader) readNumbering(optional func(string) (*node, error)) error {
	num, err := optional("word/numbering.xml")
	if err != nil || num == nil {
		return err
	}
	abstract := map[string]map[string]string{}
	for _, an := range kids(num, nsW, "abstractNum") {
		lv := map[string]string{}
		for _, l := range kids(an, nsW, "lvl") {
			lv[l.attrNS(nsW, "ilvl")] = val(l.child(nsW, "numFmt"))
		}
		abstract[an.attrNS(nsW, "abstractNumId")] = lv
	}
	for _, n := range kids(num, nsW, "num") {
		x.formats[n.attrNS(nsW, "numId")] = abstract[val(n.child(nsW, "abstractNumId"))]
	}
	return nil
}

func notes(optional func(string) (*node, error), name, local string) (map[string]*node, error) {
	root, err := optional(name)
	if err != nil {
		return nil, err
	}
	m := map[string]*node{}
	for _, n := range kids(root, nsW, local) {
		if t := n.attrNS(nsW, "type"); t == "" || t == "normal" {
			m[n.attrNS(nsW, "id")] = n
		}
	}
	return m, nil
}

// kids lists n's children with this name.
func kids(n *node, space, local string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.Kids {
		if k.is(space, local) {
			out = append(out, k)
		}
	}
	return out
}

// val is an element's w:val.
func val(n *node) string {
	if n == nil {
		return ""
	}
	return n.attrNS(nsW, "val")
}

// on reads a toggle such as <w:b/> or <w:b w:val="false"/>.
func on(n *node) bool {
	if n == nil {
		return false
	}
	v := val(n)
	return v != "0" && v != "false" && v != "off" && v != "none"
}

// blocks reads the paragraphs and tables of a body or cell in order.
func (x *docxReader) blocks(parent *node) error {
	for _, k := range parent.Kids {
		switch {
		case k.is(nsW, "p"):
			if err := x.paragraph(k); err != nil {
				return err
			}
		case k.is(nsW, "tbl"):
			if err := x.table(k); err != nil {
				return err
			}
		case k.is(nsW, "sdt"):
			if c := k.child(nsW, "sdtContent"); c != nil {
				if err := x.blocks(c); err != nil {
					return err
				}
			}
		case k.is(nsW, "ins"), k.is(nsW, "moveTo"), k.is(nsW, "customXml"):
			if err := x.blocks(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// styleChain follows a style and the styles it is based on.
func (x *docxReader) styleChain(id string, f func(docxStyle) bool) {
	for i := 0; id != "" && i < 16; i++ {
		s, ok := x.styles[id]
		if !ok || f(s) {
			return
		}
		id = s.basedOn
	}
}

// headingLevel reads a heading's level from its style's name (Title, or
// Heading 1–6, whatever the language's style id), 0 for other paragraphs.
func (x *docxReader) headingLevel(styleID string) int {
	level := 0
	x.styleChain(styleID, func(s docxStyle) bool {
		n := strings.ToLower(strings.TrimSpace(s.name))
		if n == "title" {
			level = 1
			return true
		}
		if rest, ok := strings.CutPrefix(n, "heading"); ok {
			if l, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && l >= 1 {
				level = min(l, 6)
				return true
			}
		}
		return false
	})
	if level == 0 && styleID == "Title" {
		return 1
	}
	return level
}

// paragraph adds a heading, list item or paragraph.
func (x *docxReader) paragraph(p *node) error {
	ppr := p.child(nsW, "pPr")
	styleID := val(ppr.child(nsW, "pStyle"))
	runs, err := x.runs(p, run{})
	if err != nil {
		return err
	}
	if l := x.headingLevel(styleID); l > 0 {
		x.d.blocks = append(x.d.blocks, block{kind: headingBlock, level: l, runs: runs})
		return nil
	}
	numID, ilvl := "", "0"
	if np := ppr.child(nsW, "numPr"); np != nil {
		numID, ilvl = val(np.child(nsW, "numId")), val(np.child(nsW, "ilvl"))
	} else {
		x.styleChain(styleID, func(s docxStyle) bool {
			numID, ilvl = s.numID, s.ilvl
			return s.numID != ""
		})
	}
	if ilvl == "" {
		ilvl = "0"
	}
	if f, ok := x.formats[numID][ilvl]; ok && f != "none" && numID != "0" {
		lvl, _ := strconv.Atoi(ilvl)
		x.d.blocks = append(x.d.blocks, block{kind: itemBlock, level: min(max(lvl, 0), 8), ordered: f != "bullet", runs: runs})
		return nil
	}
	x.d.blocks = append(x.d.blocks, block{kind: paraBlock, runs: runs})
	return nil
}

// runs reads the inline content of a paragraph (or of a hyperlink, an
// insertion… inside one), with base giving the formatting around it.
func (x *docxReader) runs(parent *node, base run) ([]run, error) {
	var out []run
	for _, k := range parent.Kids {
		var rs []run
		var err error
		switch {
		case k.is(nsW, "r"):
			rs, err = x.run(k, base)
		case k.is(nsW, "hyperlink"):
			b := base
			if rel, ok := x.rels[k.attrNS(nsR, "id")]; ok && rel.external {
				b.link = rel.target
			} else if a := k.attrNS(nsW, "anchor"); a != "" {
				b.link = "#" + a
			}
			rs, err = x.runs(k, b)
		case k.is(nsW, "ins"), k.is(nsW, "moveTo"):
			x.d.lose(LossTrackedChanges, 1)
			rs, err = x.runs(k, base)
		case k.is(nsW, "del"), k.is(nsW, "moveFrom"):
			x.d.lose(LossTrackedChanges, 1)
		case k.is(nsW, "smartTag"), k.is(nsW, "customXml"), k.is(nsW, "fldSimple"), k.is(nsW, "sdtContent"), k.is(nsW, "sdt"):
			rs, err = x.runs(k, base)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// run reads one w:r: its formatting and its text, breaks, notes and drawings.
func (x *docxReader) run(r *node, base run) ([]run, error) {
	rpr := r.child(nsW, "rPr")
	f := base
	x.styleChain(val(rpr.child(nsW, "rStyle")), func(s docxStyle) bool {
		f.bold, f.italic = f.bold || s.bold, f.italic || s.italic
		return false
	})
	if b := rpr.child(nsW, "b"); b != nil {
		f.bold = on(b)
	}
	if i := rpr.child(nsW, "i"); i != nil {
		f.italic = on(i)
	}
	var out []run
	text := func(s string) {
		t := f
		t.text = s
		out = append(out, t)
	}
	for _, k := range r.Kids {
		switch {
		case k.is(nsW, "t"):
			text(k.text())
		case k.is(nsW, "tab"), k.is(nsW, "br"), k.is(nsW, "cr"):
			text(" ")
		case k.is(nsW, "noBreakHyphen"):
			text("-")
		case k.is(nsW, "footnoteReference"), k.is(nsW, "endnoteReference"):
			src := x.footnotes
			if k.Local == "endnoteReference" {
				src = x.endnotes
			}
			if n, ok := src[k.attrNS(nsW, "id")]; ok {
				rs, err := x.noteRuns(n)
				if err != nil {
					return nil, err
				}
				out = append(out, run{note: x.d.addNote(rs)})
			}
		case k.is(nsW, "commentReference"):
			x.d.lose(LossComments, 1)
		case k.is(nsW, "drawing"):
			rs, err := x.drawing(k)
			if err != nil {
				return nil, err
			}
			out = append(out, rs...)
		case k.is(nsMC, "AlternateContent"):
			// The first choice is the modern drawing; the fallback repeats it.
			if c := k.child(nsMC, "Choice"); c != nil {
				rs, err := x.run(c, f)
				if err != nil {
					return nil, err
				}
				out = append(out, rs...)
			}
		case k.is(nsW, "pict"):
			rs, err := x.pict(k)
			if err != nil {
				return nil, err
			}
			out = append(out, rs...)
		case k.is(nsW, "object"):
			x.d.lose(LossShapes, 1)
		}
	}
	return out, nil
}

// noteRuns reads a footnote's paragraphs as one stretch of text.
func (x *docxReader) noteRuns(n *node) ([]run, error) {
	var out []run
	for _, p := range kids(n, nsW, "p") {
		rs, err := x.runs(p, run{})
		if err != nil {
			return nil, err
		}
		if len(out) > 0 {
			out = append(out, run{text: " "})
		}
		out = append(out, rs...)
	}
	return out, nil
}

// drawing reads a DrawingML picture, or notes the text box or shape it is.
func (x *docxReader) drawing(dr *node) ([]run, error) {
	switch {
	case dr.find(nsW, "txbxContent") != nil:
		x.d.lose(LossTextBoxes, 1)
		return nil, nil
	case dr.find(nsA, "blip") != nil:
		docPr := dr.find(nsWP, "docPr")
		alt := strings.TrimSpace(docPr.attr("descr"))
		if alt == "" {
			alt = strings.TrimSpace(docPr.attr("title"))
		}
		return x.image(dr.find(nsA, "blip").attrNS(nsR, "embed"), alt)
	}
	x.d.lose(LossShapes, 1)
	return nil, nil
}

// pict reads an older VML picture, or notes its text box or shape.
func (x *docxReader) pict(p *node) ([]run, error) {
	if p.find(nsW, "txbxContent") != nil {
		x.d.lose(LossTextBoxes, 1)
		return nil, nil
	}
	if im := p.find(nsV, "imagedata"); im != nil {
		alt := ""
		if sh := p.find(nsV, "shape"); sh != nil {
			alt = strings.TrimSpace(sh.attr("alt"))
		}
		return x.image(im.attrNS(nsR, "id"), alt)
	}
	x.d.lose(LossShapes, 1)
	return nil, nil
}

// image keeps the picture a relationship points at.
func (x *docxReader) image(relID, alt string) ([]run, error) {
	rel, ok := x.rels[relID]
	if !ok || rel.external || !x.a.has(rel.target) {
		// A linked picture would be loaded from elsewhere: not carried over.
		x.d.lose(LossImageFormat, 1)
		return nil, nil
	}
	name, err := x.d.addImage(rel.target, func() ([]byte, error) { return x.a.readPart(rel.target, x.a.lim.PartBytes) }, alt)
	if err != nil || name == "" {
		return nil, err
	}
	if alt == "" {
		x.d.lose(LossImageAlt, 1)
	}
	return []run{{image: name, alt: alt}}, nil
}

// table reads a table, each cell's paragraphs joined into one line, since a
// Markdown table cell holds one.
func (x *docxReader) table(t *node) error {
	var rows [][][]run
	for _, tr := range kids(t, nsW, "tr") {
		var row [][]run
		for _, tc := range kids(tr, nsW, "tc") {
			var cell []run
			for _, p := range kids(tc, nsW, "p") {
				rs, err := x.runs(p, run{})
				if err != nil {
					return err
				}
				if len(cell) > 0 && !empty(rs) {
					cell = append(cell, run{text: " "})
				}
				cell = append(cell, rs...)
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	if len(rows) > 0 {
		x.d.blocks = append(x.d.blocks, block{kind: tableBlock, rows: rows})
	}
	return nil
}
