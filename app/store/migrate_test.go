package store_test

import (
	"context"
	"sync"
	"testing"

	"gorm.io/gorm/schema"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestMigrationsMatchModels migrates an empty database on each engine and checks
// that every model's table and column exists, so models and migrations cannot drift.
func TestMigrationsMatchModels(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		pending, err := st.PendingMigrations(context.Background())
		if err != nil || pending != 0 {
			t.Fatalf("pending migrations after migrate: %d, %v", pending, err)
		}
		models := []any{&model.User{}, &model.Session{}, &model.AuthState{}, &model.Consultation{},
			&model.DocumentVersion{}, &model.Block{}, &model.Comment{}, &model.Flag{}, &model.AuditEntry{}, &model.Job{}}
		m := st.DB.Migrator()
		for _, mdl := range models {
			s, err := schema.Parse(mdl, &syncMap, st.DB.NamingStrategy)
			if err != nil {
				t.Fatal(err)
			}
			if !m.HasTable(mdl) {
				t.Errorf("%s: no table %s", engine, s.Table)
				continue
			}
			for _, f := range s.Fields {
				if f.DBName != "" && !m.HasColumn(mdl, f.DBName) {
					t.Errorf("%s: table %s lacks column %s of model field %s", engine, s.Table, f.DBName, f.Name)
				}
			}
		}
	})
}

// TestMigrateTwice proves migrations are recorded: a second run applies nothing.
func TestMigrateTwice(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		applied, err := st.Migrate(context.Background())
		if err != nil || len(applied) != 0 {
			t.Fatalf("second migrate applied %v, %v", applied, err)
		}
	})
}

var syncMap sync.Map

// TestConcurrentMigrate starts several migrators on one empty PostgreSQL schema at
// once, as instances starting together do: the advisory lock makes them take turns.
func TestConcurrentMigrate(t *testing.T) {
	for _, engine := range testutil.Engines(t) {
		if engine != store.Postgres {
			continue
		}
		url := testutil.DatabaseURL(t, engine)
		ctx := context.Background()
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				st, err := store.Open(ctx, url, nil)
				if err != nil {
					errs <- err
					return
				}
				defer st.Close()
				_, err = st.Migrate(ctx)
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatalf("concurrent migrate: %v", err)
			}
		}
	}
}
