package document

import (
	"errors"
	"testing"
)

func TestRenderPairedQuestions(t *testing.T) {
	en, err := Render("Intro.\n\n```question\nDo you agree?\n- Yes\n- No\n```\n", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, welsh string
		ok          bool
	}{
		{"same shape", "Cyflwyniad.\n\n```question\nYdych chi'n cytuno?\n- Ydw\n- Nac ydw\n```\n", true},
		{"fewer options", "Cyflwyniad.\n\n```question\nYdych chi'n cytuno?\n- Ydw\n- Nac ydw\n- Ddim yn gwybod\n```\n", false},
		{"other type", "Cyflwyniad.\n\n```question\nYdych chi'n cytuno?\ntype: many\n- Ydw\n- Nac ydw\n```\n", false},
		{"no explain box", "Cyflwyniad.\n\n```question\nYdych chi'n cytuno?\n- Ydw\n- Nac ydw\nexplain: no\n```\n", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cy, err := RenderPaired(tc.welsh, en.Blocks)
			var mm *MismatchError
			switch {
			case tc.ok && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.ok && cy.Blocks[1].Key != en.Blocks[1].Key:
				t.Fatalf("question key %q, want %q", cy.Blocks[1].Key, en.Blocks[1].Key)
			case !tc.ok && !errors.As(err, &mm):
				t.Fatalf("err = %v, want a mismatch", err)
			case !tc.ok && mm.Number != 2:
				t.Fatalf("mismatch at block %d, want 2", mm.Number)
			}
		})
	}
}
