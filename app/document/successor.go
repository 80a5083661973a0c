package document

import (
	"math"
	"strings"
	"unicode"
)

// minSuccessorScore is the least cosine similarity for a block to be suggested
// as the successor of a rewritten one. It is lower than minSimilarity, which
// decides whether a key survives: a rewrite that lost its key on purpose still
// shares its subject's words with the paragraph that replaced it, and a person
// confirms every suggestion.
const minSuccessorScore = 0.25

// Successor is the block of a newer version most like a block that no longer
// exists, and how alike they are, from 0 to 1.
type Successor struct {
	Key    string
	Number int
	Score  float64
}

// SuggestSuccessor returns the block of current whose words are most like
// gone's, by the cosine of their word and word-pair frequencies (word pairs
// weigh word order in, so a paragraph that kept its phrases beats one that
// merely shares common words). ok is false when no block comes close enough.
func SuggestSuccessor(gone Block, current []Block) (Successor, bool) {
	want := termVector(gone.Text)
	var best Successor
	for _, b := range current {
		if b.Key == gone.Key {
			continue
		}
		s := cosine(want, termVector(b.Text))
		if b.Kind != gone.Kind {
			s *= kindPenalty
		}
		if s > best.Score {
			best = Successor{Key: b.Key, Number: b.Number, Score: s}
		}
	}
	return best, best.Score >= minSuccessorScore
}

// termVector counts a text's lower-cased, lightly stemmed words and adjacent
// word pairs.
func termVector(text string) map[string]float64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range words {
		words[i] = stem(w)
	}
	v := make(map[string]float64, 2*len(words))
	for i, w := range words {
		v[w]++
		if i > 0 {
			v[words[i-1]+" "+w]++
		}
	}
	return v
}

// stem drops the commonest English endings, so "parked", "parking" and "parks"
// count as one word. It is deliberately crude: it only has to make rewrites of
// the same sentence look alike, never to be shown.
func stem(w string) string {
	for _, end := range []string{"ing", "ed", "es", "s"} {
		if len([]rune(w)) > len(end)+3 && strings.HasSuffix(w, end) {
			return strings.TrimSuffix(w, end)
		}
	}
	return w
}

// cosine is the cosine similarity of two term vectors; 0 when either is empty.
func cosine(a, b map[string]float64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var dot, na, nb float64
	for t, x := range a {
		dot += x * b[t]
		na += x * x
	}
	for _, y := range b {
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}
