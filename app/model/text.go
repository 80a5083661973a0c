package model

import (
	"strings"
	"unicode"
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
	return !Blank(name) && utf8.ValidString(name) && utf8.RuneCountInString(name) <= MaxDisplayName &&
		strings.IndexFunc(name, IsControl) < 0
}

// Invisible reports the characters that show nothing on their own: Unicode
// white space (U+00A0, U+2000–U+200A, U+3000…) and format characters (U+200B,
// U+2060, U+FEFF…), which strings.TrimSpace does not all remove.
func Invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}

// Blank reports whether s shows nothing: empty, or invisible characters only.
func Blank(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !Invisible(r) }) < 0
}

// TrimInvisible removes invisible characters from both ends of s.
func TrimInvisible(s string) string { return strings.TrimFunc(s, Invisible) }
