package consult

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// maxBlockReasonRunes bounds the reason recorded with a block.
const maxBlockReasonRunes = 500

// ChangeRole gives an account a role. No change may leave the service without an
// unblocked admin, so the last admin cannot give up the role.
func (s *Service) ChangeRole(ctx context.Context, actor *model.User, userID int64, role string) error {
	if err := acting(actor, model.RoleAdmin); err != nil {
		return err
	}
	r, ok := model.ParseRole(role)
	if !ok {
		return model.FieldErrors{"role": "users.error.role"}
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		admins, err := tx.LockActiveAdmins(ctx)
		if err != nil {
			return err
		}
		u, err := tx.LockUser(ctx, userID)
		if err != nil {
			return err
		}
		if u.Role == r {
			return nil
		}
		if u.Role == model.RoleAdmin && !u.Blocked() && admins <= 1 {
			return model.FieldErrors{"role": "users.error.lastadmin"}
		}
		if err := tx.SetRole(ctx, u.ID, r); err != nil {
			return err
		}
		return tx.Audit(ctx, &actor.ID, "user.role", "user", strconv.FormatInt(u.ID, 10),
			map[string]any{"role": u.Role}, map[string]any{"role": r})
	})
}

// Block stops an account from posting and flagging, with a reason, and ends
// every one of its sessions at once. Admins cannot block themselves, and the last
// unblocked admin cannot be blocked.
func (s *Service) Block(ctx context.Context, actor *model.User, userID int64, reason string) error {
	if err := acting(actor, model.RoleAdmin); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "" || !utf8.ValidString(reason) || strings.ContainsRune(reason, 0):
		return model.FieldErrors{"reason": "users.error.reason"}
	case utf8.RuneCountInString(reason) > maxBlockReasonRunes:
		return model.FieldErrors{"reason": "users.error.reason.long"}
	case userID == actor.ID:
		return model.FieldErrors{"reason": "users.error.self"}
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		admins, err := tx.LockActiveAdmins(ctx)
		if err != nil {
			return err
		}
		u, err := tx.LockUser(ctx, userID)
		if err != nil {
			return err
		}
		if u.Blocked() {
			return nil
		}
		if u.Role == model.RoleAdmin && admins <= 1 {
			return model.FieldErrors{"reason": "users.error.lastadmin"}
		}
		now := s.now()
		if err := tx.SetBlocked(ctx, u.ID, &now, reason); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, &actor.ID, "user.block", "user", strconv.FormatInt(u.ID, 10),
			map[string]any{"blocked": false}, map[string]any{"blocked": true, "reason": reason})
	})
}

// Unblock lets an account post again.
func (s *Service) Unblock(ctx context.Context, actor *model.User, userID int64) error {
	if err := acting(actor, model.RoleAdmin); err != nil {
		return err
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		u, err := tx.LockUser(ctx, userID)
		if err != nil {
			return err
		}
		if !u.Blocked() {
			return nil
		}
		if err := tx.SetBlocked(ctx, u.ID, nil, ""); err != nil {
			return err
		}
		return tx.Audit(ctx, &actor.ID, "user.unblock", "user", strconv.FormatInt(u.ID, 10),
			map[string]any{"blocked": true, "reason": u.BlockedReason}, map[string]any{"blocked": false})
	})
}
