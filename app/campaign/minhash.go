package campaign

import (
	"math"
	"slices"
)

// numHashes is the MinHash signature length. 128 keeps the estimate's error around
// ±0.04 while a signature stays cheap to compute.
const numHashes = 128

// permA and permB are the fixed random (a, b) pairs of the hash family a·x + b, fixed
// so that results are reproducible.
var permA, permB = func() ([numHashes]uint64, [numHashes]uint64) {
	var a, b [numHashes]uint64
	seed := uint64(0x9e3779b97f4a7c15)
	for i := range numHashes {
		seed = mix64(seed + 0x9e3779b97f4a7c15)
		a[i] = seed | 1 // odd, so multiplication is a permutation of 64-bit values
		seed = mix64(seed + 0x9e3779b97f4a7c15)
		b[i] = seed
	}
	return a, b
}()

// signature fills sig with the MinHash of a shingle set.
func signature(sh []uint64, sig *[numHashes]uint64) {
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	for _, x := range sh {
		for i := range numHashes {
			if v := x*permA[i] + permB[i]; v < sig[i] {
				sig[i] = v
			}
		}
	}
}

// banding picks rows per band so that the LSH S-curve's midpoint, (1/bands)^(1/rows),
// sits at about three quarters of the threshold: pairs at the threshold are then
// almost always candidates (0.998 at 0.8 with 21×6), and exact verification removes
// the false ones.
func banding(threshold float64) (bands, rows int) {
	best := math.Inf(1)
	for r := 2; r <= 16; r++ {
		b := numHashes / r
		mid := math.Pow(1/float64(b), 1/float64(r))
		if d := math.Abs(mid - 0.75*threshold); d < best {
			best, bands, rows = d, b, r
		}
	}
	return bands, rows
}

// bandKeys hashes each band of a signature into one key.
func bandKeys(sig *[numHashes]uint64, bands, rows int, out []uint64) {
	for b := range bands {
		h := uint64(14695981039346656037)
		for _, v := range sig[b*rows : (b+1)*rows] {
			h = mix64(h ^ v)
		}
		out[b] = h
	}
}

// keyed is one document's key in one band.
type keyed struct {
	key uint64
	doc int32
}

// leaders caps the comparisons within one LSH bucket: each member is compared with
// at most this many earlier members that did not match any before them, so a bucket
// of a 10,000-copy campaign costs linear rather than quadratic time.
const leaders = 8

// candidates calls verify for the pairs that share a bucket in some band and are not
// already joined.
func candidates(keys []uint64, eligible []int32, bands int, uf *unionFind, verify func(a, b int32) bool) {
	pairs := make([]keyed, len(eligible))
	for band := range bands {
		for i, d := range eligible {
			pairs[i] = keyed{keys[int(d)*bands+band], d}
		}
		slices.SortFunc(pairs, func(x, y keyed) int {
			if x.key != y.key {
				if x.key < y.key {
					return -1
				}
				return 1
			}
			return int(x.doc - y.doc)
		})
		for start := 0; start < len(pairs); {
			end := start + 1
			for end < len(pairs) && pairs[end].key == pairs[start].key {
				end++
			}
			if end-start > 1 {
				bucket(pairs[start:end], uf, verify)
			}
			start = end
		}
	}
}

// bucket joins the members of one LSH bucket that verify as near-duplicates.
func bucket(members []keyed, uf *unionFind, verify func(a, b int32) bool) {
	var lead [leaders]int32
	n := 0
	for _, m := range members {
		matched := false
		for _, l := range lead[:n] {
			if uf.find(l) == uf.find(m.doc) || verify(l, m.doc) {
				uf.union(l, m.doc)
				matched = true
				break
			}
		}
		if !matched && n < leaders {
			lead[n] = m.doc
			n++
		}
	}
}

// unionFind joins near-duplicates transitively into groups.
type unionFind struct{ parent []int32 }

func newUnionFind(n int) *unionFind {
	uf := &unionFind{parent: make([]int32, n)}
	for i := range uf.parent {
		uf.parent[i] = int32(i)
	}
	return uf
}

func (u *unionFind) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]] // path halving
		x = u.parent[x]
	}
	return x
}

// union keeps the smaller index as the root, so results do not depend on order.
func (u *unionFind) union(a, b int32) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
}
