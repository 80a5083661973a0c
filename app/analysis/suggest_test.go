package analysis

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// SuggestThreshold is the confidence the quality test suggests at, the same
// the service uses.
const testThreshold = 0.3

// evaluate trains on the comments whose id is not a multiple of five and
// reports micro precision and recall of the suggestions on the rest.
func evaluate(set []synthComment, suggest func(train []synthComment) func(words []string) []string) (precision, recall float64) {
	var train, test []synthComment
	for _, c := range set {
		if c.ID%5 == 0 {
			test = append(test, c)
		} else {
			train = append(train, c)
		}
	}
	predict := suggest(train)
	var suggested, correct, relevant int
	for _, c := range test {
		got := predict(Words(c.Text))
		suggested += len(got)
		relevant += len(c.Themes)
		for _, g := range got {
			if slices.Contains(c.Themes, g) {
				correct++
			}
		}
	}
	return float64(correct) / float64(max(suggested, 1)), float64(correct) / float64(relevant)
}

// centroidSuggester is the model under test, with theme names as labels.
func centroidSuggester(train []synthComment) func([]string) []string {
	names := map[string]int64{}
	var examples []Example
	var docs [][]string
	for _, c := range train {
		ex := Example{Words: Words(c.Text)}
		for _, th := range c.Themes {
			if names[th] == 0 {
				names[th] = int64(len(names) + 1)
			}
			ex.Labels = append(ex.Labels, names[th])
		}
		examples = append(examples, ex)
		docs = append(docs, ex.Words)
	}
	m := Train(NewVocabulary(docs), examples)
	return func(words []string) []string {
		var out []string
		for _, s := range m.Suggest(words, testThreshold, nil) {
			for n, id := range names {
				if id == s.Label {
					out = append(out, n)
				}
			}
		}
		return out
	}
}

// TestSuggestionQuality reports held-out precision and recall on the synthetic
// set and asserts a floor that a random suggester cannot reach.
func TestSuggestionQuality(t *testing.T) {
	set := loadSynthetic(t)
	p, r := evaluate(set, centroidSuggester)
	rng := rand.New(rand.NewPCG(1, 2))
	rp, rr := evaluate(set, func([]synthComment) func([]string) []string {
		return func([]string) []string { return []string{synthThemes[rng.IntN(len(synthThemes))].Name} }
	})
	t.Logf("held-out suggestions: precision %.3f, recall %.3f (a random suggester: precision %.3f, recall %.3f)", p, r, rp, rr)
	if p < 0.8 || r < 0.75 {
		t.Errorf("precision %.3f, recall %.3f: want at least 0.80 and 0.75", p, r)
	}
	if rp >= 0.8 || rr >= 0.75 {
		t.Errorf("the floor is too low: a random suggester reaches precision %.3f, recall %.3f", rp, rr)
	}
}

// TestSuggestExplainsAndLearnsFromDismissals checks the words given as reasons
// and that a dismissal turns the model away from similar comments.
func TestSuggestExplainsAndLearnsFromDismissals(t *testing.T) {
	docs := [][]string{
		Words("Protected cycle lanes on the main road"), Words("More cycle lanes and bike parking"),
		Words("Bus fares are too high"), Words("The bus timetable is poor in the evening"),
		Words("Cycle parking at the bus station"),
	}
	examples := []Example{{Words: docs[0], Labels: []int64{1}}, {Words: docs[1], Labels: []int64{1}},
		{Words: docs[2], Labels: []int64{2}}, {Words: docs[3], Labels: []int64{2}}}
	vocab := NewVocabulary(docs)
	m := Train(vocab, examples)
	got := m.Suggest(Words("I want cycle lanes"), 0.3, nil)
	if len(got) == 0 || got[0].Label != 1 || !slices.Contains(got[0].Words, "cycle") {
		t.Fatalf("suggestions %+v, want theme 1 because of cycle", got)
	}
	if got := m.Suggest(Words("I want cycle lanes"), 0.3, []int64{1}); len(got) > 0 && got[0].Label == 1 {
		t.Errorf("a dismissed theme was suggested again: %+v", got)
	}
	if got := m.Suggest(Words("zzz qqq"), 0.3, nil); len(got) != 0 {
		t.Errorf("a comment sharing no words got %+v", got)
	}
	before := m.Suggest(docs[4], 0, nil)
	taught := Train(vocab, append(examples, Example{Words: docs[4], Dismissed: []int64{1}}))
	after := taught.Suggest(docs[4], 0, nil)
	conf := func(ss []Suggestion, l int64) float64 {
		for _, s := range ss {
			if s.Label == l {
				return s.Confidence
			}
		}
		return 0
	}
	if conf(after, 1) >= conf(before, 1) {
		t.Errorf("dismissing theme 1 did not lower it: %.3f then %.3f", conf(before, 1), conf(after, 1))
	}
}

// TestDiscoverFindsThemes clusters untagged synthetic comments with one theme
// each and checks that most clusters are mostly one theme.
func TestDiscoverFindsThemes(t *testing.T) {
	var docs [][]string
	var labels []string
	for _, c := range loadSynthetic(t) {
		if len(c.Themes) == 1 && len(docs) < 800 {
			docs = append(docs, Words(c.Text))
			labels = append(labels, c.Themes[0])
		}
	}
	vocab := NewVocabulary(docs)
	vecs := make([]Vector, len(docs))
	for i, d := range docs {
		vecs[i] = vocab.Vector(d)
	}
	clusters := Discover(vocab, vecs, 10, 1)
	pure, total := 0, 0
	for _, c := range clusters {
		counts := map[string]int{}
		for _, m := range c.Members {
			counts[labels[m]]++
		}
		best := 0
		for _, n := range counts {
			best = max(best, n)
		}
		pure += best
		total += len(c.Members)
		if len(c.Words) == 0 || len(c.Examples) == 0 {
			t.Errorf("cluster without words or examples: %+v", c)
		}
	}
	purity := float64(pure) / float64(total)
	t.Logf("%d clusters over %d comments, purity %.3f", len(clusters), total, purity)
	if total != len(docs) || purity < 0.6 {
		t.Errorf("purity %.3f over %d of %d comments; want at least 0.6 over all", purity, total, len(docs))
	}
	again := Discover(vocab, vecs, 10, 1)
	if len(again) != len(clusters) || !slices.Equal(again[0].Members, clusters[0].Members) {
		t.Error("the same comments gave different clusters")
	}
}
