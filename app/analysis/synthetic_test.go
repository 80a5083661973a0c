package analysis

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// The synthetic labelled set: 2,400 responses to a transport plan over ten
// themes, some with two themes, most with a word or two of another theme and
// of the words every response shares. generateSynthetic makes it from a fixed
// seed; testdata/synthetic.jsonl is its committed output (rewrite it with
// go test ./app/analysis -run TestSyntheticSet -update).
var update = flag.Bool("update", false, "rewrite testdata/synthetic.jsonl from the generator")

const syntheticFile = "testdata/synthetic.jsonl"

// synthComment is one line of the set.
type synthComment struct {
	ID     int      `json:"id"`
	Themes []string `json:"themes"`
	Text   string   `json:"text"`
}

// synthThemes are the ten themes and the words people use for each.
var synthThemes = []struct {
	Name  string
	Words []string
}{
	{"Cycling", []string{"cycle lanes", "bike", "segregated lanes", "cyclists", "painted lines", "protected routes", "bicycle", "cycle parking", "commute by bike", "cycle path"}},
	{"School safety", []string{"school gates", "children", "20mph", "zebra crossing", "pupils", "drop-off", "lollipop lady", "walking bus", "playground", "school run"}},
	{"Parking", []string{"parking spaces", "car park", "residents permits", "parking charges", "pavement parking", "driveway", "blue badge bays", "parking meters", "double yellow lines", "visitor parking"}},
	{"Buses", []string{"bus timetable", "fares", "bus service", "bus stop", "bus station", "evening buses", "rural routes", "bus shelter", "bus drivers", "park and ride"}},
	{"Cost", []string{"cost", "money", "budget", "council tax", "spending", "waste of money", "value for money", "afford", "funding", "taxpayers"}},
	{"Air quality", []string{"pollution", "air quality", "emissions", "climate", "trees", "asthma", "exhaust fumes", "carbon", "nitrogen dioxide", "clean air"}},
	{"High street", []string{"shops", "local businesses", "traders", "footfall", "high street", "customers", "deliveries", "market stalls", "town centre", "cafes"}},
	{"Accessibility", []string{"wheelchair", "disabled people", "accessible", "mobility scooter", "dropped kerbs", "elderly", "blind", "tactile paving", "ramps", "step-free"}},
	{"Consultation process", []string{"consultation", "survey", "listened", "engagement", "public meeting", "already decided", "informed", "website", "leaflet", "questionnaire"}},
	{"Congestion", []string{"traffic", "congestion", "queues", "rush hour", "traffic jams", "journey times", "roadworks", "gridlock", "diverted", "rat run"}},
}

// Sentences are an opener, a theme's word, a link, another of its words and a
// closing, each drawn from many, so that no phrasing is common enough to look
// like a theme of its own, as in real responses.
var (
	synthOpeners = []string{"I think", "In my view", "Honestly,", "As a resident, I feel", "Frankly,", "I believe",
		"It seems to me", "From what I see,", "Speaking for my household,", "To be clear,", "Sadly,", "Personally,",
		"Without doubt,", "I worry that", "Everyone knows", "My concern is that", "Surely", "I suspect",
		"Time and again,", "Quite simply,", "We feel", "I am sure", "Looking at the map,", "Put simply,"}
	synthLinks = []string{"and", "as well as", "together with", "alongside", "plus", "not to mention", "and also",
		"along with", "with", "besides", "and then", "or even"}
	synthClosings = []string{"need attention.", "deserve better.", "are being ignored.", "must come first.",
		"should be fixed.", "are a real problem.", "matter a lot here.", "have got worse.", "need proper funding.",
		"are not good enough.", "should be the priority.", "were overlooked.", "need a rethink.",
		"are what people talk about.", "could be improved.", "keep coming up."}
)

// synthFiller is what any response may say, whatever its theme: a subject and
// a remark, each drawn from many.
var (
	synthSubjects = []string{"My family", "Our street", "The village", "My neighbour", "Everyone here", "Our group",
		"My partner", "The whole estate", "Most people", "My children", "The residents", "Our household",
		"My friends", "Older people", "Young people", "Local people"}
	synthRemarks = []string{"has lived here for years.", "read the plan twice.", "wants the council to listen.",
		"feels strongly about this.", "supports parts of it.", "is not convinced.", "hopes it changes.",
		"thanks you for asking.", "went to the drop-in.", "expects better.", "is worried.", "agrees with me.",
		"will respond separately.", "is tired of waiting.", "sees both sides.", "wants a clear answer."}
)

// generateSynthetic makes the set; the same every time.
func generateSynthetic() []synthComment {
	rng := rand.New(rand.NewPCG(2026, 11))
	words := func(t int, n int) []string {
		ws := synthThemes[t].Words
		out := make([]string, n)
		for i := range out {
			out[i] = ws[rng.IntN(len(ws))]
		}
		return out
	}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	// A theme's first three words are its commonest: people writing about it
	// name one of them first, then anything else they associate with it.
	sentence := func(t int) string {
		core, w := synthThemes[t].Words[rng.IntN(3)], words(t, 1)[0]
		return fmt.Sprintf("%s %s %s %s %s", pick(synthOpeners), core, pick(synthLinks), w, pick(synthClosings))
	}
	var out []synthComment
	for id := 1; id <= 2400; id++ {
		primary := rng.IntN(len(synthThemes))
		themes := []int{primary}
		if rng.IntN(5) == 0 { // one response in five has a second theme
			second := (primary + 1 + rng.IntN(len(synthThemes)-1)) % len(synthThemes)
			themes = append(themes, second)
		}
		var parts []string
		if rng.IntN(2) == 0 {
			parts = append(parts, pick(synthSubjects)+" "+pick(synthRemarks))
		}
		for _, t := range themes {
			parts = append(parts, sentence(t))
		}
		if rng.IntN(3) == 0 { // a passing mention of another theme
			other := rng.IntN(len(synthThemes))
			parts = append(parts, "Also "+words(other, 1)[0]+".")
		}
		if rng.IntN(2) == 0 {
			parts = append(parts, pick(synthSubjects)+" "+pick(synthRemarks))
		}
		names := make([]string, len(themes))
		for i, t := range themes {
			names[i] = synthThemes[t].Name
		}
		out = append(out, synthComment{ID: id, Themes: names, Text: strings.Join(parts, " ")})
	}
	return out
}

func encodeSynthetic(cs []synthComment) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, c := range cs {
		_ = enc.Encode(c)
	}
	return b.Bytes()
}

// loadSynthetic reads the committed set.
func loadSynthetic(t testing.TB) []synthComment {
	t.Helper()
	f, err := os.Open(syntheticFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []synthComment
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c synthComment
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// TestSyntheticSet checks that the committed file is the generator's output.
func TestSyntheticSet(t *testing.T) {
	want := encodeSynthetic(generateSynthetic())
	if *update {
		if err := os.WriteFile(syntheticFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(syntheticFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not the generator's output: run with -update", syntheticFile)
	}
	if n := len(loadSynthetic(t)); n < 2000 {
		t.Fatalf("only %d comments", n)
	}
}
