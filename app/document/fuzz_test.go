package document

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// allowedTags and allowedAttrs are everything our renderer may emit; the
// parser adds html, head and body around a fragment.
var (
	allowedTags = strings.Fields("html head body p ul ol li blockquote div table thead tbody tr th td " +
		"h1 h2 h3 h4 h5 h6 pre code hr a em strong del span br input")
	allowedAttrs = strings.Fields("id class data-paragraph-key data-paragraph-number aria-hidden " +
		"href rel title scope start checked disabled type")
)

func FuzzRender(f *testing.F) {
	seeds := []string{
		base,
		"- a\n  - b\n    - c\n\n1. x\n\n   y",
		"> q\n>\n> - r\n>   > s",
		"| a | b |\n|---|---|\n| <script> | `x` |",
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html,x)",
		"<javascript:alert(1)> <vbscript:x> <file:///etc/passwd>",
		"![a](javascript:alert(1)) ![b](http://x/\"onerror=\"alert(1))",
		"[a](&#106;avascript:alert(1)) [b](java\tscript:x)",
		"<!--pc-count:aaaaaaaa--> `<!--pc-count:bbbbbbbb-->`",
		"# Ŵyau ac ŷd\n\n## P 1\n\n## P 1",
		"Same.\n\nSame.\n\nSame.",
		"```\n<script>\n```\n\n    <script>",
		"-\n-\n- \n\n*\n\n>",
		"a\\\nb  \nc &amp; &#0; &#x110000;",
		strings.Repeat("[a](", 200),
		strings.Repeat("> ", 40) + "x",
		"|a|b|\n|-|-|\n|x|\n|y|",
		"[a]: /b\n[c]: /d\n\n[a] [c]",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	// Each input gets a second: one that reaches the deadline is a shape the
	// counted limits miss, and fails the run with the input saved.
	lim := DefaultLimits
	lim.Time = time.Second
	f.Fuzz(func(t *testing.T, md string) {
		d, err := RenderWithin(md, nil, RandomKey, lim)
		if isLimit(err, LimitTime) {
			t.Fatalf("a %d-byte input took more than a second: %v", len(md), err)
		}
		if err != nil {
			return
		}
		checkFuzzed(t, md, d)
		again, err := Render(md, d.Blocks, RandomKey)
		if err != nil {
			t.Fatalf("second render: %v", err)
		}
		for i := range d.Blocks {
			if again.Blocks[i].Key != d.Blocks[i].Key {
				t.Fatalf("block %d lost its key on re-render", i)
			}
		}
	})
}

// checkFuzzed asserts what must hold for any input.
func checkFuzzed(t *testing.T, md string, d Document) {
	seen := map[string]bool{}
	for i, b := range d.Blocks {
		if b.Number != i+1 || !validKey(b.Key) || seen[b.Key] {
			t.Fatalf("block %d: %+v", i, b)
		}
		seen[b.Key] = true
	}
	segments, ks := Split(d.HTML)
	if len(segments) != len(ks)+1 || len(ks) != len(d.Blocks) {
		t.Fatalf("%d markers for %d blocks", len(ks), len(d.Blocks))
	}
	for i, k := range ks {
		if k != d.Blocks[i].Key {
			t.Fatalf("marker %d is %q, want %q", i, k, d.Blocks[i].Key)
		}
	}
	// Text may spell "javascript:" (escaped, inert), but "<" in text is
	// always escaped, so a literal "<script" can only be markup.
	if strings.Contains(strings.ToLower(d.HTML), "<script") {
		t.Fatalf("output holds <script:\n%s", d.HTML)
	}
	checkElements(t, d.HTML)
}

// checkElements parses the output and fails on any element, attribute or
// link target the renderer should never produce.
func checkElements(t *testing.T, out string) {
	root, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if !contains(allowedTags, n.Data) {
			t.Fatalf("element <%s> in output:\n%s", n.Data, out)
		}
		for _, a := range n.Attr {
			if !contains(allowedAttrs, a.Key) {
				t.Fatalf("attribute %s on <%s>:\n%s", a.Key, n.Data, out)
			}
			if a.Key == "href" && !safeHref(a.Val) {
				t.Fatalf("unsafe href %q", a.Val)
			}
		}
	}
}

// safeHref is an independent restatement of the link rules.
func safeHref(v string) bool {
	v = strings.ToLower(v)
	for _, p := range []string{"http://", "https://", "mailto:", "#", "/"} {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
