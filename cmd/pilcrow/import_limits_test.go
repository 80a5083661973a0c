package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pilcrow/app/testutil"
)

// TestImportRefusesTooComplexDocument checks that `pilcrow import --publish`
// of a document over a rendering limit fails with a one-line reason naming
// what is too large.
func TestImportRefusesTooComplexDocument(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Setenv("PILCROW_DATABASE_URL", testutil.DatabaseURL(t, engine))
		p := filepath.Join(t.TempDir(), "deep.md")
		if err := os.WriteFile(p, []byte("# Plan\n\n"+strings.Repeat("> ", 50)+"deep"), 0o600); err != nil {
			t.Fatal(err)
		}
		err := run(context.Background(), []string{"import", "--slug", "deep-plan", "--title", "Deep", "--file", p, "--publish"})
		if err == nil || !strings.Contains(oneLine(err), "--file: Document has quotes or lists nested more than 32 levels deep") {
			t.Fatalf("err = %v", err)
		}
	})
}
