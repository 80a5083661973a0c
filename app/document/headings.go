package document

import (
	"strconv"
	"strings"
	"unicode"
)

// idSet makes heading ids. goldmark's automatic ids drop letters such as
// ŵ and ŷ, which would make Welsh headings unaddressable, so we make our own.
type idSet map[string]bool

func newIDSet() idSet { return idSet{} }

// add returns a new unique id for a heading with the given text.
func (s idSet) add(text string) string {
	base := slug(text)
	id := base
	for i := 2; s[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s[id] = true
	return id
}

// slug lower-cases text, keeps letters and digits, and turns runs of spaces
// and hyphens into one hyphen. "p-" is reserved for block ids, hence "h-".
func slug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-':
			dash = true
		}
	}
	id := b.String()
	if id == "" {
		id = "section"
	}
	if strings.HasPrefix(id, "p-") {
		id = "h-" + id
	}
	return id
}
