package document

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestRenderBlocks(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []string
	}{
		{"paragraphs", "One\ntwo.\n\nThree.", []string{"paragraph: One two.", "paragraph: Three."}},
		{"tight nested lists", "- a\n- b\n  1. b1\n     - b1x\n  2. b2\n- c",
			[]string{"list_item: a", "list_item: b", "list_item: b1", "list_item: b1x", "list_item: b2", "list_item: c"}},
		{"loose list item paragraphs", "1. first\n\n   more\n\n2. second\n   * inner\n\n     inner more\n",
			[]string{"list_item: first more", "list_item: second", "list_item: inner inner more"}},
		{"table", "| A | B |\n|---|--:|\n| 1 | *2* |", []string{"table: A B 1 2"}},
		{"block quote", "> one\n>\n> two\n> - x", []string{"blockquote: one two x"}},
		{"table and quote inside a list item", "- item\n\n  | A |\n  |---|\n  | 1 |\n\n  > q\n  > - r",
			[]string{"list_item: item A 1 q r"}},
		{"list inside a block quote", "> - a\n>   - b", []string{"blockquote: a b"}},
		{"code is not a block", "Para\n\n```\ncode\n```\n\n    indented\n", []string{"paragraph: Para"}},
		{"headings are not blocks", "# T\n\n## S\n\nText", []string{"paragraph: Text"}},
		{"entities and escapes", `A &amp; B \* C &#233;`, []string{"paragraph: A & B * C é"}},
		{"raw html dropped", "<div>\nblock\n</div>\n\nx <b>bold</b>", []string{"paragraph: x bold"}},
		{"image alt", "See ![the chart](http://x/c.png).", []string{"paragraph: See the chart."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustRender(t, tt.md, nil)
			checkDocument(t, d)
			if got := texts(d); !slices.Equal(got, tt.want) {
				t.Errorf("blocks\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name      string
		md        string
		want, not []string
	}{
		{"paragraph block", "Hello", []string{`<p id="p-k0000001" class="govuk-body pc-block pc-block--paragraph" data-paragraph-key="k0000001" data-paragraph-number="1"><span class="pc-block__number" aria-hidden="true">1</span>Hello<!--pc-count:k0000001--></p>`}, nil},
		{"lists", "- a\n\n1. b", []string{`<ul class="govuk-list govuk-list--bullet">`, `<ol class="govuk-list govuk-list--number">`, `pc-block--list-item`}, nil},
		{"ordered start", "3. c", []string{`start="3"`}, nil},
		{"nested item marker before sub-list", "- a\n  - b", []string{"<!--pc-count:k0000001--><ul"}, nil},
		{"table", "| A |\n|---|\n| 1 |", []string{`<div id="p-k0000001" class="pc-block pc-block--table"`, `<table class="govuk-table">`, `<th scope="col" class="govuk-table__header">`, `<td class="govuk-table__cell">`, `<tbody class="govuk-table__body">`, `</table><!--pc-count:k0000001--></div>`}, nil},
		{"block quote", "> q", []string{`<blockquote id="p-k0000001" class="govuk-inset-text pc-block pc-block--blockquote"`}, nil},
		{"headings", "# A\n## B\n### C\n#### D", []string{`<h2 id="a" class="govuk-heading-l">`, `<h3 id="b" class="govuk-heading-m">`, `<h4 id="c" class="govuk-heading-s">`, `<h5 id="d" class="govuk-heading-s">`}, nil},
		{"code escaped", "```html\n<script>x</script>\n```", []string{`<pre class="pc-code"><code>&lt;script&gt;`}, []string{"<script", "language-"}},
		{"thematic break", "a\n\n---\n\nb", []string{`<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">`}, nil},
		{"script", "<script>alert(1)</script>\n\nx <script>y</script>", nil, []string{"<script", "raw HTML"}},
		{"img onerror", "<img src=x onerror=alert(1)>\n\nx <img src=x onerror=alert(1)>", nil, []string{"<img", "onerror"}},
		{"inline b", "a <b>b</b>", nil, []string{"<b>"}},
		{"safe links", "[a](https://x.org) [b](http://x.org) [c](mailto:a@b.c) [d](#s) [e](/p)", []string{`<a class="govuk-link" href="https://x.org" rel="nofollow noopener">a</a>`, `<a class="govuk-link" href="mailto:a@b.c">c</a>`, `<a class="govuk-link" href="#s">d</a>`, `<a class="govuk-link" href="/p">e</a>`}, nil},
		{"javascript link", "[a](javascript:alert(1))", []string{">a<"}, []string{"<a ", "javascript"}},
		{"mixed case scheme", "[a](JaVaScRiPt:alert(1))", nil, []string{"<a ", "alert"}},
		{"entity scheme", "[a](&#106;avascript:alert(1))", nil, []string{"<a "}},
		{"data link", "[a](data:text/html;base64,PHNjcmlwdD4=)", nil, []string{"<a ", "data:"}},
		{"relative link", "[a](evil.html)", nil, []string{"<a "}},
		{"autolinks", "<https://x.org> <javascript:alert(1)> <a@b.org> www.x.org", []string{`href="https://x.org"`, `href="mailto:a@b.org"`, `href="http://www.x.org"`}, []string{`href="javascript`}},
		{"image as link", "![chart](https://x.org/c.png)", []string{`<a class="govuk-link" href="https://x.org/c.png" rel="nofollow noopener">chart</a>`}, []string{"<img"}},
		{"image bad url", "![chart](javascript:alert(1))", []string{">chart<"}, []string{"<img", "<a "}},
		{"image inside link", "[![badge](https://x.org/b.png)](https://x.org)", []string{`<a class="govuk-link" href="https://x.org" rel="nofollow noopener">badge</a>`}, []string{"x.org/b.png"}},
		{"title not a link", `[a](https://x.org "javascript:alert(1)")`, []string{`title="javascript:alert(1)"`}, nil},
		{"marker in text", "<!--pc-count:aaaaaaaa--> `<!--pc-count:bbbbbbbb-->`", nil, []string{"aaaaaaaa", "<!--pc-count:bbbbbbbb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustRender(t, tt.md, nil)
			checkDocument(t, d)
			for _, w := range tt.want {
				if !strings.Contains(d.HTML, w) {
					t.Errorf("missing %q in\n%s", w, d.HTML)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(d.HTML, n) {
					t.Errorf("unexpected %q in\n%s", n, d.HTML)
				}
			}
		})
	}
}

func TestRenderHeadings(t *testing.T) {
	d := mustRender(t, "# Ŵyau ac ŷd\n\n## Intro\n\nx\n\n## Intro\n\n### P 1\n\n## Why? (2026)\n\ny", nil)
	want := []Heading{{1, "ŵyau-ac-ŷd", "Ŵyau ac ŷd"}, {2, "intro", "Intro"}, {2, "intro-2", "Intro"}, {3, "h-p-1", "P 1"}, {2, "why-2026", "Why? (2026)"}}
	if !slices.Equal(d.Headings, want) {
		t.Errorf("headings\n got %+v\nwant %+v", d.Headings, want)
	}
	if got := []string{d.Blocks[0].Section, d.Blocks[1].Section}; !slices.Equal(got, []string{"Intro", "Why? (2026)"}) {
		t.Errorf("sections %q", got)
	}
	if !strings.Contains(d.HTML, `<h2 id="ŵyau-ac-ŷd"`) {
		t.Errorf("Welsh heading id lost:\n%s", d.HTML)
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want error
	}{
		{"empty", "", ErrEmpty},
		{"blank", " \n\t\n", ErrEmpty},
		{"too large", strings.Repeat("a", MaxBytes+1), ErrTooLarge},
		{"invalid utf-8", "a\xffb", ErrInvalidText},
		{"nul", "a\x00b", ErrInvalidText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Render(tt.md, nil, nil); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestRandomKey(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		k := RandomKey()
		if !validKey(k) || seen[k] {
			t.Fatalf("bad or repeated key %q", k)
		}
		seen[k] = true
	}
}
