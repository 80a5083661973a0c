package document

import (
	"errors"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Outcome is a consultation's published response ("you said, we did"),
// rendered through the documents' renderer: no raw HTML, only allowed link
// targets, and no commentable blocks (it has no keys, numbers or markers).
type Outcome struct {
	HTML     string // the whole outcome: its sections, in order
	Sections []OutcomeSection
}

// OutcomeSection is a part of the outcome that may be shown on its own: a top
// heading with what follows it, or, in an outcome without headings, one block.
type OutcomeSection struct {
	HTML  string
	Links []string // the destinations of its links, as written
}

// outcomeHeadingLevel is where an outcome's top headings sit: under the h2
// ("Outcome" on the consultation page, "Our response" on a paragraph page).
const outcomeHeadingLevel = 3

// attrShift moves an outcome's headings so that its top level is h3,
// whatever level its author started at.
const attrShift = "pc-shift"

// RenderOutcome renders the outcome's Markdown and cuts it into sections.
func RenderOutcome(markdown string) (out Outcome, err error) {
	if err := check(markdown); err != nil {
		return Outcome{}, err
	}
	src := []byte(markdown)
	lim := DefaultLimits
	if err := scan(src, lim); err != nil {
		return Outcome{}, err
	}
	// fragment keeps the block transformer away: an outcome has no blocks.
	in := &renderInput{fragment: true, deadline: time.Now().Add(lim.Time)}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(errDeadline); !ok {
				panic(r)
			}
			out, err = Outcome{}, &LimitError{Limit: LimitTime, Max: int(lim.Time.Milliseconds())}
		}
	}()
	ctx := parser.NewContext()
	ctx.Set(inputKey, in)
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	shiftHeadings(root)
	w := &limitWriter{max: lim.HTMLBytes}
	for _, nodes := range outcomeSections(root) {
		start := w.buf.Len()
		var links []string
		for _, n := range nodes {
			if err := md.Renderer().Render(w, src, n); err != nil {
				if errors.Is(err, errLimitWriter) {
					return Outcome{}, &LimitError{Limit: LimitHTML, Max: lim.HTMLBytes}
				}
				return Outcome{}, err
			}
			links = append(links, linkDestinations(n, src)...)
		}
		out.Sections = append(out.Sections, OutcomeSection{HTML: w.buf.String()[start:], Links: links})
	}
	out.HTML = w.buf.String()
	return out, nil
}

// outcomeSections groups the top-level nodes: a section starts at each
// heading of the highest level used, and anything before the first is a
// section of its own; without headings every block is one.
func outcomeSections(root ast.Node) [][]ast.Node {
	top := 0
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && (top == 0 || h.Level < top) {
			top = h.Level
		}
	}
	var sections [][]ast.Node
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, isHeading := n.(*ast.Heading)
		if len(sections) == 0 || top == 0 || (isHeading && h.Level == top) {
			sections = append(sections, nil)
		}
		sections[len(sections)-1] = append(sections[len(sections)-1], n)
	}
	return sections
}

// shiftHeadings marks every heading with the shift that puts the outcome's
// highest level at outcomeHeadingLevel.
func shiftHeadings(root ast.Node) {
	top := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && (top == 0 || h.Level < top) {
			top = h.Level
		}
		return ast.WalkContinue, nil
	})
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.Heading); ok && entering {
			n.SetAttributeString(attrShift, outcomeHeadingLevel-top)
		}
		return ast.WalkContinue, nil
	})
}

// linkDestinations lists the targets of the links and automatic links in n.
func linkDestinations(n ast.Node, src []byte) []string {
	var out []string
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := c.(type) {
		case *ast.Link:
			out = append(out, strings.TrimSpace(string(l.Destination)))
		case *ast.AutoLink:
			out = append(out, string(l.URL(src)))
		}
		return ast.WalkContinue, nil
	})
	return out
}
