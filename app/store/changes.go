package store

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"pilcrow/app/model"
)

// consultationMaxAge bounds how long a consultation row read for a public page
// is used without reading it again, whatever the notifications say: a change
// made by another instance whose notification was lost, or by another process
// on the same SQLite file, shows within this time.
const consultationMaxAge = time.Second

// changes keeps the consultation rows that public pages read, so that a page
// whose cached parts are still valid costs no database round trip.
//
// A row is used while no change has happened since it was read, and for
// consultationMaxAge at most. Changes are learnt in process: every statement
// that writes, and every commit, advances the generation (so this instance's
// own changes show on its next request); and on PostgreSQL from other
// instances through LISTEN on the channel that migration 00108's trigger
// notifies at the commit of any change to consultations. Every change that a
// public page shows bumps its consultation's row (see BumpRevision), so that
// channel is enough.
type changes struct {
	gen  atomic.Int64
	mu   sync.Mutex
	rows map[string]keptConsultation
}

type keptConsultation struct {
	c    model.Consultation
	gen  int64
	read time.Time
}

func newChanges() *changes { return &changes{rows: map[string]keptConsultation{}} }

// changed marks every kept row stale.
func (ch *changes) changed() { ch.gen.Add(1) }

// watchWrites advances the generation after every statement that may write.
func (ch *changes) watchWrites(db *gorm.DB) error {
	bump := func(*gorm.DB) { ch.changed() }
	cb := db.Callback()
	for _, err := range []error{
		cb.Create().After("gorm:create").Register("pilcrow:changed_create", bump),
		cb.Update().After("gorm:update").Register("pilcrow:changed_update", bump),
		cb.Delete().After("gorm:delete").Register("pilcrow:changed_delete", bump),
		cb.Raw().After("gorm:raw").Register("pilcrow:changed_raw", bump),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// ReaderConsultationBySlug is ConsultationBySlug for public pages: the row as
// last read, while no change has happened since and it is younger than
// consultationMaxAge, else read again. The caller gets its own copy.
func (s *Store) ReaderConsultationBySlug(ctx context.Context, slug string) (*model.Consultation, error) {
	ch := s.changes
	gen := ch.gen.Load() // before the read: a change during it makes the row stale
	ch.mu.Lock()
	k, ok := ch.rows[slug]
	ch.mu.Unlock()
	if ok && k.gen == gen && time.Since(k.read) < consultationMaxAge {
		c := k.c
		return &c, nil
	}
	c, err := s.ConsultationBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	ch.mu.Lock()
	if len(ch.rows) >= 1024 {
		clear(ch.rows)
	}
	ch.rows[slug] = keptConsultation{c: *c, gen: gen, read: time.Now()}
	ch.mu.Unlock()
	return c, nil
}

// listenForChanges follows other instances' changes on PostgreSQL until ctx
// ends, on a connection of its own, reconnecting after a failure. While it is
// not listening, rows are still read again after consultationMaxAge. On
// SQLite there is nothing to listen to.
func (s *Store) listenForChanges(ctx context.Context, databaseURL string, log *slog.Logger) {
	if s.Engine != Postgres {
		return
	}
	for ctx.Err() == nil {
		err := s.listen(ctx, databaseURL)
		s.changes.changed() // anything may have happened while not listening
		if ctx.Err() != nil {
			return
		}
		if log != nil {
			log.Warn("listening for consultation changes failed; retrying", "error", err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

func (s *Store) listen(ctx context.Context, databaseURL string) error {
	conn, err := pgx.Connect(ctx, strings.Replace(databaseURL, "postgresql://", "postgres://", 1))
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var schema string
	if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "LISTEN pilcrow_consultations"); err != nil {
		return err
	}
	s.changes.changed() // changes made before LISTEN took effect
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if n.Payload == schema {
			s.changes.changed()
		}
	}
}
