package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// IsUnavailable reports whether err means the database could not be reached, or
// could not write because its disk is full, as opposed to a query that was
// wrong: the former is a 503 that heals by itself or by an operator.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if IsFull(err) {
		return true
	}
	var netErr net.Error
	var pgErr *pgconn.PgError
	var connectErr *pgconn.ConnectError
	switch {
	case errors.As(err, &connectErr), errors.As(err, &netErr),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, context.DeadlineExceeded), pgconn.Timeout(err):
		return true
	case errors.As(err, &pgErr):
		// Class 08 is connection exceptions; 57P01-57P03 are shutdown and start-up;
		// 53300 is "too many connections", which passes as other clients leave.
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P") || pgErr.Code == "53300"
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "database is locked") ||
		strings.Contains(msg, "failed to connect") || strings.Contains(msg, "closed pool")
}

// IsInvalidText reports whether PostgreSQL refused a value as text (invalid
// UTF-8, or a NUL byte, which SQLite stores): bad input that slipped past a
// form's validation, so a 400 rather than a server fault.
func IsInvalidText(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "22021" || pgErr.Code == "22P05")
}

// sqliteFull is SQLITE_FULL, the primary result code of "database or disk is full".
const sqliteFull = 13

// IsFull reports whether the database refused a write for lack of space:
// SQLITE_FULL (a full disk, or a database at its max_page_count) or
// PostgreSQL's disk_full (53100).
func IsFull(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "53100"
	}
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		return coded.Code()&0xff == sqliteFull
	}
	return strings.Contains(err.Error(), "database or disk is full")
}

// IsBusy reports whether err is only another writer holding the database for
// longer than the caller waited: a busy database, not a broken one.
func IsBusy(err error) bool {
	if err == nil {
		return false
	}
	var coded interface{ Code() int }
	if errors.As(err, &coded) && (coded.Code()&0xff == 5 || coded.Code()&0xff == 6) { // SQLITE_BUSY, SQLITE_LOCKED
		return true
	}
	return errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "database is locked")
}
