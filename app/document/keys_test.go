package document

import (
	"strings"
	"testing"
)

const base = `# Consultation

The council proposes to change the opening hours of the central library on weekdays.

We would like to hear from residents who use the library in the evening.

- Option one keeps the current hours on every day of the week
- Option two closes the library earlier on Mondays and Tuesdays
- Option three opens the library later on Saturday mornings

The consultation closes at the end of March and results follow in May.`

func TestKeyStability(t *testing.T) {
	tests := []struct {
		name string
		md   string
		// want maps each new block (by index) to the index of the old block
		// whose key it must keep, or -1 for a fresh key.
		want []int
	}{
		{"unchanged", base, []int{0, 1, 2, 3, 4, 5}},
		{"one paragraph edited", strings.Replace(base, "central library on weekdays", "central library on weekdays and holidays", 1), []int{0, 1, 2, 3, 4, 5}},
		{"insertion at top", "A brand new opening paragraph.\n\n" + base, []int{-1, 0, 1, 2, 3, 4, 5}},
		{"deletion", strings.Replace(base, "We would like to hear from residents who use the library in the evening.\n\n", "", 1), []int{0, 2, 3, 4, 5}},
		{"moved to end", strings.Replace(base, "The council proposes to change the opening hours of the central library on weekdays.\n\n", "", 1) +
			"\n\nThe council proposes to change the opening hours of the central library on weekdays.", []int{1, 2, 3, 4, 5, 0}},
		{"list reorder", strings.Replace(base, "- Option one keeps the current hours on every day of the week\n- Option two closes the library earlier on Mondays and Tuesdays",
			"- Option two closes the library earlier on Mondays and Tuesdays\n- Option one keeps the current hours on every day of the week", 1), []int{0, 1, 3, 2, 4, 5}},
		{"edited and moved", "The consultation now closes at the end of April and results follow in May.\n\n" +
			strings.Replace(base, "The consultation closes at the end of March and results follow in May.", "", 1), []int{5, 0, 1, 2, 3, 4}},
		{"replaced by unrelated text", strings.Replace(base, "We would like to hear from residents who use the library in the evening.",
			"Parking near the town hall will be free after six o'clock.", 1), []int{0, -1, 2, 3, 4, 5}},
		{"split in two", strings.Replace(base, "central library on weekdays.", "central library\non weekdays, and.\n\nIt asks you.", 1), []int{0, -1, 1, 2, 3, 4, 5}},
	}
	old := mustRender(t, base, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Render(tt.md, old.Blocks, func() string { return "newkey01" })
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, d)
			if len(d.Blocks) != len(tt.want) {
				t.Fatalf("got %d blocks %q", len(d.Blocks), texts(d))
			}
			for i, j := range tt.want {
				got := d.Blocks[i].Key
				switch {
				case j < 0 && got == old.Blocks[0].Key || j < 0 && containsKey(old.Blocks, got):
					t.Errorf("block %d %q reused old key %s", i, d.Blocks[i].Text, got)
				case j >= 0 && got != old.Blocks[j].Key:
					t.Errorf("block %d %q has key %s, want old block %d's %s", i, d.Blocks[i].Text, got, j, old.Blocks[j].Key)
				}
			}
		})
	}
}

func TestDuplicateParagraphs(t *testing.T) {
	md := "Same text.\n\nOther.\n\nSame text."
	old := mustRender(t, md, nil)
	if old.Blocks[0].Key == old.Blocks[2].Key {
		t.Fatal("duplicate paragraphs share a key")
	}
	d := mustRender(t, "Same text.\n\n"+md, old.Blocks)
	checkDocument(t, d)
	want := []string{old.Blocks[0].Key, old.Blocks[2].Key, old.Blocks[1].Key}
	for i, k := range want {
		if d.Blocks[i].Key != k {
			t.Errorf("block %d key %s, want %s (keys %q)", i, d.Blocks[i].Key, k, keys(d.Blocks))
		}
	}
	if containsKey(old.Blocks, d.Blocks[3].Key) {
		t.Errorf("the added duplicate reused a key")
	}
}

func TestKeyCollisionsAndBadKeys(t *testing.T) {
	d, err := Render("a\n\nb\n\nc", []Block{{Key: "BAD KEY!", Kind: KindParagraph, Text: "a"}}, func() string { return "same0001" })
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, d)
	seen := map[string]bool{}
	for _, b := range d.Blocks {
		if !validKey(b.Key) || seen[b.Key] {
			t.Errorf("bad or repeated key %q", b.Key)
		}
		seen[b.Key] = true
	}
}

func containsKey(bs []Block, k string) bool {
	for _, b := range bs {
		if b.Key == k {
			return true
		}
	}
	return false
}
