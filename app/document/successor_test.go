package document

import "testing"

// TestSuggestSuccessor finds the paragraph that replaced a rewritten one among
// unrelated paragraphs, and suggests nothing when none is like it.
func TestSuggestSuccessor(t *testing.T) {
	current := []Block{
		{Key: "aaaaaaaa", Number: 1, Kind: "paragraph", Text: "Parking on pavements will be banned across the borough."},
		{Key: "bbbbbbbb", Number: 2, Kind: "paragraph", Text: "From 2028 the council will build segregated cycle lanes along every main road, starting with the A34."},
		{Key: "cccccccc", Number: 3, Kind: "paragraph", Text: "Speed limits near schools will fall to 20mph."},
	}
	cases := []struct {
		name, text, want string
	}{
		{"rewritten", "We will build protected cycle lanes on every main road.", "bbbbbbbb"},
		{"reworded", "Cars parked on the pavement will no longer be allowed.", "aaaaaaaa"},
		{"nothing like it", "Bus fares will be frozen for a year.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := SuggestSuccessors([]Block{{Key: "gonegone", Kind: "paragraph", Text: c.text}}, current)["gonegone"]
			if c.want == "" {
				if ok {
					t.Errorf("suggested %s (%.2f) for an unrelated paragraph", got.Key, got.Score)
				}
				return
			}
			if !ok || got.Key != c.want {
				t.Errorf("suggested %q (%.2f, ok %v), want %s", got.Key, got.Score, ok, c.want)
			}
		})
	}
}

// BenchmarkSuggestSuccessors suggests successors for 50 rewritten paragraphs
// among the 2,000 of a long document.
func BenchmarkSuggestSuccessors(b *testing.B) {
	words := []string{"cycle", "lanes", "council", "road", "speed", "school", "parking", "bus", "walking", "street", "junction", "crossing"}
	para := func(i int) string {
		var s string
		for j := 0; j < 40; j++ {
			s += words[(i*7+j*j)%len(words)] + " "
		}
		return s
	}
	current := make([]Block, 2000)
	for i := range current {
		current[i] = Block{Key: RandomKey(), Number: i + 1, Kind: "paragraph", Text: para(i)}
	}
	gone := make([]Block, 50)
	for i := range gone {
		gone[i] = Block{Key: RandomKey(), Kind: "paragraph", Text: para(i * 31)}
	}
	b.ResetTimer()
	for range b.N {
		SuggestSuccessors(gone, current)
	}
}
