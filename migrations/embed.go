// Package migrations holds the versioned, forward-only schema changes, one folder
// per database engine, embedded into the binary and applied in order by goose.
// A migration, once released, is never edited: a change is a new file.
package migrations

import "embed"

// FS holds postgres/*.sql and sqlite/*.sql.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
