package i18n

import (
	"slices"
	"testing"
)

func TestCollatorWelsh(t *testing.T) {
	names := []string{"Zeta", "Ŵyn", "Lunt", "Llanelli", "Cymdeithas", "Chwilog", "Dyfed", "Ddraig", "Wyn"}
	slices.SortFunc(names, Collator("cy"))
	want := []string{"Cymdeithas", "Chwilog", "Dyfed", "Ddraig", "Lunt", "Llanelli", "Wyn", "Ŵyn", "Zeta"}
	if !slices.Equal(names, want) {
		t.Errorf("Welsh order %v, want %v", names, want)
	}
	en := []string{"Zeta", "Ŵyn", "Llanelli", "Lunt"}
	slices.SortFunc(en, Collator("en"))
	if want := []string{"Llanelli", "Lunt", "Ŵyn", "Zeta"}; !slices.Equal(en, want) {
		t.Errorf("English order %v, want %v", en, want)
	}
}
