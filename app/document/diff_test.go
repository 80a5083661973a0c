package document

import (
	"reflect"
	"slices"
	"testing"
)

func TestDiff(t *testing.T) {
	old := []Block{
		{Key: "aaaaaaaa", Number: 1, Text: "Keep this."},
		{Key: "bbbbbbbb", Number: 2, Text: "Drop this."},
		{Key: "cccccccc", Number: 3, Text: "The hours change on Monday."},
	}
	new := []Block{
		{Key: "aaaaaaaa", Number: 1, Text: "Keep this."},
		{Key: "dddddddd", Number: 2, Text: "Brand new."},
		{Key: "cccccccc", Number: 3, Text: "The opening hours change on Tuesday."},
	}
	want := []Change{
		{Kind: "unchanged", Key: "aaaaaaaa", OldNumber: 1, NewNumber: 1, Old: "Keep this.", New: "Keep this."},
		{Kind: "added", Key: "dddddddd", NewNumber: 2, New: "Brand new."},
		{Kind: "removed", Key: "bbbbbbbb", OldNumber: 2, Old: "Drop this."},
		{Kind: "changed", Key: "cccccccc", OldNumber: 3, NewNumber: 3, Old: old[2].Text, New: new[2].Text, Words: []WordOp{
			{"=", "The"}, {"+", "opening"}, {"=", "hours change on"}, {"-", "Monday."}, {"+", "Tuesday."},
		}},
	}
	if got := Diff(old, new); !reflect.DeepEqual(got, want) {
		t.Errorf("Diff\n got %+v\nwant %+v", got, want)
	}
}

func TestDiffWords(t *testing.T) {
	tests := []struct {
		name string
		a, b []string
		want []WordOp
	}{
		{"empty to words", nil, []string{"a", "b"}, []WordOp{{"+", "a b"}}},
		{"words to empty", []string{"a"}, nil, []WordOp{{"-", "a"}}},
		{"same", []string{"a", "b"}, []string{"a", "b"}, []WordOp{{"=", "a b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := diffWords(tt.a, tt.b); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDiffWordsCap(t *testing.T) {
	a, b := make([]string, 600), make([]string, 600)
	for i := range a {
		a[i], b[i] = "x", "x"
	}
	got := diffWords(a, b)
	if len(got) != 2 || got[0].Op != "-" || got[1].Op != "+" {
		t.Errorf("huge blocks should be a whole replacement, got %d ops", len(got))
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		html     string
		segments []string
		keys     []string
	}{
		{"none", "<p>x</p>", []string{"<p>x</p>"}, nil},
		{"two", "<p>a" + CountMarker("k1") + "</p><p>b" + CountMarker("k2") + "</p>", []string{"<p>a", "</p><p>b", "</p>"}, []string{"k1", "k2"}},
		{"unterminated", "a<!--pc-count:k1", []string{"a<!--pc-count:k1"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, k := Split(tt.html)
			if !slices.Equal(s, tt.segments) || !slices.Equal(k, tt.keys) {
				t.Errorf("got %q %q", s, k)
			}
		})
	}
	d := mustRender(t, base, nil)
	s, k := Split(d.HTML)
	if !slices.Equal(k, keys(d.Blocks)) || len(s) != len(k)+1 {
		t.Errorf("Split of a document: keys %q, blocks %q", k, keys(d.Blocks))
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name, text string
		n          int
		want       string
	}{
		{"short", "Hello world", 20, "Hello world"},
		{"word boundary", "Hello wonderful world", 12, "Hello…"},
		{"cut on space", "Hello world again", 11, "Hello world…"},
		{"no space", "Supercalifragilistic", 5, "Super…"},
		{"trailing punctuation", "Yes, and no", 6, "Yes…"},
		{"runes", "Ŵyau ac ŷd ar werth", 10, "Ŵyau ac ŷd…"},
		{"zero", "abc", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Excerpt(tt.text, tt.n); got != tt.want {
				t.Errorf("Excerpt(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
			}
		})
	}
}
