// Package document turns a consultation document written in Markdown into
// commentable blocks with keys that stay stable across document versions.
package document

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// MaxBytes is the largest Markdown source Render accepts.
const MaxBytes = 1 << 20

// Sentinel errors returned by Render.
var (
	// ErrEmpty means the document is blank once surrounding white space is removed.
	ErrEmpty = errors.New("document: the document is empty")
	// ErrTooLarge means the document is over MaxBytes.
	ErrTooLarge = errors.New("document: the document is too large")
	// ErrInvalidText means the document is not valid UTF-8 or holds NUL bytes.
	ErrInvalidText = errors.New("document: the document is not valid UTF-8 text")
)

// Block kinds.
const (
	KindParagraph  = "paragraph"
	KindListItem   = "list_item"
	KindBlockquote = "blockquote"
	KindTable      = "table"
)

// Block is one commentable unit: a paragraph, a list item, a block quote or a table.
type Block struct {
	Key     string // stable address, [a-z0-9]{8}; survives new versions
	Number  int    // 1-based position among blocks in this version (the visible paragraph number)
	Kind    string // "paragraph", "list_item", "blockquote", "table"
	Text    string // plain text, whitespace-normalised
	Section string // text of the nearest preceding heading ("" before the first)
	// Question is what a "question" block asks; nil for every other kind.
	Question *Question `json:",omitempty"`
	HTML     string    // the block on its own, for its paragraph page: no id, number or count marker
}

// Heading is one heading of the document, for a table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Document is a rendered document version.
type Document struct {
	HTML     string // the whole document; each block carries CountMarker(key) where its comment link goes
	Blocks   []Block
	Headings []Heading
}

// renderInput travels through the parser context to the AST transformer,
// because the shared goldmark instance must hold no per-call state.
type renderInput struct {
	nodes    []ast.Node // the blocks' nodes, in order
	previous []Block
	newKey   func() string
	blocks   []Block
	headings []Heading
	err      error     // the first malformed question block
	deadline time.Time // when guard stops the parse
	steps    int       // guard calls so far
	fragment bool      // an outcome: rendered without commentable blocks
}

var inputKey = parser.NewContextKey()

// Render converts Markdown to HTML and blocks, reusing the keys of previous
// (the blocks of the preceding version, nil for a first version) where a block
// is unchanged or similar enough; newKey supplies keys for the rest (nil
// means RandomKey; a result that is not 8 of [a-z0-9] or is already taken is
// asked again, then replaced by RandomKey). A document over DefaultLimits is
// refused with a *LimitError.
func Render(markdown string, previous []Block, newKey func() string) (Document, error) {
	return RenderWithin(markdown, previous, newKey, DefaultLimits)
}

// RenderWithin is Render with limits of the caller's choosing.
func RenderWithin(markdown string, previous []Block, newKey func() string, lim Limits) (doc Document, err error) {
	if err := check(markdown); err != nil {
		return Document{}, err
	}
	src := []byte(markdown)
	if err := scan(src, lim); err != nil {
		return Document{}, err
	}
	if newKey == nil {
		newKey = RandomKey
	}
	in := &renderInput{previous: previous, newKey: newKey, deadline: time.Now().Add(lim.Time)}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(errDeadline); !ok {
				panic(r)
			}
			doc, err = Document{}, &LimitError{Limit: LimitTime, Max: int(lim.Time.Milliseconds())}
		}
	}()
	ctx := parser.NewContext()
	ctx.Set(inputKey, in)
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	if in.err != nil {
		return Document{}, in.err
	}
	if len(in.blocks) > lim.Blocks {
		return Document{}, &LimitError{Limit: LimitBlocks, Max: lim.Blocks}
	}
	out := &limitWriter{max: lim.HTMLBytes}
	if err := md.Renderer().Render(out, src, root); err != nil {
		if errors.Is(err, errLimitWriter) {
			return Document{}, &LimitError{Limit: LimitHTML, Max: lim.HTMLBytes}
		}
		return Document{}, err
	}
	if err := blockHTML(src, in.nodes, in.blocks, lim.HTMLBytes); err != nil {
		return Document{}, err
	}
	return Document{HTML: out.buf.String(), Blocks: in.blocks, Headings: in.headings}, nil
}

// blockHTML renders each block on its own, for its paragraph page, with the
// same renderer as the whole page: the block's node is marked so that neither
// it nor anything inside it is written as a block. A list item is put in a list
// of its own kind. The blocks together may take max bytes (nested list items
// repeat the items inside them).
func blockHTML(src []byte, nodes []ast.Node, blocks []Block, max int) error {
	out := &limitWriter{max: max}
	for i, n := range nodes {
		start := out.buf.Len()
		n.SetAttributeString(attrAlone, []byte{1})
		openList, closeList := listAround(n)
		_, _ = out.Write([]byte(openList))
		err := md.Renderer().Render(out, src, n)
		_, _ = out.Write([]byte(closeList))
		removeAttribute(n, attrAlone)
		if errors.Is(err, errLimitWriter) || out.buf.Len()+len(closeList) > max {
			return &LimitError{Limit: LimitHTML, Max: max}
		}
		if err != nil {
			return err
		}
		blocks[i].HTML = string(out.buf.Bytes()[start:])
	}
	return nil
}

// listAround returns the list tags a list item needs around it to stand alone.
func listAround(n ast.Node) (string, string) {
	l, ok := n.Parent().(*ast.List)
	if n.Kind() != ast.KindListItem || !ok {
		return "", ""
	}
	if !l.IsOrdered() {
		return `<ul class="govuk-list govuk-list--bullet">` + "\n", "</ul>\n"
	}
	pos := l.Start
	for c := l.FirstChild(); c != nil && c != n; c = c.NextSibling() {
		pos++
	}
	return `<ol class="govuk-list govuk-list--number" start="` + strconv.Itoa(pos) + `">` + "\n", "</ol>\n"
}

// removeAttribute drops an attribute goldmark has no call to remove.
func removeAttribute(n ast.Node, name string) {
	attrs := n.Attributes()
	n.RemoveAttributes()
	for _, a := range attrs {
		if string(a.Name) != name {
			n.SetAttribute(a.Name, a.Value)
		}
	}
}

// check rejects input that cannot become a document. NUL is refused because
// PostgreSQL cannot store it in text columns.
func check(markdown string) error {
	switch {
	case len(markdown) > MaxBytes:
		return ErrTooLarge
	case !utf8.ValidString(markdown) || strings.ContainsRune(markdown, 0):
		return ErrInvalidText
	case strings.TrimSpace(markdown) == "":
		return ErrEmpty
	}
	return nil
}
