package document

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// counter returns a newKey that yields k0000001, k0000002, … so tests can
// tell fresh keys from kept ones.
func counter() func() string {
	n := 0
	return func() string {
		n++
		s := strconv.Itoa(n)
		return "k" + strings.Repeat("0", 7-len(s)) + s
	}
}

// mustRender renders md or fails the test.
func mustRender(t testing.TB, md string, previous []Block) Document {
	t.Helper()
	d, err := Render(md, previous, counter())
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return d
}

// checkDocument parses the HTML and asserts the block contract: each element
// with data-paragraph-key has the matching id and number, numbers run 1..N
// in order, and each key's count marker appears exactly once.
func checkDocument(t testing.TB, d Document) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(d.HTML))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var got []Block
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		key, ok := attr(n, "data-paragraph-key")
		if !ok {
			continue
		}
		if id, _ := attr(n, "id"); id != "p-"+key {
			t.Errorf("block %q has id %q", key, id)
		}
		num, _ := attr(n, "data-paragraph-number")
		number, _ := strconv.Atoi(num)
		got = append(got, Block{Key: key, Number: number})
	}
	if len(got) != len(d.Blocks) {
		t.Fatalf("HTML has %d blocks, Blocks has %d", len(got), len(d.Blocks))
	}
	for i, b := range got {
		if b.Number != i+1 || d.Blocks[i].Number != i+1 || b.Key != d.Blocks[i].Key {
			t.Errorf("block %d: HTML %+v, Blocks %+v", i, b, d.Blocks[i])
		}
	}
	_, keys := Split(d.HTML)
	seen := map[string]bool{}
	for i, k := range keys {
		if seen[k] {
			t.Errorf("marker for %q appears twice", k)
		}
		seen[k] = true
		if i < len(d.Blocks) && d.Blocks[i].Key != k {
			t.Errorf("marker %d is %q, want %q", i, k, d.Blocks[i].Key)
		}
	}
	if len(keys) != len(d.Blocks) {
		t.Errorf("%d markers for %d blocks", len(keys), len(d.Blocks))
	}
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// texts lists the blocks' kinds and texts as "kind: text".
func texts(d Document) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, b.Kind+": "+b.Text)
	}
	return out
}

// keys lists the blocks' keys.
func keys(bs []Block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Key)
	}
	return out
}
