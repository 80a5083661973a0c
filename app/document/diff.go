package document

import (
	"strings"
	"unicode/utf8"
)

// maxDiffCells caps the word LCS table; larger blocks are shown as a whole
// replacement, which keeps a "what changed" page fast on huge tables.
const maxDiffCells = 250_000

// Change is one block in a comparison of two versions.
type Change struct {
	Kind      string // "unchanged", "changed", "added", "removed"
	Key       string
	OldNumber int // 0 when added
	NewNumber int // 0 when removed
	Old, New  string
	Words     []WordOp // for "changed" only
}

// WordOp is a run of words kept ("="), added ("+") or removed ("-"); runs are
// separated by a space when shown.
type WordOp struct {
	Op   string
	Text string
}

// Diff compares two versions block by block, matched by key, in the order of
// the new version with each removed block placed where it used to be.
func Diff(old, new []Block) []Change {
	oldAt := make(map[string]int, len(old))
	for i, b := range old {
		oldAt[b.Key] = i
	}
	inNew := make(map[string]bool, len(new))
	for _, b := range new {
		inNew[b.Key] = true
	}
	var out []Change
	next := 0 // first old block not yet considered for removal
	flush := func(upTo int) {
		for ; next < upTo; next++ {
			if o := old[next]; !inNew[o.Key] {
				out = append(out, Change{Kind: "removed", Key: o.Key, OldNumber: o.Number, Old: o.Text})
			}
		}
	}
	for _, b := range new {
		i, ok := oldAt[b.Key]
		if !ok {
			out = append(out, Change{Kind: "added", Key: b.Key, NewNumber: b.Number, New: b.Text})
			continue
		}
		flush(i)
		out = append(out, compare(old[i], b))
	}
	flush(len(old))
	return out
}

// compare describes one block present in both versions.
func compare(o, n Block) Change {
	c := Change{Kind: "unchanged", Key: n.Key, OldNumber: o.Number, NewNumber: n.Number, Old: o.Text, New: n.Text}
	if o.Text != n.Text {
		c.Kind = "changed"
		c.Words = diffWords(strings.Fields(o.Text), strings.Fields(n.Text))
	}
	return c
}

// diffWords is a longest-common-subsequence diff on words.
func diffWords(a, b []string) []WordOp {
	if len(a)*len(b) > maxDiffCells {
		return appendOp(appendOp(nil, "-", a...), "+", b...)
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []WordOp
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			ops = appendOp(ops, "=", a[i])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			ops = appendOp(ops, "-", a[i])
			i++
		default:
			ops = appendOp(ops, "+", b[j])
			j++
		}
	}
	return appendOp(appendOp(ops, "-", a[i:]...), "+", b[j:]...)
}

// appendOp adds words to ops, extending the last run when it has the same op.
func appendOp(ops []WordOp, op string, words ...string) []WordOp {
	if len(words) == 0 {
		return ops
	}
	text := strings.Join(words, " ")
	if k := len(ops) - 1; k >= 0 && ops[k].Op == op {
		ops[k].Text += " " + text
		return ops
	}
	return append(ops, WordOp{Op: op, Text: text})
}

// Excerpt returns text shortened to at most n runes plus "…", cut at a word
// boundary when there is one.
func Excerpt(text string, n int) string {
	text = normalise(text)
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	if n <= 0 {
		return ""
	}
	end := runeOffset(text, n)
	cut := text[:end]
	// Back off to the last space unless the cut already falls on one.
	if sp := strings.LastIndexByte(cut, ' '); sp > 0 && text[end] != ' ' {
		cut = cut[:sp]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}

// runeOffset is the byte offset of rune n in s.
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
