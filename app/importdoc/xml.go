package importdoc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is one XML element with its attributes, children and text, kept as
// a small tree because Word and ODF structure (lists, tables, notes) is far
// easier to walk than to stream. The part it comes from is size-limited
// before it is parsed, which bounds the tree.
type node struct {
	Space, Local string
	Attr         []xml.Attr
	Kids         []*node
	Text         string // character data, on a text node (Local == "")
}

// parseXML reads one part into a tree. It refuses a DOCTYPE outright: no
// Office or ODF part needs one, and it is how entity-expansion and external
// entity tricks begin. encoding/xml expands no external entity anyway, and in
// strict mode an undeclared entity is an error.
func parseXML(b []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(string(t))), "DOCTYPE") {
				return nil, ErrDoctype
			}
		case xml.StartElement:
			n := &node{Space: t.Name.Space, Local: t.Name.Local, Attr: t.Attr}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
			if len(stack) > maxDepth {
				return nil, fmt.Errorf("%w: elements nested too deeply", ErrMalformed)
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, &node{Text: string(t)})
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%w: no root element", ErrMalformed)
	}
	return root, nil
}

// maxDepth bounds element nesting, so a crafted part cannot grow the stack
// without limit.
const maxDepth = 256

// attr returns the value of the attribute with this local name (any namespace).
func (n *node) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// attrNS returns the attribute with this namespace and local name.
func (n *node) attrNS(space, local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

// is reports whether n has this namespace and local name.
func (n *node) is(space, local string) bool {
	return n != nil && n.Space == space && n.Local == local
}

// child returns the first child with this namespace and local name.
func (n *node) child(space, local string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.Kids {
		if k.is(space, local) {
			return k
		}
	}
	return nil
}

// find returns the first descendant with this namespace and local name.
func (n *node) find(space, local string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.Kids {
		if k.is(space, local) {
			return k
		}
		if f := k.find(space, local); f != nil {
			return f
		}
	}
	return nil
}

// text is all the character data inside n, in order.
func (n *node) text() string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	n.writeText(&b)
	return b.String()
}

func (n *node) writeText(b *strings.Builder) {
	if n.Local == "" {
		b.WriteString(n.Text)
	}
	for _, k := range n.Kids {
		k.writeText(b)
	}
}
