package auth

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/go-webauthn/webauthn/webauthn"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Second-factor attempts an account may make: enough for typing mistakes, far
// too few to guess a six-digit code (a million codes, three valid at a time).
const (
	factorAttempts = 10
	factorWindow   = 15 * time.Minute
)

// ErrBadCode is a TOTP or recovery code that is wrong, used or expired.
var ErrBadCode = errors.New("the code is wrong, expired or already used")

// SecondFactors keeps an account's second factors: TOTP, passkeys and
// recovery codes. Every change is audited.
type SecondFactors struct {
	store    *store.Store
	sessions *Sessions
	issuer   string // the name authenticator apps show beside a code
	webauthn *webauthn.WebAuthn
	sealer   *totpSealer
}

// NewSecondFactors returns the second-factor rules. Passkeys are bound to the
// host of baseURL (its WebAuthn relying party id) and to its origin. TOTP
// secrets are encrypted under a key derived from secret; those sealed under
// one of the previous secrets still open, and are sealed again on next use.
func NewSecondFactors(st *store.Store, sessions *Sessions, issuer, baseURL string, secret []byte, previous ...[]byte) (*SecondFactors, error) {
	wa, err := newWebAuthn(issuer, baseURL)
	if err != nil {
		return nil, err
	}
	sealer, err := newTOTPSealer(secret, previous...)
	if err != nil {
		return nil, err
	}
	return &SecondFactors{store: st, sessions: sessions, issuer: issuer, webauthn: wa, sealer: sealer}, nil
}

// Factors lists the account's TOTP secret and passkeys.
func (f *SecondFactors) Factors(ctx context.Context, userID int64) ([]model.SecondFactor, error) {
	return f.store.SecondFactors(ctx, userID)
}

// RecoveryCodesLeft counts the account's unused recovery codes.
func (f *SecondFactors) RecoveryCodesLeft(ctx context.Context, userID int64) (int64, error) {
	return f.store.RecoveryCodesLeft(ctx, userID)
}

// attempt counts one second-factor attempt of the account against its limit.
func (f *SecondFactors) attempt(ctx context.Context, userID int64) error {
	ok, wait, err := f.store.Hit(ctx, "2fa:user:"+strconv.FormatInt(userID, 10), factorWindow, factorAttempts)
	if err != nil {
		return err
	}
	if !ok {
		return &model.RateLimitError{RetryAfter: wait}
	}
	return nil
}

// MayChange reports whether the session may add or remove a factor: freely
// while the account has none (its first is being set up), otherwise only with
// a second factor proved in the last RecentSignIn.
func (f *SecondFactors) MayChange(ctx context.Context, si *model.SignedIn) (bool, error) {
	if f.sessions.FreshFactor(si) {
		return true, nil
	}
	fs, err := f.store.SecondFactors(ctx, si.User.ID)
	return len(fs) == 0, err
}

// Remove deletes one of the account's factors, with a fresh second factor; the
// recovery codes go with the last one.
func (f *SecondFactors) Remove(ctx context.Context, si *model.SignedIn, id int64) error {
	if ok, err := f.MayChange(ctx, si); err != nil || !ok {
		return errors.Join(err, model.ErrSecondFactorDue)
	}
	uid := si.User.ID
	return f.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.DeleteSecondFactor(ctx, uid, id); err != nil {
			return err
		}
		left, err := tx.SecondFactors(ctx, uid)
		if err != nil {
			return err
		}
		if len(left) == 0 {
			if err := tx.DeleteRecoveryCodes(ctx, uid); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, &uid, "user.factor.remove", "user", strconv.FormatInt(uid, 10),
			map[string]any{"factor": id}, nil)
	})
}

// add stores a new factor with its audit entry and, when it is the account's
// first, returns a fresh set of recovery codes to show once.
func (f *SecondFactors) add(ctx context.Context, uid int64, sf *model.SecondFactor) ([]string, error) {
	var codes []string
	err := f.store.Tx(ctx, func(tx *store.Store) error {
		had, err := tx.SecondFactors(ctx, uid)
		if err != nil {
			return err
		}
		if err := tx.AddSecondFactor(ctx, sf); err != nil {
			return err
		}
		if len(had) == 0 {
			if codes, err = replaceRecoveryCodes(ctx, tx, uid, f.sessions.Now()); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, &uid, "user.factor.add", "user", strconv.FormatInt(uid, 10),
			nil, map[string]any{"factor": sf.ID, "kind": sf.Kind, "name": sf.Name})
	})
	return codes, err
}
