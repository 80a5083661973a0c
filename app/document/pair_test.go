package document

import (
	"errors"
	"testing"
)

func TestRenderPairedSharesKeysByPosition(t *testing.T) {
	en, err := Render("# Plan\n\nCycle lanes.\n\n- Safer roads\n- Quieter streets\n", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cy, err := RenderPaired("# Cynllun\n\nLonydd beicio.\n\n- Ffyrdd mwy diogel\n- Strydoedd tawelach\n", en.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	if len(cy.Blocks) != len(en.Blocks) {
		t.Fatalf("got %d blocks, want %d", len(cy.Blocks), len(en.Blocks))
	}
	for i := range en.Blocks {
		if cy.Blocks[i].Key != en.Blocks[i].Key {
			t.Errorf("block %d: key %s, want %s", i+1, cy.Blocks[i].Key, en.Blocks[i].Key)
		}
	}
}

func TestRenderPairedRefusesMismatch(t *testing.T) {
	en, _ := Render("One.\n\nTwo.\n\n- Three\n", nil, nil)
	cases := []struct {
		name, cy  string
		number    int
		want, got string
	}{
		{"kind differs", "Un.\n\nDau.\n\nTri.\n", 3, KindListItem, KindParagraph},
		{"fewer blocks", "Un.\n\nDau.\n", 3, KindListItem, ""},
		{"more blocks", "Un.\n\nDau.\n\n- Tri\n\nPedwar.\n", 4, "", KindParagraph},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := RenderPaired(tc.cy, en.Blocks)
			var me *MismatchError
			if !errors.As(err, &me) {
				t.Fatalf("want a MismatchError, got %v", err)
			}
			if me.Number != tc.number || me.Want != tc.want || me.Got != tc.got {
				t.Errorf("got block %d %q/%q, want %d %q/%q", me.Number, me.Want, me.Got, tc.number, tc.want, tc.got)
			}
		})
	}
}
