package store

import (
	"context"
	"time"

	"pilcrow/app/model"
)

// SecondFactors lists an account's TOTP secret and passkeys, oldest first.
func (s *Store) SecondFactors(ctx context.Context, userID int64) ([]model.SecondFactor, error) {
	var fs []model.SecondFactor
	err := s.DB.WithContext(ctx).Where("user_id = ?", userID).Order("id").Find(&fs).Error
	return fs, err
}

// AddSecondFactor stores a new TOTP secret or passkey.
func (s *Store) AddSecondFactor(ctx context.Context, f *model.SecondFactor) error {
	return s.DB.WithContext(ctx).Create(f).Error
}

// DeleteSecondFactor removes one of the account's factors; model.ErrNotFound
// when the account has no such factor.
func (s *Store) DeleteSecondFactor(ctx context.Context, userID, id int64) error {
	res := s.DB.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Delete(&model.SecondFactor{})
	if res.Error == nil && res.RowsAffected == 0 {
		return model.ErrNotFound
	}
	return res.Error
}

// AcceptTOTPStep records that the TOTP factor accepted the code of time step
// step, unless a code of that step or a later one was already accepted: the
// compare-and-set makes a code usable once even when two requests race.
func (s *Store) AcceptTOTPStep(ctx context.Context, id, step int64, now time.Time) (bool, error) {
	res := s.DB.WithContext(ctx).Model(&model.SecondFactor{}).Where("id = ? AND last_step < ?", id, step).
		Updates(map[string]any{"last_step": step, "last_used_at": now.UTC()})
	return res.RowsAffected == 1, res.Error
}

// PasskeyUsed stores a passkey's credential after a sign-in (its signature
// counter and flags change).
func (s *Store) PasskeyUsed(ctx context.Context, id int64, secret string, now time.Time) error {
	return s.DB.WithContext(ctx).Model(&model.SecondFactor{}).Where("id = ?", id).
		Updates(map[string]any{"secret": secret, "last_used_at": now.UTC()}).Error
}

// SetFactorSecret replaces the stored secret of a factor, as when a TOTP
// secret is sealed again under the current key.
func (s *Store) SetFactorSecret(ctx context.Context, id int64, secret string) error {
	return s.DB.WithContext(ctx).Model(&model.SecondFactor{}).Where("id = ?", id).Update("secret", secret).Error
}

// ReplaceRecoveryCodes stores a fresh set of recovery code hashes for the
// account, dropping its old codes.
func (s *Store) ReplaceRecoveryCodes(ctx context.Context, userID int64, hashes []string, now time.Time) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.DB.WithContext(ctx).Where("user_id = ?", userID).Delete(&model.RecoveryCode{}).Error; err != nil {
			return err
		}
		for _, h := range hashes {
			if err := tx.DB.WithContext(ctx).Create(&model.RecoveryCode{UserID: userID, CodeHash: h, CreatedAt: now.UTC()}).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

// UseRecoveryCode marks the account's unused code with hash as used, reporting
// whether there was one; a code therefore works once even when requests race.
func (s *Store) UseRecoveryCode(ctx context.Context, userID int64, hash string, now time.Time) (bool, error) {
	res := s.DB.WithContext(ctx).Model(&model.RecoveryCode{}).
		Where("user_id = ? AND code_hash = ? AND used_at IS NULL", userID, hash).Update("used_at", now.UTC())
	return res.RowsAffected == 1, res.Error
}

// RecoveryCodesLeft counts the account's unused recovery codes.
func (s *Store) RecoveryCodesLeft(ctx context.Context, userID int64) (int64, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&model.RecoveryCode{}).Where("user_id = ? AND used_at IS NULL", userID).Count(&n).Error
	return n, err
}

// DeleteRecoveryCodes removes the account's recovery codes, once it has no
// second factor left for them to stand in for.
func (s *Store) DeleteRecoveryCodes(ctx context.Context, userID int64) error {
	return s.DB.WithContext(ctx).Where("user_id = ?", userID).Delete(&model.RecoveryCode{}).Error
}

// SetCeremony keeps a second-factor ceremony in progress with the session.
func (s *Store) SetCeremony(ctx context.Context, tokenHash, ceremony string) error {
	return s.DB.WithContext(ctx).Model(&model.Session{}).Where("token_hash = ?", tokenHash).
		Update("ceremony", ceremony).Error
}

// ProveSecondFactor replaces the session oldHash by a new one, newHash, that
// has proved the second factor method at now: the token changes when the
// session gains staff powers, so a token seen before is worthless after.
func (s *Store) ProveSecondFactor(ctx context.Context, oldHash, newHash, method string, now time.Time) error {
	return s.Tx(ctx, func(tx *Store) error {
		var old model.Session
		if err := tx.DB.WithContext(ctx).Where("token_hash = ?", oldHash).Take(&old).Error; err != nil {
			return notFound(err)
		}
		at := now.UTC()
		sess := old
		sess.TokenHash, sess.SecondFactor, sess.SecondFactorAt, sess.Ceremony = newHash, method, &at, ""
		if err := tx.DB.WithContext(ctx).Where("token_hash = ?", oldHash).Delete(&model.Session{}).Error; err != nil {
			return err
		}
		return tx.DB.WithContext(ctx).Create(&sess).Error
	})
}
