package analysis

import (
	"math"
	"sort"
)

// Example is one comment the analysts tagged (Labels) or whose suggestions they
// dismissed (Dismissed), as words.
type Example struct {
	Words     []string
	Labels    []int64
	Dismissed []int64
}

// Model is a nearest-centroid classifier over TF-IDF vectors: one centroid per
// theme, the mean of its comments minus part of the mean of the comments where
// the theme was dismissed (Rocchio's method), so dismissals teach it too.
type Model struct {
	vocab     *Vocabulary
	labels    []int64
	centroids []dense
}

// dismissedWeight is how much a dismissed comment pulls a centroid away,
// relative to a tagged one pulling it closer.
const dismissedWeight = 0.5

// temperature sharpens the softmax that turns similarities into confidences.
const temperature = 0.08

// Train learns one centroid per label that has at least one tagged example.
func Train(vocab *Vocabulary, examples []Example) *Model {
	type sums struct {
		pos, neg   dense
		npos, nneg int
	}
	by := map[int64]*sums{}
	get := func(l int64) *sums {
		if by[l] == nil {
			by[l] = &sums{pos: make(dense, vocab.Size()), neg: make(dense, vocab.Size())}
		}
		return by[l]
	}
	for _, ex := range examples {
		v := vocab.Vector(ex.Words)
		for _, l := range ex.Labels {
			s := get(l)
			s.pos.add(v, 1)
			s.npos++
		}
		for _, l := range ex.Dismissed {
			s := get(l)
			s.neg.add(v, 1)
			s.nneg++
		}
	}
	m := &Model{vocab: vocab}
	for l, s := range by {
		if s.npos > 0 {
			m.labels = append(m.labels, l)
		}
	}
	sort.Slice(m.labels, func(i, j int) bool { return m.labels[i] < m.labels[j] })
	for _, l := range m.labels {
		s := by[l]
		c := make(dense, vocab.Size())
		for i := range c {
			c[i] = s.pos[i] / float64(s.npos)
			if s.nneg > 0 {
				c[i] -= dismissedWeight * s.neg[i] / float64(s.nneg)
			}
		}
		c.normalise()
		m.centroids = append(m.centroids, c)
	}
	return m
}

// Labels are the labels the model can suggest.
func (m *Model) Labels() []int64 { return m.labels }

// Suggestion is a label suggested for a comment, how sure the model is (0 to
// 1), and the words of the comment that weighed most.
type Suggestion struct {
	Label      int64
	Confidence float64
	Words      []string
}

// minSimilarity is the least cosine similarity to a centroid worth a suggestion:
// a comment sharing no words with any theme gets none, whatever the softmax says.
const minSimilarity = 0.03

// Suggest returns the labels whose confidence reaches minConfidence, most
// confident first, skipping those in skip.
func (m *Model) Suggest(words []string, minConfidence float64, skip []int64) []Suggestion {
	if len(m.labels) == 0 {
		return nil
	}
	v := m.vocab.Vector(words)
	sims := make([]float64, len(m.labels))
	best := math.Inf(-1)
	for i, c := range m.centroids {
		sims[i] = c.dot(v)
		best = max(best, sims[i])
	}
	var total float64
	for _, s := range sims {
		total += math.Exp((s - best) / temperature)
	}
	var out []Suggestion
	for i, s := range sims {
		conf := math.Exp((s-best)/temperature) / total
		if conf < minConfidence || s < minSimilarity || contains(skip, m.labels[i]) {
			continue
		}
		out = append(out, Suggestion{Label: m.labels[i], Confidence: conf, Words: m.why(v, m.centroids[i])})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Confidence > out[b].Confidence })
	return out
}

// why lists the comment's words that contributed most to its similarity to c.
func (m *Model) why(v Vector, c dense) []string {
	type contribution struct {
		term  int32
		value float64
	}
	var cs []contribution
	for k, i := range v.Terms {
		if x := float64(v.Weights[k]) * c[i]; x > 0 {
			cs = append(cs, contribution{i, x})
		}
	}
	sort.Slice(cs, func(a, b int) bool { return cs[a].value > cs[b].value })
	var words []string
	for _, c := range cs[:min(len(cs), 5)] {
		words = append(words, m.vocab.Word(c.term))
	}
	return words
}

func contains(xs []int64, x int64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
