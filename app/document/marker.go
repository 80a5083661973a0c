package document

import "strings"

const (
	markerOpen  = "<!--pc-count:"
	markerClose = "-->"
)

// CountMarker is the placeholder for a block's comment link in Document.HTML.
// Source text can never produce it: goldmark escapes "<" in text and drops
// raw HTML, including comments.
func CountMarker(key string) string {
	return markerOpen + key + markerClose
}

// Split cuts html at its count markers, so a page can interleave per-block
// comment links without re-rendering: len(segments) == len(keys)+1.
func Split(html string) (segments []string, keys []string) {
	for {
		i := strings.Index(html, markerOpen)
		if i < 0 {
			break
		}
		rest := html[i+len(markerOpen):]
		j := strings.Index(rest, markerClose)
		if j < 0 {
			break
		}
		segments = append(segments, html[:i])
		keys = append(keys, rest[:j])
		html = rest[j+len(markerClose):]
	}
	return append(segments, html), keys
}
