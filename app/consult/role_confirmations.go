package consult

import (
	"context"
	"strconv"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// PendingRoleConfirmations lists, for by, an admin, the staff roles that wait
// for an admin because they arrived with an email at a second provider.
func (s *Service) PendingRoleConfirmations(ctx context.Context, by *model.User) ([]store.PendingRoleConfirmation, error) {
	if err := acting(by, model.RoleAdmin); err != nil {
		return nil, err
	}
	return s.Store.PendingRoleConfirmations(ctx)
}

// DecideRoleConfirmation confirms or refuses a waiting staff role, for by, an
// admin: a confirmed role is given to the account. Both are audited; a
// confirmation already decided changes nothing (model.ErrConflict).
func (s *Service) DecideRoleConfirmation(ctx context.Context, by *model.User, id int64, confirm bool) error {
	if err := acting(by, model.RoleAdmin); err != nil {
		return err
	}
	decision := store.DecisionRefused
	if confirm {
		decision = store.DecisionConfirmed
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		rc, err := tx.RoleConfirmation(ctx, id)
		if err != nil {
			return err
		}
		u, err := tx.LockUser(ctx, rc.UserID)
		if err != nil {
			return err
		}
		ok, err := tx.DecideRoleConfirmation(ctx, id, by.ID, decision, s.now())
		if err != nil {
			return err
		}
		if !ok {
			return model.ErrConflict
		}
		target := strconv.FormatInt(u.ID, 10)
		if err := tx.Audit(ctx, &by.ID, "user.role.confirmation", "user", target,
			map[string]any{"role": rc.Role, "why": rc.Reason}, map[string]any{"decision": decision}); err != nil {
			return err
		}
		if !confirm || u.Role == rc.Role {
			return nil
		}
		if err := tx.SetRole(ctx, u.ID, rc.Role); err != nil {
			return err
		}
		return tx.Audit(ctx, &by.ID, "user.role", "user", target,
			map[string]any{"role": u.Role}, map[string]any{"role": rc.Role, "why": "confirmed by an admin"})
	})
}
