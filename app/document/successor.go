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

// SuggestSuccessors returns, by the key of each gone block, the block of
// current whose words are most like it, by the cosine of their word and
// word-pair frequencies (word pairs weigh word order in, so a paragraph that
// kept its phrases beats one that merely shares common words). A gone block
// that no current block comes close enough to has no entry.
func SuggestSuccessors(gone, current []Block) map[string]Successor {
	vectors := make([]vector, len(current))
	for i, b := range current {
		vectors[i] = newVector(b.Text)
	}
	out := map[string]Successor{}
	for _, g := range gone {
		want := newVector(g.Text)
		var best Successor
		for i, b := range current {
			if b.Key == g.Key {
				continue
			}
			s := cosine(want, vectors[i])
			if b.Kind != g.Kind {
				s *= kindPenalty
			}
			if s > best.Score {
				best = Successor{Key: b.Key, Number: b.Number, Score: s}
			}
		}
		if best.Score >= minSuccessorScore {
			out[g.Key] = best
		}
	}
	return out
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

// vector is a text's term counts with their Euclidean norm, worked out once.
type vector struct {
	terms map[string]float64
	norm  float64
}

func newVector(text string) vector {
	v := vector{terms: termVector(text)}
	for _, x := range v.terms {
		v.norm += x * x
	}
	v.norm = math.Sqrt(v.norm)
	return v
}

// cosine is the cosine similarity of two vectors; 0 when either is empty.
func cosine(a, b vector) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	if len(a.terms) > len(b.terms) {
		a, b = b, a
	}
	var dot float64
	for t, x := range a.terms {
		dot += x * b.terms[t]
	}
	return dot / (a.norm * b.norm)
}
