package document

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

const (
	// minSimilarity is the least Dice coefficient on word sets for an edited
	// block to keep its key. 0.6 keeps a key through a few changed words, and
	// through a split for the larger half, but not between unrelated blocks
	// that merely share common words.
	minSimilarity = 0.6
	// kindPenalty lowers the score of a pair whose kinds differ, so a block
	// that kept its kind wins a tie.
	kindPenalty = 0.9
	// maxCandidates per block bounds the sort for documents whose blocks all
	// look alike; only the best few pairs of a block can ever be chosen.
	maxCandidates = 8
)

type candidate struct {
	score      float64
	dist, i, j int
}

// matchSimilar pairs the blocks left over by matchExact with the previous
// blocks left over, best pairs first, so an edited block keeps its key even
// when it moved. Ties go to the pair whose positions are closer.
func matchSimilar(blocks, previous []Block, match []int, used []bool) {
	dict := map[string]int32{}
	var postings [][]int
	prevSets := make([][]int32, len(previous))
	for j, p := range previous {
		if used[j] {
			continue
		}
		prevSets[j] = tokens(p.Text, dict)
		for _, t := range prevSets[j] {
			for int(t) >= len(postings) {
				postings = append(postings, nil)
			}
			postings[t] = append(postings[t], j)
		}
	}
	counts := make([]int, len(previous))
	var cands []candidate
	for i, b := range blocks {
		if match[i] >= 0 {
			continue
		}
		set := tokens(b.Text, dict)
		cands = append(cands, score(i, b, set, previous, prevSets, postings, counts)...)
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.dist, b.dist),
			cmp.Compare(a.i, b.i), cmp.Compare(a.j, b.j))
	})
	for _, c := range cands {
		if match[c.i] < 0 && !used[c.j] {
			match[c.i], used[c.j] = c.j, true
		}
	}
}

// score returns the best candidate pairs for block i, counting shared words
// through the inverted index so unrelated pairs cost nothing.
func score(i int, b Block, set []int32, previous []Block, prevSets [][]int32, postings [][]int, counts []int) []candidate {
	var touched []int
	for _, t := range set {
		if int(t) >= len(postings) {
			continue
		}
		for _, j := range postings[t] {
			if counts[j] == 0 {
				touched = append(touched, j)
			}
			counts[j]++
		}
	}
	var out []candidate
	for _, j := range touched {
		s := 2 * float64(counts[j]) / float64(len(set)+len(prevSets[j]))
		counts[j] = 0
		if previous[j].Kind != b.Kind {
			s *= kindPenalty
		}
		if s >= minSimilarity {
			out = append(out, candidate{score: s, dist: abs(i - j), i: i, j: j})
		}
	}
	slices.SortFunc(out, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.dist, b.dist))
	})
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out
}

// tokens returns the sorted distinct word ids of text, adding new words to
// dict. Words seen only in the new version get ids without postings.
func tokens(text string, dict map[string]int32) []int32 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	set := make([]int32, 0, len(words))
	for _, w := range words {
		id, ok := dict[w]
		if !ok {
			id = int32(len(dict))
			dict[w] = id
		}
		set = append(set, id)
	}
	slices.Sort(set)
	return slices.Compact(set)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
