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

// commentMarkup lays out a comment's runs of text and its links. html/template
// escapes every piece for where it lands (text, or a link's href, where it also
// refuses any scheme but http and https), so no call site has to remember to.
// Parsed once at start.
var commentMarkup = template.Must(template.New("comment").Parse(
	`{{range .}}{{if .Link}}<a href="{{.Link}}" class="govuk-link" rel="nofollow ugc noopener">{{.Link}}</a>` +
		`{{else}}{{.Text}}{{end}}{{end}}`))

// commentPiece is a link or a run of text.
type commentPiece struct{ Link, Text string }

// commentBuffers reuses render buffers: comments are rendered by the hundred.
var commentBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// formatComment renders a comment's plain text as HTML: everything escaped,
// line breaks kept as <br>, and http(s) addresses turned into links that search
// engines do not follow and that cannot reach back into this page.
func formatComment(text string) template.HTML {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	pieces := make([]commentPiece, 0, 4)
	last := 0
	var links [][]int
	if strings.Contains(text, "://") { // most comments hold no address: skip the regexp
		links = urlPattern.FindAllStringIndex(text, -1)
	}
	for _, m := range links {
		pieces = append(pieces, commentPiece{Text: text[last:m[0]]}, commentPiece{Link: text[m[0]:m[1]]})
		last = m[1]
	}
	pieces = append(pieces, commentPiece{Text: text[last:]})
	buf := commentBuffers.Get().(*bytes.Buffer)
	defer commentBuffers.Put(buf)
	buf.Reset()
	if err := commentMarkup.Execute(buf, pieces); err != nil {
		// Executing a fixed template over strings cannot fail; if it ever
		// did, show nothing rather than unescaped text.
		return ""
	}
	// A line break can only come from the text runs (a link holds no space),
	// and escaping leaves it as it was, so turning each into <br> after
	// escaping cannot open a way in for markup.
	return template.HTML(strings.ReplaceAll(buf.String(), "\n", "<br>")) // #nosec: escaped above
}
