package analysis

import (
	"math"
	"sort"
)

// Vector is a sparse, L2-normalised TF-IDF vector: term indexes in increasing
// order with their weights.
type Vector struct {
	Terms   []int32
	Weights []float32
}

// Dot is the cosine similarity of two normalised vectors.
func (v Vector) Dot(w Vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(v.Terms) && j < len(w.Terms) {
		switch {
		case v.Terms[i] == w.Terms[j]:
			s += float64(v.Weights[i]) * float64(w.Weights[j])
			i++
			j++
		case v.Terms[i] < w.Terms[j]:
			i++
		default:
			j++
		}
	}
	return s
}

// Vocabulary maps words to term indexes and holds their inverse document
// frequencies, learned from a corpus.
type Vocabulary struct {
	index map[string]int32
	words []string
	idf   []float64
}

// minDocs is how many documents a word must appear in to be a feature: rarer
// words are mostly typing errors and names, and make the vocabulary huge.
const minDocs = 2

// NewVocabulary learns the vocabulary of the tokenised documents.
func NewVocabulary(docs [][]string) *Vocabulary {
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, w := range d {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	words := make([]string, 0, len(df))
	for w, n := range df {
		if n >= minDocs || len(docs) < 20 {
			words = append(words, w)
		}
	}
	sort.Strings(words) // the same vocabulary in the same order on every run
	v := &Vocabulary{index: make(map[string]int32, len(words)), words: words, idf: make([]float64, len(words))}
	n := float64(len(docs))
	for i, w := range words {
		v.index[w] = int32(i)
		v.idf[i] = math.Log((n+1)/(float64(df[w])+1)) + 1
	}
	return v
}

// Size is the number of terms.
func (v *Vocabulary) Size() int { return len(v.words) }

// Word is the word of a term index.
func (v *Vocabulary) Word(i int32) string { return v.words[i] }

// Vector turns a tokenised document into its normalised TF-IDF vector; words
// outside the vocabulary are ignored.
func (v *Vocabulary) Vector(doc []string) Vector {
	tf := map[int32]float64{}
	for _, w := range doc {
		if i, ok := v.index[w]; ok {
			tf[i]++
		}
	}
	vec := Vector{Terms: make([]int32, 0, len(tf)), Weights: make([]float32, 0, len(tf))}
	for i := range tf {
		vec.Terms = append(vec.Terms, i)
	}
	sort.Slice(vec.Terms, func(a, b int) bool { return vec.Terms[a] < vec.Terms[b] })
	var norm float64
	ws := make([]float64, len(vec.Terms))
	for k, i := range vec.Terms {
		ws[k] = (1 + math.Log(tf[i])) * v.idf[i] // sublinear term frequency
		norm += ws[k] * ws[k]
	}
	norm = math.Sqrt(norm)
	for _, w := range ws {
		vec.Weights = append(vec.Weights, float32(w/norm))
	}
	return vec
}

// dense is a vector over the whole vocabulary, for centroids.
type dense []float64

// add adds scale times v.
func (d dense) add(v Vector, scale float64) {
	for k, i := range v.Terms {
		d[i] += scale * float64(v.Weights[k])
	}
}

// normalise scales d to unit length; a zero vector stays zero.
func (d dense) normalise() {
	var n float64
	for _, x := range d {
		n += x * x
	}
	if n == 0 {
		return
	}
	n = math.Sqrt(n)
	for i := range d {
		d[i] /= n
	}
}

// dot is the similarity of a sparse vector with a dense one.
func (d dense) dot(v Vector) float64 {
	var s float64
	for k, i := range v.Terms {
		s += d[i] * float64(v.Weights[k])
	}
	return s
}
