package document

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

const (
	questionOpen  = "<!--pc-question:"
	questionClose = "<!--/pc-question-->"
)

// renderQuestion writes a question block: the question and its options as
// text, between markers that a page replaces with the answer form. Outside
// such a page (old versions, previews) the text stands as it is.
func renderQuestion(w util.BufWriter, source []byte, n ast.Node) {
	q, err := parseQuestionNode(n, source)
	if err != nil {
		return
	}
	key, num, ok := blockKey(n)
	switch {
	case ok:
		w.WriteString(`<div id="p-` + key + `" class="pc-block pc-block--question" data-paragraph-key="` + key +
			`" data-paragraph-number="` + num + `" data-question="` + q.Type + `">`)
		w.WriteString(`<span class="pc-block__number" aria-hidden="true">` + num + `</span>` + "\n")
	case isAlone(n):
		// The question on its own page: no address or number, but the markers
		// that the page replaces with the answer form.
		key = attribute(n, attrKey)
		w.WriteString(`<div class="pc-block pc-block--question" data-question="` + q.Type + `">` + "\n")
	default:
		return
	}
	w.WriteString(questionOpen + key + "-->")
	w.WriteString(`<p class="govuk-body pc-question__text">`)
	w.Write(util.EscapeHTML([]byte(q.Text)))
	w.WriteString("</p>\n")
	if len(q.Options) > 0 {
		w.WriteString(`<ul class="govuk-list govuk-list--bullet pc-question__options">` + "\n")
		for _, o := range q.Options {
			w.WriteString("<li>")
			w.Write(util.EscapeHTML([]byte(o)))
			w.WriteString("</li>\n")
		}
		w.WriteString("</ul>\n")
	}
	w.WriteString(questionClose + "\n")
	if ok {
		w.WriteString(CountMarker(key))
	}
	w.WriteString("</div>\n")
}

// ReplaceQuestions replaces the text of every question in html with what
// form returns for its key; form returning ok=false keeps the text.
func ReplaceQuestions(html string, form func(key string) (string, bool)) string {
	if !strings.Contains(html, questionOpen) {
		return html
	}
	var b strings.Builder
	for {
		i := strings.Index(html, questionOpen)
		if i < 0 {
			break
		}
		rest := html[i+len(questionOpen):]
		j := strings.Index(rest, "-->")
		k := strings.Index(rest, questionClose)
		if j < 0 || k < j {
			break
		}
		key := rest[:j]
		b.WriteString(html[:i])
		if out, ok := form(key); ok {
			b.WriteString(out)
		} else {
			b.WriteString(rest[j+3 : k])
		}
		html = rest[k+len(questionClose):]
	}
	b.WriteString(html)
	return b.String()
}
