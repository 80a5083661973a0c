package store

import (
	"database/sql/driver"
	"strings"
	"sync"

	gosqlite "github.com/glebarez/go-sqlite"
	"golang.org/x/text/unicode/norm"
)

// Fold is the case folding every search uses: Unicode NFC, so that a ŵ typed as
// w plus a combining circumflex matches the one-character ŵ, then Go's Unicode
// lower case, so that Ŵ matches ŵ and Ŷ matches ŷ. SQLite's own lower() and LIKE
// fold only ASCII letters, which would leave Welsh names unfound.
func Fold(s string) string { return strings.ToLower(norm.NFC.String(s)) }

// foldFunction is the SQL name of Fold on SQLite.
const foldFunction = "pilcrow_fold"

var registerFold sync.Once

// registerFoldFunction makes Fold callable from SQLite as pilcrow_fold(text). It
// applies to connections opened afterwards, so Open calls it before connecting.
func registerFoldFunction() {
	registerFold.Do(func() {
		_ = gosqlite.RegisterDeterministicScalarFunction(foldFunction, 1,
			func(_ *gosqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
				switch v := args[0].(type) {
				case string:
					return Fold(v), nil
				case []byte:
					return Fold(string(v)), nil
				}
				return args[0], nil
			})
	})
}

// folded is the SQL expression of a column folded as Fold does: pilcrow_fold on
// SQLite; PostgreSQL's lower(), which folds all of Unicode in a UTF-8 database.
func (s *Store) folded(column string) string {
	if s.Engine == Postgres {
		return "lower(" + column + ")"
	}
	return foldFunction + "(" + column + ")"
}

// containsPattern is a LIKE pattern matching folded text that contains q.
func containsPattern(q string) string { return "%" + EscapeLike(Fold(q)) + "%" }
