package document

import (
	"crypto/rand"
)

const (
	keyLen      = 8
	keyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	// maxKeyTries bounds calls to a caller's newKey that keeps colliding,
	// after which RandomKey takes over so Render always finishes.
	maxKeyTries = 16
)

// RandomKey returns a new random block key of 8 characters from [a-z0-9].
func RandomKey() string {
	var out [keyLen]byte
	var buf [32]byte
	n := 0
	for n < keyLen {
		_, _ = rand.Read(buf[:])
		for _, b := range buf {
			// 252 is the largest multiple of 36 below 256: rejecting the
			// rest keeps every character equally likely.
			if b < 252 && n < keyLen {
				out[n] = keyAlphabet[b%36]
				n++
			}
		}
	}
	return string(out[:])
}

// validKey reports whether k has the form of a block key. Keys end up in
// HTML attributes, comments and URLs, so nothing else is accepted.
func validKey(k string) bool {
	if len(k) != keyLen {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// assignKeys gives every block a key: the key of an identical previous block,
// else of a similar one, else a fresh one.
func assignKeys(blocks, previous []Block, newKey func() string) {
	match := make([]int, len(blocks)) // index into previous, or -1
	for i := range match {
		match[i] = -1
	}
	used := make([]bool, len(previous))
	matchExact(blocks, previous, match, used)
	matchSimilar(blocks, previous, match, used)
	taken := make(map[string]bool, len(blocks))
	for i, j := range match {
		if j >= 0 && validKey(previous[j].Key) && !taken[previous[j].Key] {
			blocks[i].Key = previous[j].Key
			taken[blocks[i].Key] = true
		}
	}
	for i := range blocks {
		if blocks[i].Key == "" {
			blocks[i].Key = freshKey(taken, newKey)
			taken[blocks[i].Key] = true
		}
	}
}

// freshKey asks newKey for a valid key not yet in taken.
func freshKey(taken map[string]bool, newKey func() string) string {
	for i := 0; i < maxKeyTries; i++ {
		if k := newKey(); validKey(k) && !taken[k] {
			return k
		}
	}
	for {
		if k := RandomKey(); !taken[k] {
			return k
		}
	}
}

// matchExact pairs blocks with previous blocks of the same kind and text,
// in order when a text occurs several times.
func matchExact(blocks, previous []Block, match []int, used []bool) {
	type id struct{ kind, text string }
	queue := make(map[id][]int, len(previous))
	for j, p := range previous {
		k := id{p.Kind, p.Text}
		queue[k] = append(queue[k], j)
	}
	for i, b := range blocks {
		k := id{b.Kind, b.Text}
		if q := queue[k]; len(q) > 0 {
			match[i], used[q[0]] = q[0], true
			queue[k] = q[1:]
		}
	}
}
