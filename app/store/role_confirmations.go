package store

import (
	"context"
	"time"

	"pilcrow/app/model"
)

// The decisions an admin makes on a role confirmation.
const (
	DecisionConfirmed = "confirmed"
	DecisionRefused   = "refused"
)

// PendingRoleConfirmation is a role confirmation waiting for an admin, with
// the account it is for.
type PendingRoleConfirmation struct {
	model.RoleConfirmation
	Account model.User
}

// AddRoleConfirmation records that the account's staff role waits for an admin,
// unless one already waits for it or an admin already refused that role to it;
// it reports whether it added one.
func (s *Store) AddRoleConfirmation(ctx context.Context, rc *model.RoleConfirmation) (bool, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&model.RoleConfirmation{}).
		Where("user_id = ? AND (decided_at IS NULL OR (role = ? AND decision = ?))", rc.UserID, rc.Role, DecisionRefused).Count(&n).Error
	if err != nil || n > 0 {
		return false, err
	}
	return true, s.DB.WithContext(ctx).Create(rc).Error
}

// PendingRoleConfirmations lists the confirmations waiting for an admin,
// oldest first, each with its account.
func (s *Store) PendingRoleConfirmations(ctx context.Context) ([]PendingRoleConfirmation, error) {
	var rcs []model.RoleConfirmation
	if err := s.DB.WithContext(ctx).Where("decided_at IS NULL").Order("id").Find(&rcs).Error; err != nil {
		return nil, err
	}
	out := make([]PendingRoleConfirmation, 0, len(rcs))
	for _, rc := range rcs {
		u, err := s.User(ctx, rc.UserID)
		if err != nil {
			return nil, err
		}
		out = append(out, PendingRoleConfirmation{RoleConfirmation: rc, Account: *u})
	}
	return out, nil
}

// PendingRoleConfirmationFor returns the confirmation waiting for the account.
func (s *Store) PendingRoleConfirmationFor(ctx context.Context, userID int64) (*model.RoleConfirmation, error) {
	var rc model.RoleConfirmation
	err := s.DB.WithContext(ctx).Where("user_id = ? AND decided_at IS NULL", userID).Take(&rc).Error
	return &rc, notFound(err)
}

// DecideRoleConfirmation records an admin's decision on a waiting confirmation,
// reporting whether it was still waiting (a second decision changes nothing).
func (s *Store) DecideRoleConfirmation(ctx context.Context, id, by int64, decision string, now time.Time) (bool, error) {
	res := s.DB.WithContext(ctx).Model(&model.RoleConfirmation{}).Where("id = ? AND decided_at IS NULL", id).
		Updates(map[string]any{"decided_at": now.UTC(), "decided_by": by, "decision": decision})
	return res.RowsAffected == 1, res.Error
}

// RoleConfirmation returns one role confirmation by id.
func (s *Store) RoleConfirmation(ctx context.Context, id int64) (*model.RoleConfirmation, error) {
	var rc model.RoleConfirmation
	err := s.DB.WithContext(ctx).Take(&rc, id).Error
	return &rc, notFound(err)
}
