// Package campaign finds organised campaigns among a consultation's comments: form
// letters sent many times, verbatim or with small edits, so that the analysis can
// count them once with their size rather than as many independent views.
package campaign

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
)

// Doc is one comment to compare.
type Doc struct {
	ID   int64
	Text string
}

// Group is one campaign: comments whose texts are the same or nearly the same.
type Group struct {
	IDs            []int64 // sorted
	Representative int64   // a comment carrying the group's most common text
	Variations     []int64 // up to five comments whose text differs most from the representative
}

// Options tune the detection; zero values take the defaults.
type Options struct {
	Threshold float64 // Jaccard similarity of word shingles to count as the same letter; default 0.8
	MinSize   int     // smallest group reported; default 3
	Shingle   int     // words per shingle; default 3
}

// minWords is the shortest text compared by similarity: below it ("I agree") any
// two texts share most of their words, so they group only when equal.
const minWords = 4

// maxVariations is how many differing texts a group reports.
const maxVariations = 5

// text is one distinct normalised text and what the detection learns about it.
type text struct {
	firstID  int64 // the smallest comment id carrying this text
	count    int
	shingles []uint64 // nil for texts too short to compare by similarity
}

// Detect returns the groups of at least opt.MinSize comments, largest first.
// Exact copies are merged by a hash map first; the distinct texts are then
// compared with MinHash and LSH, so the cost grows about linearly with the
// number of comments rather than with the number of pairs.
func Detect(docs []Doc, opt Options) []Group {
	opt = withDefaults(opt)
	texts, docText := distinctTexts(docs, opt.Shingle)
	uf := newUnionFind(len(texts))
	joinSimilar(texts, opt, uf)

	members := map[int32][]int64{}
	textsOf := map[int32][]int32{}
	for i, d := range docs {
		if docText[i] < 0 {
			continue
		}
		root := uf.find(docText[i])
		members[root] = append(members[root], d.ID)
	}
	for t := range texts {
		root := uf.find(int32(t))
		if len(members[root]) >= opt.MinSize {
			textsOf[root] = append(textsOf[root], int32(t))
		}
	}
	var groups []Group
	for root, ids := range members {
		if len(ids) < opt.MinSize {
			continue
		}
		slices.Sort(ids)
		groups = append(groups, describe(ids, textsOf[root], texts))
	}
	slices.SortFunc(groups, func(a, b Group) int {
		if c := cmp.Compare(len(b.IDs), len(a.IDs)); c != 0 {
			return c
		}
		return cmp.Compare(a.IDs[0], b.IDs[0])
	})
	return groups
}

func withDefaults(opt Options) Options {
	if opt.Threshold <= 0 || opt.Threshold > 1 {
		opt.Threshold = 0.8
	}
	if opt.MinSize <= 0 {
		opt.MinSize = 3
	}
	if opt.Shingle <= 0 {
		opt.Shingle = 3
	}
	return opt
}

// distinctTexts merges exact copies after normalisation and returns, for each doc,
// the index of its text (-1 for a text with no letters or digits, which is not a
// campaign of anything).
func distinctTexts(docs []Doc, shingle int) ([]text, []int32) {
	index := make(map[string]int32, len(docs))
	var texts []text
	docText := make([]int32, len(docs))
	for i, d := range docs {
		norm := normalise(d.Text)
		if norm == "" {
			docText[i] = -1
			continue
		}
		t, ok := index[norm]
		if !ok {
			t = int32(len(texts))
			index[norm] = t
			texts = append(texts, text{firstID: d.ID})
			if starts := wordStarts(norm); len(starts) >= minWords {
				texts[t].shingles = shingles(norm, starts, shingle)
			}
		}
		texts[t].count++
		texts[t].firstID = min(texts[t].firstID, d.ID)
		docText[i] = t
	}
	return texts, docText
}

// joinSimilar unions the distinct texts whose shingle sets are at least
// opt.Threshold similar, checking only LSH candidates.
func joinSimilar(texts []text, opt Options, uf *unionFind) {
	bands, rows := banding(opt.Threshold)
	var eligible []int32
	for t := range texts {
		if texts[t].shingles != nil {
			eligible = append(eligible, int32(t))
		}
	}
	keys := make([]uint64, len(texts)*bands)
	// Signatures are most of the work and independent: spread them over the CPUs.
	var wg sync.WaitGroup
	chunk := len(eligible)/runtime.GOMAXPROCS(0) + 1
	for start := 0; start < len(eligible); start += chunk {
		part := eligible[start:min(start+chunk, len(eligible))]
		wg.Go(func() {
			var sig [numHashes]uint64
			for _, t := range part {
				signature(texts[t].shingles, &sig)
				bandKeys(&sig, bands, rows, keys[int(t)*bands:])
			}
		})
	}
	wg.Wait()
	candidates(keys, eligible, bands, uf, func(a, b int32) bool {
		return jaccard(texts[a].shingles, texts[b].shingles) >= opt.Threshold
	})
}

// describe picks a group's representative (its most common text) and the texts
// least like it.
func describe(ids []int64, members []int32, texts []text) Group {
	rep := slices.MinFunc(members, func(a, b int32) int {
		if c := cmp.Compare(texts[b].count, texts[a].count); c != 0 {
			return c
		}
		return cmp.Compare(texts[a].firstID, texts[b].firstID)
	})
	type scored struct {
		id  int64
		sim float64
	}
	var others []scored
	for _, t := range members {
		if t != rep {
			others = append(others, scored{texts[t].firstID, jaccard(texts[rep].shingles, texts[t].shingles)})
		}
	}
	slices.SortFunc(others, func(a, b scored) int {
		if c := cmp.Compare(a.sim, b.sim); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	g := Group{IDs: ids, Representative: texts[rep].firstID}
	for _, o := range others[:min(len(others), maxVariations)] {
		g.Variations = append(g.Variations, o.id)
	}
	return g
}
