package load

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pilcrow/app/store"
)

// consultation is a published consultation the tests comment on.
type consultation struct {
	Slug string
	Keys []string // paragraph keys of the current version, in order
}

// seedConsultation imports an open consultation through `pilcrow import`, as a
// deployer would, and reads its paragraph keys back from the database.
func seedConsultation(t testing.TB, databaseURL, slug string) consultation {
	t.Helper()
	file := filepath.Join(t.TempDir(), slug+".md")
	if err := os.WriteFile(file, []byte(loadDocument(24)), 0o600); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	runPilcrow(t, databaseURL, "import", "--slug", slug, "--title", "Load test "+slug, "--file", file, "--publish",
		"--opens", now.Add(-time.Hour).Format(time.RFC3339), "--closes", now.Add(48*time.Hour).Format(time.RFC3339))
	db := openDB(t, databaseURL)
	var keys []string
	err := db.DB.Raw(`SELECT b.key FROM blocks b JOIN consultations c ON c.current_version_id = b.version_id
		WHERE c.slug = ? ORDER BY b.number`, slug).Scan(&keys).Error
	if err != nil || len(keys) == 0 {
		t.Fatalf("paragraph keys of %s: %v (%d keys)", slug, err, len(keys))
	}
	return consultation{Slug: slug, Keys: keys}
}

// loadDocument is a Markdown document of n sections of ordinary prose.
func loadDocument(n int) string {
	var b strings.Builder
	b.WriteString("# A consultation under load\n\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "## Section %d\n\n", i)
		fmt.Fprintf(&b, "Paragraph %d proposes that the council should review the provision of service %d "+
			"every year, publish what it finds, and ask residents what they think before deciding.\n\n", i, i)
		fmt.Fprintf(&b, "- Item %d.1: libraries and leisure\n- Item %d.2: roads and transport\n\n", i, i)
	}
	return b.String()
}

// setModeration switches the consultation's moderation mode behind the
// application's back, bumping the revision as the application would.
func setModeration(t testing.TB, databaseURL, slug, mode string) {
	t.Helper()
	db := openDB(t, databaseURL)
	err := db.DB.Exec("UPDATE consultations SET moderation = ?, revision = revision + 1 WHERE slug = ?", mode, slug).Error
	if err != nil {
		t.Fatal(err)
	}
}

// openDB opens the test's database directly, to check what was stored.
func openDB(t testing.TB, databaseURL string) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := store.Open(ctx, databaseURL, nil)
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// count returns SELECT count(*) FROM table.
func count(t testing.TB, st *store.Store, table string) int64 {
	t.Helper()
	var n int64
	if err := st.DB.Table(table).Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// storedTokens returns the submission tokens of every stored comment.
func storedTokens(t testing.TB, st *store.Store) map[string]bool {
	t.Helper()
	var tokens []string
	if err := st.DB.Raw("SELECT submission_token FROM comments").Scan(&tokens).Error; err != nil {
		t.Fatal(err)
	}
	set := make(map[string]bool, len(tokens))
	for _, tok := range tokens {
		set[tok] = true
	}
	return set
}
