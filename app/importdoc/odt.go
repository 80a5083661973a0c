package importdoc

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// The ODF namespaces an OpenDocument text uses.
const (
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsStyle  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsDraw   = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
	nsFO     = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
	nsXLink  = "http://www.w3.org/1999/xlink"
	nsSVG    = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
)

// odtStyle is what a paragraph or text style contributes.
type odtStyle struct {
	parent       string
	bold, italic bool
	outline      int
}

type odtReader struct {
	a      *archive
	d      *doc
	styles map[string]odtStyle
	lists  map[string]map[int]bool // list style → level (1…) → numbered
}

func readODT(a *archive) (*doc, error) {
	if !a.has("content.xml") {
		return nil, fmt.Errorf("%w: it has no content.xml", ErrMalformed)
	}
	x := &odtReader{a: a, d: newDoc(), styles: map[string]odtStyle{}, lists: map[string]map[int]bool{}}
	if a.has("styles.xml") {
		s, err := a.readXML("styles.xml")
		if err != nil {
			return nil, err
		}
		x.readStyles(s)
	}
	root, err := a.readXML("content.xml")
	if err != nil {
		return nil, err
	}
	x.readStyles(root)
	text := root.child(nsOffice, "body").child(nsOffice, "text")
	if text == nil {
		return nil, fmt.Errorf("%w: it is not a text document", ErrMalformed)
	}
	if err := x.blocks(text, "", 0); err != nil {
		return nil, err
	}
	return x.d, nil
}

// readStyles reads the styles and list styles of styles.xml or content.xml.
func (x *odtReader) readStyles(root *node) {
	for _, sec := range []*node{root.child(nsOffice, "styles"), root.child(nsOffice, "automatic-styles")} {
		for _, s := range kids(sec, nsStyle, "style") {
			tp := s.child(nsStyle, "text-properties")
			w := tp.attrNS(nsFO, "font-weight")
			st := odtStyle{parent: s.attrNS(nsStyle, "parent-style-name"),
				bold:   w == "bold" || (len(w) == 3 && w >= "600"),
				italic: tp.attrNS(nsFO, "font-style") == "italic" || tp.attrNS(nsFO, "font-style") == "oblique"}
			st.outline, _ = strconv.Atoi(s.attrNS(nsStyle, "default-outline-level"))
			x.styles[s.attrNS(nsStyle, "name")] = st
		}
		for _, l := range kids(sec, nsText, "list-style") {
			levels := map[int]bool{}
			for _, k := range l.Kids {
				lv, _ := strconv.Atoi(k.attrNS(nsText, "level"))
				levels[lv] = k.is(nsText, "list-level-style-number") && k.attrNS(nsStyle, "num-format") != ""
			}
			x.lists[l.attrNS(nsStyle, "name")] = levels
		}
	}
}

// chain follows a style and its parents.
func (x *odtReader) chain(name string, f func(string, odtStyle) bool) {
	for i := 0; name != "" && i < 16; i++ {
		s, ok := x.styles[name]
		if f(name, s) || !ok {
			return
		}
		name = s.parent
	}
}

// headingOf is the level of a paragraph styled Title or Heading N, or 0.
func (x *odtReader) headingOf(style string) int {
	level := 0
	x.chain(style, func(name string, s odtStyle) bool {
		switch {
		case name == "Title":
			level = 1
		case strings.HasPrefix(name, "Heading_20_"):
			level, _ = strconv.Atoi(strings.TrimPrefix(name, "Heading_20_"))
		case s.outline > 0:
			level = s.outline
		}
		return level > 0
	})
	return min(level, 6)
}

// base is the formatting a paragraph or span style gives its text.
func (x *odtReader) base(style string, r run) run {
	x.chain(style, func(_ string, s odtStyle) bool {
		r.bold, r.italic = r.bold || s.bold, r.italic || s.italic
		return false
	})
	return r
}

