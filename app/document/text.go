package document

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// blockText is the plain text of a block. A list item's text leaves out its
// nested lists, whose items are blocks of their own.
func blockText(n ast.Node, source []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if n.Kind() == ast.KindListItem && c.Kind() == ast.KindList {
			continue
		}
		writeText(&b, c, source)
		if c.Type() == ast.TypeBlock {
			b.WriteByte(' ')
		}
	}
	return normalise(b.String())
}

// plainText is the whitespace-normalised text of n and its descendants.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	writeText(&b, n, source)
	return normalise(b.String())
}

// writeText appends the visible text of n: what a reader sees, without
// markup, link targets or dropped raw HTML.
func writeText(b *strings.Builder, n ast.Node, source []byte) {
	switch t := n.(type) {
	case *ast.Text:
		v := t.Segment.Value(source)
		if !t.IsRaw() {
			v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
		}
		b.Write(v)
		if t.SoftLineBreak() || t.HardLineBreak() {
			b.WriteByte(' ')
		}
		return
	case *ast.String:
		b.Write(t.Value)
		return
	case *ast.AutoLink:
		b.Write(t.Label(source))
		return
	case *ast.RawHTML, *ast.HTMLBlock, *east.TaskCheckBox:
		return
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		writeLines(b, n, source)
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeText(b, c, source)
		if c.Type() == ast.TypeBlock || c.Kind() == east.KindTableCell {
			b.WriteByte(' ')
		}
	}
}

// writeLines appends the raw lines of a code block.
func writeLines(b *strings.Builder, n ast.Node, source []byte) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(source))
		b.WriteByte(' ')
	}
}

// normalise collapses runs of white space into single spaces.
func normalise(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
