package testutil

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"pilcrow/app/store"
)

// Engines lists the engines the suite runs on: SQLite always, PostgreSQL when a
// server answers (or must, when PILCROW_TEST_REQUIRE lists postgres).
func Engines(t testing.TB) []string {
	engines := []string{store.SQLite}
	if _, err := postgresURL(); err == nil {
		engines = append(engines, store.Postgres)
	} else if Required("postgres") {
		t.Fatalf("postgres is required by PILCROW_TEST_REQUIRE but unavailable: %v", err)
	}
	return engines
}

// ForEachEngine runs f as a subtest on every available engine.
func ForEachEngine(t *testing.T, f func(t *testing.T, engine string)) {
	for _, engine := range Engines(t) {
		t.Run(engine, func(t *testing.T) { f(t, engine) })
	}
}

// DatabaseURL returns a fresh, empty database for the test: a SQLite file in a
// temporary folder, or a PostgreSQL schema of its own that is dropped afterwards.
func DatabaseURL(t testing.TB, engine string) string {
	t.Helper()
	if engine == store.SQLite {
		return "sqlite://" + filepath.Join(t.TempDir(), "test.db")
	}
	base, err := postgresURL()
	if err != nil {
		Unavailable(t, "postgres", err.Error())
	}
	schema := "t_" + randomHex(8)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		Unavailable(t, "postgres", err.Error())
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if c, err := pgx.Connect(ctx, base); err == nil {
			_, _ = c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			_ = c.Close(ctx)
		}
	})
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// NewStore opens and migrates a fresh database on the engine.
func NewStore(t testing.TB, engine string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, DatabaseURL(t, engine), nil)
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { _ = st.Close() })
	st.LimitPool(8, 2)
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return st
}

var pgProbe struct {
	once sync.Once
	url  string
	err  error
}

// postgresURL returns PILCROW_TEST_DATABASE_URL, or the local server on
// 127.0.0.1:5432 when it answers; the probe runs once per test binary.
func postgresURL() (string, error) {
	pgProbe.once.Do(probePostgres)
	return pgProbe.url, pgProbe.err
}

func probePostgres() {
	u := os.Getenv("PILCROW_TEST_DATABASE_URL")
	if u == "" {
		u = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		pgProbe.err = fmt.Errorf("no PostgreSQL at %s: %w", redact(u), err)
		return
	}
	_ = conn.Close(ctx)
	pgProbe.url = u
}

func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.User == nil {
		return u
	}
	p.User = url.User(p.User.Username())
	return p.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
