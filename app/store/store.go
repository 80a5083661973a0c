// Package store is Pilcrow's database access: one GORM handle over SQLite or
// PostgreSQL, the migrations, and one file of queries per aggregate.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Engine names, as GORM's dialector reports them.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Store wraps the database handle that every query goes through.
type Store struct {
	DB     *gorm.DB
	Engine string
	sql    *sql.DB
	// changes keeps consultation rows for public pages (see changes);
	// stopListening ends the PostgreSQL listener that feeds it.
	changes       *changes
	stopListening context.CancelFunc
}

// Open connects to the database named by a sqlite:// or postgres:// URL and
// checks that it answers.
func Open(ctx context.Context, databaseURL string, log *slog.Logger) (*Store, error) {
	dialector, engine, err := dialectorFor(databaseURL)
	if err != nil {
		return nil, err
	}
	// A SQLite error at start-up names the file, which is what the operator
	// has to look at; a PostgreSQL URL may hold a password, so it is not named.
	what := "database"
	if engine == SQLite {
		what = "database " + strings.TrimPrefix(databaseURL, "sqlite://")
	}
	db, err := gorm.Open(dialector, &gorm.Config{
		TranslateError: true, // one portable gorm.ErrDuplicatedKey on both engines
		NowFunc:        func() time.Time { return time.Now().UTC() },
		Logger:         newLogger(log),
		// No PrepareStmt: pgx already keeps prepared statements per connection,
		// and gorm's statement cache prepares a new statement on a pool
		// connection while holding a process-wide lock, which deadlocks once
		// every connection is held by a transaction waiting for that lock (64
		// concurrent comment writers stalled for good that way).
	})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", what, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sizePool(sqlDB, engine)
	s := &Store{DB: db, Engine: engine, sql: sqlDB, changes: newChanges()}
	if err := s.changes.watchWrites(db); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		if engine == SQLite {
			return nil, fmt.Errorf("open %s: %w", what, err)
		}
		return nil, fmt.Errorf("database does not answer: %w", err)
	}
	listenCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.stopListening = cancel
	go s.listenForChanges(listenCtx, databaseURL, log)
	return s, nil
}

// dialectorFor turns the contract's URL into a GORM dialector.
func dialectorFor(databaseURL string) (gorm.Dialector, string, error) {
	switch {
	case strings.HasPrefix(databaseURL, "sqlite://"):
		path := strings.TrimPrefix(databaseURL, "sqlite://")
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, "", fmt.Errorf("create database folder: %w", err)
			}
		}
		// WAL lets readers run beside the writer; busy_timeout waits for the lock;
		// _txlock=immediate takes the write lock at BEGIN, because a read-then-write
		// transaction that upgrades its lock later fails with "database is locked".
		dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
			"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		registerFoldFunction()
		return sqlite.Open(dsn), SQLite, nil
	case strings.HasPrefix(databaseURL, "postgres://"), strings.HasPrefix(databaseURL, "postgresql://"):
		return postgres.Open(withConnectTimeout(databaseURL)), Postgres, nil
	}
	return nil, "", errors.New("database URL must start with sqlite:// or postgres://")
}

// withConnectTimeout bounds how long a connection attempt may hang, so that a
// database outage turns into a quick 503 rather than a stuck request.
func withConnectTimeout(u string) string {
	parsed, err := url.Parse(u)
	if err != nil {
		return u
	}
	q := parsed.Query()
	if q.Get("connect_timeout") == "" {
		q.Set("connect_timeout", "3")
	}
	parsed.RawQuery = q.Encode()
	return parsed.String()
}

// sizePool fits the connection pool to the 2-core machine Pilcrow is sized for:
// a dozen PostgreSQL connections keep both cores busy, and leave room under
// PostgreSQL's default limit of 100 for several instances behind a load balancer.
func sizePool(db *sql.DB, engine string) {
	if engine == SQLite {
		// One file, one writer: a few connections serve concurrent readers in WAL mode.
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
		return
	}
	db.SetMaxOpenConns(12)
	db.SetMaxIdleConns(6)
	db.SetConnMaxLifetime(30 * time.Minute)
	db.SetConnMaxIdleTime(5 * time.Minute)
}

// LimitPool caps the pool, for test suites that run many applications at once on
// one PostgreSQL server.
func (s *Store) LimitPool(open, idle int) {
	s.sql.SetMaxOpenConns(open)
	s.sql.SetMaxIdleConns(idle)
}

// Ping reports whether the database answers within two seconds.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return s.sql.PingContext(ctx)
}

// errRollback ends CheckWrite's transaction without keeping its row.
var errRollback = errors.New("store: write check rolled back")

// CheckWrite proves the database can write: it inserts a row larger than a
// page into write_checks and rolls it back, so that a full disk, or a SQLite
// file at its page limit, fails here as it would for a real write.
func (s *Store) CheckWrite(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.DB.Exec("INSERT INTO write_checks (id, filler) VALUES (1, ?)", writeCheckFiller).Error; err != nil {
			return err
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		return nil
	}
	return err
}

// writeCheckFiller is larger than a page and does not compress, so that
// inserting it has to find free space.
var writeCheckFiller = func() string {
	b := make([]byte, 3*4096)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = 'a' + byte(x%26)
	}
	return string(b)
}()

// Close releases every connection.
func (s *Store) Close() error {
	if s.stopListening != nil {
		s.stopListening()
	}
	return s.sql.Close()
}

// Tx runs fn in a transaction that commits when fn returns nil.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	err := s.DB.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		return fn(&Store{DB: db, Engine: s.Engine, sql: s.sql, changes: s.changes})
	})
	s.changes.changed() // a read during the transaction saw what was before it
	return err
}

// newLogger sends slow queries and errors other than "not found" to slog.
func newLogger(log *slog.Logger) logger.Interface {
	return &gormLogger{log: log}
}

type gormLogger struct{ log *slog.Logger }

func (g *gormLogger) LogMode(logger.LogLevel) logger.Interface      { return g }
func (g *gormLogger) Info(context.Context, string, ...interface{})  {}
func (g *gormLogger) Warn(context.Context, string, ...interface{})  {}
func (g *gormLogger) Error(context.Context, string, ...interface{}) {}

// Trace logs slow statements without their arguments, which may hold personal data.
func (g *gormLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	elapsed := time.Since(begin)
	if elapsed < 500*time.Millisecond || g.log == nil {
		return
	}
	sqlText, rows := fc()
	if i := strings.IndexAny(sqlText, "\n"); i > 0 {
		sqlText = sqlText[:i]
	}
	if len(sqlText) > 200 {
		sqlText = sqlText[:200]
	}
	g.log.WarnContext(ctx, "slow query", "duration", elapsed, "rows", rows, "sql", sqlText)
}
