package campaign

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalise lower-cases text, keeps only Unicode letters and digits, and collapses
// everything else to single spaces, so punctuation and layout changes in a form
// letter do not hide that it is the same letter. It composes the text first (NFC)
// and keeps combining marks, so a Welsh ŵ or ŷ typed as a letter plus a combining
// circumflex stays inside its word and matches the one-character form.
func normalise(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

// wordStarts returns the byte offset of each word in normalised text.
func wordStarts(norm string) []int {
	if norm == "" {
		return nil
	}
	starts := []int{0}
	for i := 0; i < len(norm); i++ {
		if norm[i] == ' ' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// shingles returns the sorted, distinct hashes of every run of k consecutive words.
// Text shorter than k words is one shingle.
func shingles(norm string, starts []int, k int) []uint64 {
	n := len(starts) - k + 1
	if n < 1 {
		n = 1
	}
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		end := len(norm)
		if i+k < len(starts) {
			end = starts[i+k] - 1
		}
		out = append(out, fnv64(norm[starts[i]:end]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// fnv64 is FNV-1a: fixed, so the same comments always give the same groups.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix64(h)
}

// mix64 is the splitmix64 finaliser; it spreads FNV's weak low bits before the
// MinHash permutations.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// jaccard is the exact Jaccard similarity of two sorted, distinct hash sets.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}
