package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pilcrow/app/testutil"
)

func TestImportWelsh(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		url := testutil.DatabaseURL(t, engine)
		t.Setenv("PILCROW_DATABASE_URL", url)
		ctx := context.Background()
		dir := t.TempDir()
		write := func(name, body string) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		en1 := write("v1.md", "# Plan\n\nFirst paragraph.\n\n- A list item\n")
		cy1 := write("v1.cy.md", "# Cynllun\n\nParagraff cyntaf.\n\n- Eitem mewn rhestr\n")
		mismatch := write("bad.cy.md", "# Cynllun\n\nParagraff cyntaf.\n\nParagraff, nid eitem.\n")
		en2 := write("v2.md", "# Plan\n\nFirst paragraph.\n\nA new paragraph.\n\n- A list item\n")
		cy2 := write("v2.cy.md", "# Cynllun\n\nParagraff cyntaf.\n\nParagraff newydd.\n\n- Eitem mewn rhestr\n")
		run1 := func(args ...string) error { return run(ctx, append([]string{"import"}, args...)) }

		if err := run1("--slug", "plan", "--lang", "cy", "--file", cy1, "--publish"); err == nil {
			t.Error("a Welsh import before any English one succeeded")
		}
		if err := run1("--slug", "plan", "--title", "Plan", "--file", en1, "--publish"); err != nil {
			t.Fatal(err)
		}
		err := run1("--slug", "plan", "--lang", "cy", "--file", mismatch, "--publish")
		if err == nil || !strings.Contains(err.Error(), "block 2") || !strings.Contains(err.Error(), "A list item") {
			t.Fatalf("mismatch: err = %v, want it to name block 2 and its text", err)
		}
		if err := run1("--slug", "plan", "--lang", "cy", "--title", "Cynllun", "--file", cy1, "--publish"); err != nil {
			t.Fatal(err)
		}
		st := openTestStore(t, url)
		c, _ := st.ConsultationBySlug(ctx, "plan")
		if c.TitleCy != "Cynllun" || c.Title != "Plan" {
			t.Errorf("titles %q / %q", c.Title, c.TitleCy)
		}
		pairs := func() (en, cy []string) {
			c, _ := st.ConsultationBySlug(ctx, "plan")
			ebs, _ := st.Blocks(ctx, *c.CurrentVersionID)
			tr, err := st.Translation(ctx, *c.CurrentVersionID, "cy")
			if err != nil {
				t.Fatalf("no Welsh translation of the current version: %v", err)
			}
			cbs, _ := st.TranslationBlocks(ctx, tr.ID)
			for _, b := range ebs {
				en = append(en, b.Key)
			}
			for _, b := range cbs {
				cy = append(cy, b.Key)
			}
			return en, cy
		}
		enKeys, cyKeys := pairs()
		if strings.Join(enKeys, ",") != strings.Join(cyKeys, ",") {
			t.Errorf("Welsh keys %v, English %v", cyKeys, enKeys)
		}
		// A new English version keeps its unchanged blocks' keys; the new Welsh
		// version pairs with it, so the Welsh keys carry over too.
		if err := run1("--slug", "plan", "--file", en2, "--publish"); err != nil {
			t.Fatal(err)
		}
		if err := run1("--slug", "plan", "--lang", "cy", "--file", cy2, "--publish"); err != nil {
			t.Fatal(err)
		}
		en2Keys, cy2Keys := pairs()
		if strings.Join(en2Keys, ",") != strings.Join(cy2Keys, ",") || len(cy2Keys) != 3 {
			t.Fatalf("v2: Welsh keys %v, English %v", cy2Keys, en2Keys)
		}
		if cy2Keys[0] != cyKeys[0] || cy2Keys[2] != cyKeys[1] {
			t.Errorf("v2 Welsh keys %v did not keep v1's %v", cy2Keys, cyKeys)
		}
	})
}
