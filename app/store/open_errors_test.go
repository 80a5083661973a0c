package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestOpenNamesTheSQLiteFile checks that a start-up failure on a file that is
// not a SQLite database says which file.
func TestOpenNamesTheSQLiteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database at all. ", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), "sqlite://"+path, nil)
	if err == nil {
		_ = st.Close()
		t.Fatal("opened a file that is not a database")
	}
	if want := "open database " + path + ": file is not a database"; !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error %q, want it to start %q", err, want)
	}
}

// TestFullIsUnavailable checks that a database out of space is a 503 that an
// operator heals, on both engines' codes, and that other errors are not.
func TestFullIsUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		full bool
	}{
		{"PostgreSQL disk_full", &pgconn.PgError{Code: "53100"}, true},
		{"PostgreSQL unique violation", &pgconn.PgError{Code: "23505"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if store.IsFull(tc.err) != tc.full || store.IsUnavailable(tc.err) != tc.full {
				t.Errorf("IsFull = %v, IsUnavailable = %v, want %v", store.IsFull(tc.err), store.IsUnavailable(tc.err), tc.full)
			}
		})
	}
}

// TestCheckWriteLeavesNothing checks the readiness write on both engines: it
// succeeds on a healthy database and keeps no row.
func TestCheckWriteLeavesNothing(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		for range 2 {
			if err := st.CheckWrite(context.Background()); err != nil {
				t.Fatalf("CheckWrite: %v", err)
			}
		}
		var n int64
		st.DB.Table("write_checks").Count(&n)
		if n != 0 {
			t.Errorf("%d rows left in write_checks", n)
		}
	})
}
