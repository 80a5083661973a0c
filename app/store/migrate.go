package store

import (
	"context"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"pilcrow/migrations"
)

// Migrate applies every pending migration of this engine, in order. On PostgreSQL an
// advisory lock makes two instances starting at once take turns instead of racing.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	provider, err := s.migrator()
	if err != nil {
		return nil, err
	}
	results, err := provider.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var applied []string
	for _, r := range results {
		applied = append(applied, r.Source.Path)
	}
	return applied, nil
}

// PendingMigrations reports how many migrations have not yet been applied.
func (s *Store) PendingMigrations(ctx context.Context) (int, error) {
	provider, err := s.migrator()
	if err != nil {
		return 0, err
	}
	status, err := provider.Status(ctx)
	if err != nil {
		return 0, err
	}
	pending := 0
	for _, st := range status {
		if st.State == goose.StatePending {
			pending++
		}
	}
	return pending, nil
}

func (s *Store) migrator() (*goose.Provider, error) {
	dialect, folder := goose.DialectSQLite3, "sqlite"
	var opts []goose.ProviderOption
	if s.Engine == Postgres {
		dialect, folder = goose.DialectPostgres, "postgres"
		var schemaName string
		if err := s.DB.Raw("SELECT current_schema()").Scan(&schemaName).Error; err != nil {
			return nil, err
		}
		// One lock per schema: instances migrating the same schema take turns, and
		// separate schemas (one per test) never wait on each other.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(lockID(schemaName)), lock.WithLockTimeout(1, 120))
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	sub, err := fs.Sub(migrations.FS, folder)
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(dialect, s.sql, sub, opts...)
}

// lockID derives the advisory lock's id from the schema name.
func lockID(schema string) int64 {
	h := fnv.New64a()
	h.Write([]byte("pilcrow-migrate:" + schema))
	return int64(h.Sum64() >> 1)
}
