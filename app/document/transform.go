package document

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Node attributes set by the transformer and read by the node renderers.
// They never reach the output as such: our renderers write every tag.
const (
	attrKey    = "pc-key"
	attrNumber = "pc-number"
	attrID     = "id"
	attrAlone  = "pc-alone" // on the block being rendered on its own: see blockHTML
)

// blockTransformer finds the commentable blocks and headings in the AST,
// assigns block keys and heading ids, and records them on the nodes.
type blockTransformer struct{}

// Transform implements parser.ASTTransformer.
func (blockTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	in, _ := pc.Get(inputKey).(*renderInput)
	if in == nil || in.fragment {
		return
	}
	source := reader.Source()
	nodes, blocks, headings := collect(doc, source)
	if in.err = parseQuestions(nodes, blocks, source); in.err != nil {
		return
	}
	assignKeys(blocks, in.previous, in.newKey)
	for i, n := range nodes {
		n.SetAttributeString(attrKey, []byte(blocks[i].Key))
		n.SetAttributeString(attrNumber, []byte(strconv.Itoa(blocks[i].Number)))
	}
	in.nodes, in.blocks, in.headings = nodes, blocks, headings
}

// kinds names the block kinds found at the top level of a document.
var kinds = map[ast.NodeKind]string{
	ast.KindParagraph:  KindParagraph,
	ast.KindBlockquote: KindBlockquote,
	east.KindTable:     KindTable,
}

// collect walks the document in order. Every list item is a block, nested
// ones included. Paragraphs, block quotes and tables are blocks only at the
// top level: inside a list item or block quote they belong to that block,
// which is also why the insides of block quotes and tables are skipped.
func collect(doc *ast.Document, source []byte) ([]ast.Node, []Block, []Heading) {
	var (
		nodes    []ast.Node
		blocks   []Block
		headings []Heading
		section  string
		ids      = newIDSet()
	)
	add := func(n ast.Node, kind string) {
		nodes = append(nodes, n)
		blocks = append(blocks, Block{
			Number:  len(blocks) + 1,
			Kind:    kind,
			Text:    blockText(n, source),
			Section: section,
		})
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading:
			h := n.(*ast.Heading)
			section = plainText(n, source)
			id := ids.add(section)
			n.SetAttributeString(attrID, []byte(id))
			headings = append(headings, Heading{Level: h.Level, ID: id, Text: section})
			return ast.WalkSkipChildren, nil
		case ast.KindListItem:
			add(n, KindListItem)
		case ast.KindFencedCodeBlock:
			if n.Parent() != nil && n.Parent().Kind() == ast.KindDocument && isQuestion(n, source) {
				add(n, KindQuestion)
			}
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindBlockquote, east.KindTable:
			if n.Parent() != nil && n.Parent().Kind() == ast.KindDocument {
				add(n, kinds[n.Kind()])
			}
			if n.Kind() != ast.KindParagraph {
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return nodes, blocks, headings
}

// isAlone reports whether n is the block being rendered on its own.
func isAlone(n ast.Node) bool {
	_, alone := n.AttributeString(attrAlone)
	return alone
}

// attribute returns one of the transformer's attributes of n, or "".
func attribute(n ast.Node, name string) string {
	v, _ := n.AttributeString(name)
	b, _ := v.([]byte)
	return string(b)
}

// blockKey returns the key and number the transformer gave n, if any. Inside
// a block rendered on its own nothing is a block: no ids, numbers or markers.
func blockKey(n ast.Node) (key, number string, ok bool) {
	for p := n; p != nil; p = p.Parent() {
		if _, alone := p.AttributeString(attrAlone); alone {
			return "", "", false
		}
	}
	k, ok1 := n.AttributeString(attrKey)
	num, ok2 := n.AttributeString(attrNumber)
	if !ok1 || !ok2 {
		return "", "", false
	}
	kb, _ := k.([]byte)
	nb, _ := num.([]byte)
	return string(kb), string(nb), kb != nil && nb != nil
}
