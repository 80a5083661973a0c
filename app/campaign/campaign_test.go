package campaign

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

const formLetter = `Dear Sir or Madam, I am writing to object in the strongest terms to the
proposal to close the number 12 bus route through our village. Many older residents
rely on this service to reach the surgery, the pharmacy and the market in town, and
there is no other public transport. Closing it would leave people isolated and push
more cars onto narrow lanes that are already dangerous for children walking to school.
I urge the council to keep the route and to consult the parish before any change.`

const otherLetter = `Cycle lanes on the high street must be protected by kerbs, not paint,
because delivery vans park in painted lanes every morning and riders are forced into
traffic beside buses.`

// words is a deterministic vocabulary of made-up words.
func words(n int) []string {
	syll := []string{"ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "ny", "pe", "ri", "so", "tu", "we"}
	out := make([]string, n)
	for i := range out {
		out[i] = syll[i%16] + syll[(i/16)%16] + syll[(i/256)%16]
	}
	return out
}

func sentence(r *rand.Rand, vocab []string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = vocab[r.IntN(len(vocab))]
	}
	return strings.Join(parts, " ")
}

// fixture builds the known groups plus noise and returns the ids expected in each.
func fixture() (docs []Doc, form, exact, agree []int64) {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := words(4096)
	id := int64(0)
	add := func(text string) int64 {
		id++
		docs = append(docs, Doc{ID: id, Text: text})
		return id
	}
	for i := range 300 {
		text := formLetter + " Yours faithfully, " + vocab[r.IntN(len(vocab))] + " " + vocab[r.IntN(len(vocab))]
		switch i % 3 {
		case 1:
			text += " Also the timetable should add an evening bus on Fridays for shift workers."
		case 2:
			text = strings.Replace(text, "strongest", "firmest", 1)
		}
		form = append(form, add(text))
	}
	for i := range 50 {
		text := otherLetter
		if i%2 == 1 {
			text = strings.ToUpper(text) + "!!"
		}
		exact = append(exact, add(text))
	}
	for _, t := range []string{"I agree", "I agree.", "i  AGREE!", "I agree", "I agree.", "I agree"} {
		agree = append(agree, add(t))
	}
	// Near misses: they quote one sentence of the form letter in otherwise new text.
	for range 20 {
		add(sentence(r, vocab, 40) + " Many older residents rely on this service to reach the surgery. " + sentence(r, vocab, 40))
	}
	for _, t := range []string{"I disagree", "I disagree", "I agree strongly", "Agree", "", "!!!", "?"} {
		add(t)
	}
	for range 200 {
		add(sentence(r, vocab, 10+r.IntN(30)))
	}
	r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs, form, exact, agree
}

func TestDetectKnownGroups(t *testing.T) {
	docs, form, exact, agree := fixture()
	groups := Detect(docs, Options{})
	if len(groups) != 3 {
		for _, g := range groups {
			t.Logf("group of %d: %v", len(g.IDs), g.IDs[:min(10, len(g.IDs))])
		}
		t.Fatalf("got %d groups, want 3", len(groups))
	}
	for i, want := range [][]int64{form, exact, agree} {
		if !slices.Equal(groups[i].IDs, want) {
			t.Errorf("group %d: got %d ids %v…, want %d ids %v…", i, len(groups[i].IDs),
				groups[i].IDs[:min(5, len(groups[i].IDs))], len(want), want[:min(5, len(want))])
		}
	}
	// The upper-case copies normalise to the same text, so there is nothing to vary.
	if g := groups[1]; g.Representative != exact[0] || len(g.Variations) != 0 {
		t.Errorf("exact group: representative %d, variations %v", g.Representative, g.Variations)
	}
	checkDescription(t, groups[0])
}

func checkDescription(t *testing.T, g Group) {
	t.Helper()
	if !slices.Contains(g.IDs, g.Representative) {
		t.Errorf("representative %d not in group", g.Representative)
	}
	if len(g.Variations) != maxVariations {
		t.Errorf("got %d variations, want %d", len(g.Variations), maxVariations)
	}
	for _, v := range g.Variations {
		if v == g.Representative || !slices.Contains(g.IDs, v) {
			t.Errorf("variation %d is the representative or outside the group", v)
		}
	}
}

func TestDetectExactCopiesHaveNoVariations(t *testing.T) {
	docs := []Doc{{5, otherLetter}, {3, otherLetter}, {9, " " + otherLetter + " "}}
	groups := Detect(docs, Options{})
	if len(groups) != 1 {
		t.Fatalf("got %d groups", len(groups))
	}
	g := groups[0]
	if !slices.Equal(g.IDs, []int64{3, 5, 9}) || g.Representative != 3 || len(g.Variations) != 0 {
		t.Errorf("got %+v", g)
	}
}

func TestDetectIsDeterministic(t *testing.T) {
	docs, _, _, _ := fixture()
	a := fmt.Sprint(Detect(docs, Options{}))
	slices.Reverse(docs)
	if b := fmt.Sprint(Detect(docs, Options{})); a != b {
		t.Errorf("input order changed the result")
	}
}

func TestNormalise(t *testing.T) {
	cases := map[string]string{
		"I agree.":              "i agree",
		"  I   AGREE!!  ":       "i agree",
		"Ŵyn’s café — 12 buses": "ŵyn s café 12 buses",
		"!!!":                   "",
	}
	for in, want := range cases {
		if got := normalise(in); got != want {
			t.Errorf("normalise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBandingForDefaultThreshold(t *testing.T) {
	if b, r := banding(0.8); b*r > numHashes || r != 6 {
		t.Errorf("banding(0.8) = %d×%d", b, r)
	}
}

// BenchmarkDetect100k is 100,000 comments: mostly distinct sentences plus five
// campaigns of 1,000 lightly edited copies each.
func BenchmarkDetect100k(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	vocab := words(4096)
	docs := make([]Doc, 0, 100_000)
	for c := range 5 {
		letter := sentence(r, vocab, 80)
		for range 1000 {
			docs = append(docs, Doc{ID: int64(len(docs) + 1), Text: letter + " " + vocab[c] + " " + sentence(r, vocab, 2)})
		}
	}
	for len(docs) < 100_000 {
		docs = append(docs, Doc{ID: int64(len(docs) + 1), Text: sentence(r, vocab, 10+r.IntN(40))})
	}
	b.ReportAllocs()
	for b.Loop() {
		if groups := Detect(docs, Options{}); len(groups) != 5 {
			b.Fatalf("got %d groups, want 5", len(groups))
		}
	}
}
