package analysis

import (
	"math/rand/v2"
	"sort"
)

// Cluster is a group of similar comments: their indexes, the words that set the
// group apart from the rest, and the indexes of the members closest to its centre.
type Cluster struct {
	Members  []int
	Words    []string
	Examples []int
}

// kmeansRounds bounds the iterations; spherical k-means on text settles in a few.
const kmeansRounds = 15

// restarts is how many seeded runs Discover tries, keeping the tightest: one
// run of k-means can settle on a poor grouping.
const restarts = 4

// Discover groups the vectors into at most k clusters with spherical k-means
// (cosine similarity), seeded by k-means++ from a fixed seed so the same comments
// give the same clusters. Clusters come largest first; empty ones are dropped.
func Discover(vocab *Vocabulary, vecs []Vector, k int, seed uint64) []Cluster {
	if len(vecs) == 0 || k <= 0 {
		return nil
	}
	k = min(k, len(vecs))
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var bestCentres []dense
	var bestAssign []int
	bestFit := -1.0
	for range restarts {
		centres, assign, fit := kmeans(vocab, vecs, seedCentres(vocab, vecs, k, rng))
		if fit > bestFit {
			bestCentres, bestAssign, bestFit = centres, assign, fit
		}
	}
	return describe(vocab, vecs, bestCentres, bestAssign)
}

// kmeans refines the centres and returns them with each vector's cluster and
// the total similarity of the vectors to their centres.
func kmeans(vocab *Vocabulary, vecs []Vector, centres []dense) ([]dense, []int, float64) {
	assign := make([]int, len(vecs))
	var fit float64
	for round := 0; round < kmeansRounds; round++ {
		changed := false
		fit = 0
		for i, v := range vecs {
			best, bestSim := 0, -1.0
			for c, centre := range centres {
				if s := centre.dot(v); s > bestSim {
					best, bestSim = c, s
				}
			}
			fit += bestSim
			if assign[i] != best {
				assign[i], changed = best, true
			}
		}
		if !changed && round > 0 {
			break // the centres already fit this assignment
		}
		for c := range centres {
			clear(centres[c])
		}
		for i, v := range vecs {
			centres[assign[i]].add(v, 1)
		}
		for c := range centres {
			centres[c].normalise()
		}
	}
	return centres, assign, fit
}

// seedCentres picks k starting centres by k-means++: each next one far from
// those already chosen, with probability growing with that distance.
func seedCentres(vocab *Vocabulary, vecs []Vector, k int, rng *rand.Rand) []dense {
	centre := func(v Vector) dense {
		d := make(dense, vocab.Size())
		d.add(v, 1)
		return d
	}
	centres := []dense{centre(vecs[rng.IntN(len(vecs))])}
	dist := make([]float64, len(vecs))
	for len(centres) < k {
		var total float64
		last := centres[len(centres)-1]
		for i, v := range vecs {
			d := 1 - last.dot(v)
			if len(centres) == 1 || d < dist[i] {
				dist[i] = d
			}
			total += dist[i]
		}
		if total <= 0 {
			break
		}
		r := rng.Float64() * total
		pick := len(vecs) - 1
		for i, d := range dist {
			if r -= d; r <= 0 {
				pick = i
				break
			}
		}
		centres = append(centres, centre(vecs[pick]))
	}
	return centres
}

// describe turns the assignment into clusters with distinctive words (the
// centre's weight above the whole corpus's) and the most central examples.
func describe(vocab *Vocabulary, vecs []Vector, centres []dense, assign []int) []Cluster {
	overall := make(dense, vocab.Size())
	for _, v := range vecs {
		overall.add(v, 1)
	}
	overall.normalise()
	out := make([]Cluster, len(centres))
	for i, c := range assign {
		out[c].Members = append(out[c].Members, i)
	}
	for c := range out {
		if len(out[c].Members) == 0 {
			continue
		}
		terms := make([]int, 0, vocab.Size())
		for t := range centres[c] {
			if centres[c][t] > overall[t] {
				terms = append(terms, t)
			}
		}
		sort.Slice(terms, func(a, b int) bool {
			da, db := centres[c][terms[a]]-overall[terms[a]], centres[c][terms[b]]-overall[terms[b]]
			return da > db || (da == db && terms[a] < terms[b])
		})
		for _, t := range terms[:min(len(terms), 6)] {
			out[c].Words = append(out[c].Words, vocab.Word(int32(t)))
		}
		ex := append([]int(nil), out[c].Members...)
		sort.SliceStable(ex, func(a, b int) bool { return centres[c].dot(vecs[ex[a]]) > centres[c].dot(vecs[ex[b]]) })
		out[c].Examples = ex[:min(len(ex), 3)]
	}
	kept := out[:0]
	for _, c := range out {
		if len(c.Members) > 0 {
			kept = append(kept, c)
		}
	}
	sort.SliceStable(kept, func(a, b int) bool { return len(kept[a].Members) > len(kept[b].Members) })
	return kept
}