// blocks reads the body, a section or a list; listStyle and depth describe
// the list being read, if any.
func (x *odtReader) blocks(parent *node, listStyle string, depth int) error {
	for _, k := range parent.Kids {
		var err error
		switch {
		case k.is(nsText, "h"):
			lvl, _ := strconv.Atoi(k.attrNS(nsText, "outline-level"))
			err = x.add(k, block{kind: headingBlock, level: min(max(lvl, 1), 6)})
		case k.is(nsText, "p"):
			b := block{kind: paraBlock}
			if l := x.headingOf(k.attrNS(nsText, "style-name")); l > 0 {
				b = block{kind: headingBlock, level: l}
			}
			err = x.add(k, b)
		case k.is(nsText, "list"):
			err = x.list(k, listStyle, depth)
		case k.is(nsTable, "table"):
			err = x.table(k)
		case k.is(nsText, "section"):
			err = x.blocks(k, listStyle, depth)
		case k.is(nsText, "tracked-changes"):
			x.d.lose(LossTrackedChanges, len(kids(k, nsText, "changed-region")))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// add reads a paragraph's text into the block and appends it.
func (x *odtReader) add(p *node, b block) error {
	rs, err := x.runs(p, x.base(p.attrNS(nsText, "style-name"), run{}))
	if err != nil {
		return err
	}
	b.runs = rs
	x.d.blocks = append(x.d.blocks, b)
	return nil
}

// list reads a list: each item's first paragraph is the item, later
// paragraphs of the item join it, and a list inside is one level deeper.
func (x *odtReader) list(l *node, style string, depth int) error {
	if s := l.attrNS(nsText, "style-name"); s != "" {
		style = s
	}
	for _, item := range l.Kids {
		if !item.is(nsText, "list-item") && !item.is(nsText, "list-header") {
			continue
		}
		var cur *block
		for _, k := range item.Kids {
			switch {
			case k.is(nsText, "p"), k.is(nsText, "h"):
				rs, err := x.runs(k, x.base(k.attrNS(nsText, "style-name"), run{}))
				if err != nil {
					return err
				}
				if cur == nil {
					x.d.blocks = append(x.d.blocks, block{kind: itemBlock, level: min(depth, 8), ordered: x.lists[style][depth+1], runs: rs})
					cur = &x.d.blocks[len(x.d.blocks)-1]
				} else {
					cur.runs = append(append(cur.runs, run{text: " "}), rs...)
				}
			case k.is(nsText, "list"):
				if err := x.list(k, style, depth+1); err != nil {
					return err
				}
				cur = nil
			}
		}
	}
	return nil
}

// runs reads a paragraph's inline content.
func (x *odtReader) runs(parent *node, f run) ([]run, error) {
	var out []run
	for _, k := range parent.Kids {
		if k.Local == "" {
			t := f
			t.text = k.Text
			out = append(out, t)
			continue
		}
		var rs []run
		var err error
		switch {
		case k.is(nsText, "span"):
			rs, err = x.runs(k, x.base(k.attrNS(nsText, "style-name"), f))
		case k.is(nsText, "a"):
			g := f
			g.link = k.attrNS(nsXLink, "href")
			rs, err = x.runs(k, g)
		case k.is(nsText, "s"):
			rs = []run{{text: " "}}
		case k.is(nsText, "tab"), k.is(nsText, "line-break"):
			rs = []run{{text: " "}}
		case k.is(nsText, "note"):
			rs, err = x.note(k)
		case k.is(nsOffice, "annotation"):
			x.d.lose(LossComments, 1)
		case k.is(nsDraw, "frame"):
			rs, err = x.frame(k)
		case k.Space == nsDraw && (k.Local == "custom-shape" || k.Local == "rect" || k.Local == "line" ||
			k.Local == "ellipse" || k.Local == "g" || k.Local == "path" || k.Local == "polygon" ||
			k.Local == "polyline" || k.Local == "connector" || k.Local == "circle"):
			x.d.lose(LossShapes, 1)
		case k.is(nsOffice, "annotation-end"), k.is(nsText, "note-citation"):
		case k.Space == nsText:
			// Bookmarks, fields, sequences, reference marks: keep their text.
			rs, err = x.runs(k, f)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// note turns a footnote or endnote into a numbered endnote.
func (x *odtReader) note(n *node) ([]run, error) {
	var body []run
	for _, p := range n.child(nsText, "note-body").Kids {
		if !p.is(nsText, "p") && !p.is(nsText, "h") {
			continue
		}
		rs, err := x.runs(p, run{})
		if err != nil {
			return nil, err
		}
		if len(body) > 0 {
			body = append(body, run{text: " "})
		}
		body = append(body, rs...)
	}
	return []run{{note: x.d.addNote(body)}}, nil
}

// frame reads a picture with its description as alternative text, or notes
// the text box or object the frame holds.
func (x *odtReader) frame(f *node) ([]run, error) {
	if f.child(nsDraw, "text-box") != nil {
		x.d.lose(LossTextBoxes, 1)
		return nil, nil
	}
	im := f.child(nsDraw, "image")
	if im == nil {
		x.d.lose(LossShapes, 1)
		return nil, nil
	}
	alt := strings.TrimSpace(f.child(nsSVG, "desc").text())
	if alt == "" {
		alt = strings.TrimSpace(f.child(nsSVG, "title").text())
	}
	href := path.Clean(strings.TrimPrefix(im.attrNS(nsXLink, "href"), "./"))
	if strings.Contains(href, "://") || !x.a.has(href) {
		x.d.lose(LossImageFormat, 1)
		return nil, nil
	}
	name, err := x.d.addImage(href, func() ([]byte, error) { return x.a.readPart(href, x.a.lim.PartBytes) }, alt)
	if err != nil || name == "" {
		return nil, err
	}
	if alt == "" {
		x.d.lose(LossImageAlt, 1)
	}
	return []run{{image: name, alt: alt}}, nil
}

// table reads the header rows, then the body rows.
func (x *odtReader) table(t *node) error {
	var rows [][][]run
	var walk func(n *node) error
	walk = func(n *node) error {
		for _, k := range n.Kids {
			switch {
			case k.is(nsTable, "table-header-rows"), k.is(nsTable, "table-rows"), k.is(nsTable, "table-row-group"):
				if err := walk(k); err != nil {
					return err
				}
			case k.is(nsTable, "table-row"):
				row, err := x.row(k)
				if err != nil {
					return err
				}
				rows = append(rows, row)
			}
		}
		return nil
	}
	if err := walk(t); err != nil {
		return err
	}
	if len(rows) > 0 {
		x.d.blocks = append(x.d.blocks, block{kind: tableBlock, rows: rows})
	}
	return nil
}

func (x *odtReader) row(tr *node) ([][]run, error) {
	var row [][]run
	for _, tc := range tr.Kids {
		if !tc.is(nsTable, "table-cell") && !tc.is(nsTable, "covered-table-cell") {
			continue
		}
		var cell []run
		for _, p := range tc.Kids {
			if !p.is(nsText, "p") && !p.is(nsText, "h") {
				continue
			}
			rs, err := x.runs(p, x.base(p.attrNS(nsText, "style-name"), run{}))
			if err != nil {
				return nil, err
			}
			if len(cell) > 0 && !empty(rs) {
				cell = append(cell, run{text: " "})
			}
			cell = append(cell, rs...)
		}
		row = append(row, cell)
	}
	return row, nil
}
