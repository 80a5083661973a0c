package export

import (
	"encoding/binary"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/runenames"
)

// softHyphen marks where a word may break; it shows only when the line breaks there.
const softHyphen = '\u00ad'

// clean makes user text safe to lay out: line endings unified, tabs as spaces,
// other control characters and format marks (zero-width joiners, variation
// selectors, byte-order marks) dropped, since they have no glyph.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n', r == softHyphen:
			return r
		case r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Variation_Selector, r),
			r >= 0x1f3fb && r <= 0x1f3ff: // skin-tone modifiers
			return -1
		}
		return r
	}, s)
}

// covered reports, for the embedded font, which runes have a glyph.
type coverage map[rune]bool

var (
	fontCoverOnce sync.Once
	fontCover     coverage
)

// fontCoverage is the set of runes the embedded Noto Sans can draw.
func fontCoverage() coverage {
	fontCoverOnce.Do(func() { fontCover = cmapRunes(fontRegular) })
	return fontCover
}

// substitute replaces what the font cannot draw with a readable stand-in, so a
// reader never meets U+FFFD or an empty box: a symbol or emoji by its Unicode
// name ("[grinning face]"), and a run of letters of a script the font lacks by
// saying what it is ("[5 characters of Han script]"), since one name per letter
// would be unreadable. name formats the latter from the count and script.
func substitute(s string, cov coverage, name func(n int, script string) string) string {
	ok := true
	for _, r := range s {
		if !cov[r] && r != '\n' && r != softHyphen {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	runScript, runLen := "", 0
	flush := func() {
		if runLen > 0 {
			b.WriteString(name(runLen, runScript))
			runScript, runLen = "", 0
		}
	}
	for _, r := range s {
		if cov[r] || r == '\n' || r == softHyphen {
			flush()
			b.WriteRune(r)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsMark(r) {
			sc := scriptOf(r)
			if runLen > 0 && sc != runScript {
				flush()
			}
			runScript = sc
			runLen++
			continue
		}
		flush()
		n := strings.ToLower(runenames.Name(r))
		if n == "" {
			n = "symbol"
		}
		b.WriteString("[" + n + "]")
	}
	flush()
	return b.String()
}

// scriptOf names the Unicode script of a letter, with the Japanese kana and
// Chinese characters counted together as the reader would see them.
func scriptOf(r rune) string {
	for _, name := range []string{"Han", "Hiragana", "Katakana", "Hangul", "Arabic", "Hebrew", "Devanagari", "Bengali", "Tamil", "Thai"} {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	for name, t := range unicode.Scripts {
		if unicode.Is(t, r) {
			return name
		}
	}
	return "unknown"
}

// cmapRunes reads the Unicode character map of a TrueType font (formats 4 and
// 12), so the report knows which characters it can draw.
func cmapRunes(ttf []byte) coverage {
	cov := coverage{}
	if len(ttf) < 12 {
		return cov
	}
	numTables := int(binary.BigEndian.Uint16(ttf[4:]))
	var cmap []byte
	for i := range numTables {
		rec := ttf[12+16*i:]
		if string(rec[:4]) == "cmap" {
			off, n := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			cmap = ttf[off : off+n]
		}
	}
	if cmap == nil {
		return cov
	}
	be16 := func(b []byte, at int) int { return int(binary.BigEndian.Uint16(b[at:])) }
	for i := range be16(cmap, 2) {
		off := int(binary.BigEndian.Uint32(cmap[4+8*i+4:]))
		sub := cmap[off:]
		switch be16(sub, 0) {
		case 4:
			segs := be16(sub, 6) / 2
			for s := range segs {
				end, start := be16(sub, 14+2*s), be16(sub, 16+2*segs+2*s)
				delta := be16(sub, 16+4*segs+2*s)
				roAt := 16 + 6*segs + 2*s
				ro := be16(sub, roAt)
				for c := start; c <= end && c != 0xffff; c++ {
					g := 0
					if ro == 0 {
						g = (c + delta) & 0xffff
					} else if at := roAt + ro + 2*(c-start); at+2 <= len(sub) {
						if g = be16(sub, at); g != 0 {
							g = (g + delta) & 0xffff
						}
					}
					if g != 0 {
						cov[rune(c)] = true
					}
				}
			}
		case 12:
			groups := int(binary.BigEndian.Uint32(sub[12:]))
			for g := range groups {
				rec := sub[16+12*g:]
				start, end := binary.BigEndian.Uint32(rec), binary.BigEndian.Uint32(rec[4:])
				for c := start; c <= end && end-start < 0x10000; c++ {
					cov[rune(c)] = true
				}
			}
		}
	}
	return cov
}

// shorten cuts s to at most n runes, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	if len(s) <= n { // bytes ≥ runes, so this is a cheap common case
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// truncateBody shortens a very long comment at a word boundary and says whether
// it did, so the report can tell the reader the full text is in the CSV export.
func truncateBody(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	r := []rune(s)
	if len(r) <= n {
		return s, false
	}
	cut := string(r[:n])
	if i := strings.LastIndexAny(cut, " \n"); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + " […]", true
}

// wrapSoftHyphens lays text out in lines no wider than w, as measured, and
// returns it with explicit line breaks: a soft hyphen becomes a visible hyphen
// where a line breaks at it and disappears everywhere else. Lines that need
// no soft hyphen are left to break at spaces as usual.
func wrapSoftHyphens(s string, w float64, width func(string) float64) string {
	if !strings.ContainsRune(s, softHyphen) {
		return s
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		var line string
		for _, word := range strings.Fields(para) {
			for word != "" {
				plain := strings.ReplaceAll(word, string(softHyphen), "")
				try := plain
				if line != "" {
					try = line + " " + plain
				}
				if width(try) <= w || line == "" && !strings.ContainsRune(word, softHyphen) {
					line, word = try, ""
					break
				}
				// Break inside the word at the last soft hyphen that still fits.
				parts := strings.Split(word, string(softHyphen))
				placed := false
				for k := len(parts) - 1; k > 0; k-- {
					cand := strings.Join(parts[:k], "") + "-"
					if line != "" {
						cand = line + " " + cand
					}
					if width(cand) <= w {
						out = append(out, cand)
						line, word = "", strings.Join(parts[k:], string(softHyphen))
						placed = true
						break
					}
				}
				switch {
				case placed:
				case line != "":
					out = append(out, line) // try the word again on a line of its own
					line = ""
				default:
					line, word = plain, "" // no break fits: the layout breaks it as it can
				}
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
