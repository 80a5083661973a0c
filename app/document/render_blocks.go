package document

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer writes GOV.UK markup and the commentable-block wrappers.
// It holds no state, so the shared goldmark instance stays concurrency-safe.
type nodeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindParagraph, renderParagraph)
	reg.Register(ast.KindListItem, renderListItem)
	reg.Register(ast.KindList, renderList)
	reg.Register(ast.KindBlockquote, renderBlockquote)
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(ast.KindCodeBlock, renderCode)
	reg.Register(ast.KindFencedCodeBlock, renderCode)
	reg.Register(ast.KindThematicBreak, renderBreak)
	reg.Register(ast.KindHTMLBlock, renderNothing)
	reg.Register(ast.KindRawHTML, renderNothing)
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindImage, renderImage)
	reg.Register(east.KindTable, renderTable)
	reg.Register(east.KindTableHeader, renderTableHeader)
	reg.Register(east.KindTableRow, renderTableRow)
	reg.Register(east.KindTableCell, renderTableCell)
}

// openBlock writes the start tag of a commentable block and its visible
// number. extra is the element's own class, written before ours.
func openBlock(w util.BufWriter, tag, extra, modifier string, n ast.Node) {
	key, num, ok := blockKey(n)
	w.WriteString("<" + tag)
	if !ok {
		if extra != "" {
			w.WriteString(` class="` + extra + `"`)
		}
		w.WriteString(">")
		return
	}
	if extra != "" {
		extra += " "
	}
	w.WriteString(` id="p-` + key + `" class="` + extra + "pc-block pc-block--" + modifier + `"`)
	w.WriteString(` data-paragraph-key="` + key + `" data-paragraph-number="` + num + `">`)
	w.WriteString(`<span class="pc-block__number" aria-hidden="true">` + num + `</span>`)
}

// writeMarker writes n's count marker, if n is a block.
func writeMarker(w util.BufWriter, n ast.Node) {
	if key, _, ok := blockKey(n); ok {
		w.WriteString(CountMarker(key))
	}
}

func renderParagraph(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		openBlock(w, "p", "govuk-body", "paragraph", n)
	} else {
		writeMarker(w, n)
		w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

// renderListItem puts the count marker before the first nested list, so it
// follows the item's own text rather than its sub-items.
func renderListItem(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		openBlock(w, "li", "", "list-item", n)
		return ast.WalkContinue, nil
	}
	if firstList(n) == nil {
		writeMarker(w, n)
	}
	w.WriteString("</li>\n")
	return ast.WalkContinue, nil
}

func firstList(n ast.Node) ast.Node {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindList {
			return c
		}
	}
	return nil
}

func renderList(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	l := n.(*ast.List)
	tag := "ul"
	if l.IsOrdered() {
		tag = "ol"
	}
	if !entering {
		w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	if p := n.Parent(); p != nil && p.Kind() == ast.KindListItem && firstList(p) == n {
		writeMarker(w, p)
	}
	if l.IsOrdered() {
		w.WriteString(`<ol class="govuk-list govuk-list--number"`)
		if l.Start != 1 {
			w.WriteString(` start="` + strconv.Itoa(l.Start) + `"`)
		}
		w.WriteString(">\n")
	} else {
		w.WriteString(`<ul class="govuk-list govuk-list--bullet">` + "\n")
	}
	return ast.WalkContinue, nil
}

func renderBlockquote(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		openBlock(w, "blockquote", "govuk-inset-text", "blockquote", n)
		w.WriteString("\n")
	} else {
		writeMarker(w, n)
		w.WriteString("</blockquote>\n")
	}
	return ast.WalkContinue, nil
}

// headingClasses maps heading levels to GOV.UK sizes; h3 and below are small.
var headingClasses = [...]string{1: "govuk-heading-l", 2: "govuk-heading-m", 3: "govuk-heading-s"}

func renderHeading(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	// The page that shows the document already has its h1 (the consultation's
	// title), so the document's headings sit one level below it: a screen reader
	// then finds one h1 and an outline without the document's "# Title" as a second.
	level, class := min(h.Level+1, 6), headingClasses[min(h.Level, 3)]
	if v, ok := h.AttributeString(attrShift); ok {
		// An outcome's headings sit under the page's h2: see RenderOutcome.
		shift, _ := v.(int)
		level = max(1, min(h.Level+shift, 6))
		class = headingClasses[min(level, 3)]
	}
	tag := "h" + strconv.Itoa(level)
	if !entering {
		w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	w.WriteString("<" + tag)
	if id, ok := h.AttributeString(attrID); ok {
		if b, ok := id.([]byte); ok {
			w.WriteString(` id="`)
			w.Write(util.EscapeHTML(b))
			w.WriteString(`"`)
		}
	}
	w.WriteString(` class="` + class + `">`)
	return ast.WalkContinue, nil
}

// renderCode writes code escaped and never as a block: it is reference
// material, not consultation text.
func renderCode(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if isQuestion(n, source) {
		if _, _, ok := blockKey(n); ok || isAlone(n) {
			renderQuestion(w, source, n)
			return ast.WalkSkipChildren, nil
		}
	}
	w.WriteString(`<pre class="pc-code"><code>`)
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		w.Write(util.EscapeHTML(seg.Value(source)))
	}
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

func renderBreak(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">` + "\n")
	}
	return ast.WalkContinue, nil
}

// renderNothing drops raw HTML: documents are Markdown only.
func renderNothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}
