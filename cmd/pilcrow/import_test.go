package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pilcrow/app/demo"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// openTestStore opens the database the commands under test wrote to.
func openTestStore(t *testing.T, url string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

func TestSeedDemoIsIdempotent(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		url := testutil.DatabaseURL(t, engine)
		t.Setenv("PILCROW_DATABASE_URL", url)
		ctx := context.Background()
		for i := 0; i < 2; i++ {
			if err := run(ctx, []string{"seed", "demo"}); err != nil {
				t.Fatalf("run %d: %v", i+1, err)
			}
		}
		if err := run(ctx, []string{"seed", "other"}); err == nil {
			t.Error("seeding an unknown set succeeded")
		}
		st := openTestStore(t, url)
		all, _ := st.AllConsultations(ctx)
		if len(all) != 1 || all[0].Slug != demo.Slug || all[0].Moderation != model.PostModeration {
			t.Fatalf("consultations after two seeds: %+v", all)
		}
		blocks, _ := st.Blocks(ctx, *all[0].CurrentVersionID)
		if len(blocks) < 40 {
			t.Errorf("demo has %d blocks, want at least 40", len(blocks))
		}
		var comments, replies, pending int64
		st.DB.Model(&model.Comment{}).Count(&comments)
		st.DB.Model(&model.Comment{}).Where("parent_id IS NOT NULL").Count(&replies)
		st.DB.Model(&model.Comment{}).Where("status = ?", model.CommentPending).Count(&pending)
		if comments < 30 || replies < 5 || pending < 2 {
			t.Errorf("%d comments, %d replies, %d pending", comments, replies, pending)
		}
	})
}

func TestImport(t *testing.T) {
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
		v1 := write("v1.md", "# Plan\n\nFirst paragraph.\n")
		v2 := write("v2.md", "# Plan\n\nFirst paragraph, edited.\n\nA new one.\n")
		empty := write("empty.md", "  \n")
		steps := []struct {
			name    string
			args    []string
			wantErr string
		}{
			{"draft", []string{"--slug", "river-plan", "--title", "River plan", "--file", v1}, ""},
			{"draft again", []string{"--slug", "river-plan", "--file", v1}, ""},
			{"publish", []string{"--slug", "river-plan", "--file", v1, "--publish", "--opens", "2026-01-01T09:00:00Z", "--closes", "2026-02-01T17:00:00Z"}, ""},
			{"no change", []string{"--slug", "river-plan", "--file", v1, "--publish"}, "same as the published version"},
			{"second version", []string{"--slug", "river-plan", "--file", v2, "--publish"}, ""},
			{"empty file", []string{"--slug", "river-plan", "--file", empty, "--publish"}, "Enter the text"},
			{"closes before opens", []string{"--slug", "river-plan", "--file", v2, "--opens", "2026-03-01T09:00:00Z"}, "--closes: Closing date"},
			{"bad slug", []string{"--slug", "River Plan", "--title", "T", "--file", v1}, "--slug: Short name must be"},
			{"no title for a new one", []string{"--slug", "other-plan", "--file", v1}, "--title"},
			{"missing file", []string{"--slug", "river-plan", "--file", filepath.Join(dir, "nope.md")}, "no such file"},
			{"no slug", []string{"--file", v1}, "usage"},
		}
		for _, s := range steps {
			err := run(ctx, append([]string{"import"}, s.args...))
			switch {
			case s.wantErr == "" && err != nil:
				t.Fatalf("%s: %v", s.name, err)
			case s.wantErr != "" && (err == nil || !strings.Contains(oneLine(err), s.wantErr)):
				t.Errorf("%s: err = %v, want %q", s.name, err, s.wantErr)
			}
		}
		st := openTestStore(t, url)
		c, err := st.ConsultationBySlug(ctx, "river-plan")
		if err != nil {
			t.Fatal(err)
		}
		vs, _ := st.Versions(ctx, c.ID)
		if len(vs) != 2 || c.OpensAt == nil || c.OpensAt.Format("2006-01-02T15:04") != "2026-01-01T09:00" {
			t.Errorf("%d versions, opens %v", len(vs), c.OpensAt)
		}
		if d, _ := st.Draft(ctx, c.ID); d != "" {
			t.Errorf("draft left after publishing: %q", d)
		}
		if _, err := st.ConsultationBySlug(ctx, "other-plan"); err == nil {
			t.Error("a refused import created a consultation")
		}
	})
}
