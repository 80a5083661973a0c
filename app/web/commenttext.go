package web

import (
	"html/template"
	"regexp"
	"strings"
)

// urlPattern finds http and https addresses in plain text. Trailing punctuation
// that usually ends a sentence is left out of the link.
var urlPattern = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"']+[^\s<>"'.,;:!?)\]}]`)

// formatComment renders a comment's plain text as HTML: everything escaped,
// line breaks kept as <br>, and http(s) addresses turned into links that search
// engines do not follow and that cannot reach back into this page.
func formatComment(text string) template.HTML {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var b strings.Builder
	last := 0
	for _, m := range urlPattern.FindAllStringIndex(text, -1) {
		b.WriteString(escapeLines(text[last:m[0]]))
		u := template.HTMLEscapeString(text[m[0]:m[1]])
		b.WriteString(`<a href="` + u + `" class="govuk-link" rel="nofollow ugc noopener">` + u + `</a>`)
		last = m[1]
	}
	b.WriteString(escapeLines(text[last:]))
	return template.HTML(b.String()) // #nosec: every piece above is escaped
}

// escapeLines escapes text and turns each line break into <br>.
func escapeLines(s string) string {
	return strings.ReplaceAll(template.HTMLEscapeString(s), "\n", "<br>")
}
