package store

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm/clause"

	"pilcrow/app/model"
)

// UserPageSize is how many accounts the users page lists at once.
const UserPageSize = 50

// SearchUsers lists accounts whose name or email contains q (any case), by id,
// after the id of the previous page's last account.
func (s *Store) SearchUsers(ctx context.Context, q string, afterID int64, limit int) ([]model.User, error) {
	db := s.DB.WithContext(ctx).Where("id > ? AND provider <> ?", afterID, model.ProviderErased)
	if q = strings.TrimSpace(q); q != "" {
		pattern := containsPattern(q)
		db = db.Where(`(`+s.folded("display_name")+` LIKE ? ESCAPE '\' OR `+s.folded("email")+` LIKE ? ESCAPE '\')`, pattern, pattern)
	}
	var us []model.User
	err := db.Order("id").Limit(limit).Find(&us).Error
	return us, err
}

// LockUser reads an account inside a transaction, holding its row on PostgreSQL.
func (s *Store) LockUser(ctx context.Context, id int64) (*model.User, error) {
	q := s.DB.WithContext(ctx)
	if s.Engine == Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var u model.User
	err := q.Take(&u, id).Error
	return &u, notFound(err)
}

// LockActiveAdmins counts the unblocked admins inside a transaction. On
// PostgreSQL it locks their rows, so two admins demoting each other at once take
// turns and the second sees that only one admin is left.
func (s *Store) LockActiveAdmins(ctx context.Context) (int, error) {
	q := s.DB.WithContext(ctx).Model(&model.User{}).Select("id").
		Where("role = ? AND blocked_at IS NULL", model.RoleAdmin).Order("id")
	if s.Engine == Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var ids []int64
	err := q.Find(&ids).Error
	return len(ids), err
}

// SetBlocked blocks an account with a reason, or unblocks it when at is nil.
func (s *Store) SetBlocked(ctx context.Context, userID int64, at *time.Time, reason string) error {
	return s.DB.WithContext(ctx).Model(&model.User{}).Where("id = ?", userID).
		Updates(map[string]any{"blocked_at": at, "blocked_reason": reason, "updated_at": time.Now().UTC()}).Error
}
