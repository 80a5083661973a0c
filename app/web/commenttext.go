package web

import (
	"bytes"
	"html/template"
	"regexp"
	"strings"
	"sync"
)

// urlPattern finds http and https addresses in plain text. Trailing punctuation
// that usually ends a sentence is left out of the link.
var urlPattern = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"']+[^\s<>"'.,;:!?)\]}]`)

// commentMarkup lays out a comment's pieces. html/template escapes every piece
// for where it lands (text, or a link's href, where it also refuses any scheme
// but http and https), so no call site has to remember to. Parsed once at start.
var commentMarkup = template.Must(template.New("comment").Parse(
	`{{range .}}{{if .Link}}<a href="{{.Link}}" class="govuk-link" rel="nofollow ugc noopener">{{.Link}}</a>` +
		`{{else if .Break}}<br>{{else}}{{.Text}}{{end}}{{end}}`))

// commentPiece is a link, a line break or a run of text.
type commentPiece struct {
	Link, Text string
	Break      bool
}

// commentBuffers reuses render buffers: comments are rendered by the hundred.
var commentBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// formatComment renders a comment's plain text as HTML: everything escaped,
// line breaks kept as <br>, and http(s) addresses turned into links that search
// engines do not follow and that cannot reach back into this page.
func formatComment(text string) template.HTML {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	pieces := make([]commentPiece, 0, 8)
	last := 0
	for _, m := range urlPattern.FindAllStringIndex(text, -1) {
		pieces = appendLines(pieces, text[last:m[0]])
		pieces = append(pieces, commentPiece{Link: text[m[0]:m[1]]})
		last = m[1]
	}
	pieces = appendLines(pieces, text[last:])
	buf := commentBuffers.Get().(*bytes.Buffer)
	defer commentBuffers.Put(buf)
	buf.Reset()
	if err := commentMarkup.Execute(buf, pieces); err != nil {
		// Executing a fixed template over strings cannot fail; if it ever
		// did, show nothing rather than unescaped text.
		return ""
	}
	return template.HTML(buf.String()) // #nosec: html/template escaped every piece
}

// appendLines adds text as runs separated by line breaks.
func appendLines(pieces []commentPiece, text string) []commentPiece {
	for {
		line, rest, found := strings.Cut(text, "\n")
		if line != "" {
			pieces = append(pieces, commentPiece{Text: line})
		}
		if !found {
			return pieces
		}
		pieces = append(pieces, commentPiece{Break: true})
		text = rest
	}
}
