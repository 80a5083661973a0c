package model

import (
	"strings"
	"unicode/utf8"
)

// MaxDisplayName bounds the name an account goes by, in characters.
const MaxDisplayName = 100

// IsControl reports the C0 and C1 control characters and DEL, which hide or
// garble text on pages, feeds and spreadsheets.
func IsControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}

// ValidDisplayName reports whether name, already trimmed, may be shown beside
// comments: present, valid UTF-8, at most MaxDisplayName characters, no controls.
func ValidDisplayName(name string) bool {
	return name != "" && utf8.ValidString(name) && utf8.RuneCountInString(name) <= MaxDisplayName &&
		strings.IndexFunc(name, IsControl) < 0
}
