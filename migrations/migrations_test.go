package migrations

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"
)

// name is a migration's file name: a five-digit version, a description, .sql.
var name = regexp.MustCompile(`^(\d{5})_[a-z0-9_]+\.sql$`)

// TestEnginesHaveTheSameVersions checks that the SQLite and PostgreSQL folders
// list the same versions, each once, in well-formed file names.
func TestEnginesHaveTheSameVersions(t *testing.T) {
	versions := map[string][]string{}
	for _, engine := range []string{"sqlite", "postgres"} {
		files, err := fs.ReadDir(FS, engine)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			m := name.FindStringSubmatch(f.Name())
			if m == nil {
				t.Errorf("%s/%s: a migration is named NNNNN_what_it_does.sql", engine, f.Name())
				continue
			}
			if slices.Contains(versions[engine], m[1]) {
				t.Errorf("%s: version %s twice", engine, m[1])
			}
			versions[engine] = append(versions[engine], m[1])
		}
	}
	if len(versions["sqlite"]) == 0 {
		t.Fatal("no migrations found")
	}
	for _, v := range versions["sqlite"] {
		if !slices.Contains(versions["postgres"], v) {
			t.Errorf("version %s is in sqlite/ but not in postgres/", v)
		}
	}
	for _, v := range versions["postgres"] {
		if !slices.Contains(versions["sqlite"], v) {
			t.Errorf("version %s is in postgres/ but not in sqlite/", v)
		}
	}
}
