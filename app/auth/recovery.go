package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// RecoveryCodeCount is how many recovery codes an account gets at a time.
const RecoveryCodeCount = 10

// newRecoveryCode returns a code of 80 random bits, as four groups of four
// letters and digits: too many to guess, so a plain SHA-256 keeps it safe.
func newRecoveryCode() (string, error) {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	s := strings.ToLower(base32.StdEncoding.EncodeToString(b))
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16], nil
}

// hashRecoveryCode is what the database keeps of a code, whatever the case,
// spaces and hyphens it is typed with.
func hashRecoveryCode(code string) string {
	code = strings.ToLower(strings.Join(strings.FieldsFunc(code, func(r rune) bool { return r == '-' || r == ' ' }), ""))
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}

// replaceRecoveryCodes gives the account a fresh set of codes, returning them.
func replaceRecoveryCodes(ctx context.Context, tx *store.Store, uid int64, now time.Time) ([]string, error) {
	codes := make([]string, RecoveryCodeCount)
	hashes := make([]string, RecoveryCodeCount)
	for i := range codes {
		c, err := newRecoveryCode()
		if err != nil {
			return nil, err
		}
		codes[i], hashes[i] = c, hashRecoveryCode(c)
	}
	return codes, tx.ReplaceRecoveryCodes(ctx, uid, hashes, now)
}

// NewRecoveryCodes replaces the account's recovery codes, with a fresh second
// factor, and returns the new ones to show once.
func (f *SecondFactors) NewRecoveryCodes(ctx context.Context, si *model.SignedIn) ([]string, error) {
	if !f.sessions.FreshFactor(si) {
		return nil, model.ErrSecondFactorDue
	}
	uid := si.User.ID
	var codes []string
	err := f.store.Tx(ctx, func(tx *store.Store) error {
		var err error
		if codes, err = replaceRecoveryCodes(ctx, tx, uid, f.sessions.Now()); err != nil {
			return err
		}
		return tx.Audit(ctx, &uid, "user.factor.recovery", "user", strconv.FormatInt(uid, 10), nil, nil)
	})
	return codes, err
}

// UseRecoveryCode accepts one of the account's unused recovery codes, once.
func (f *SecondFactors) UseRecoveryCode(ctx context.Context, userID int64, code string) error {
	if err := f.attempt(ctx, userID); err != nil {
		return err
	}
	ok, err := f.store.UseRecoveryCode(ctx, userID, hashRecoveryCode(code), f.sessions.Now())
	if err != nil {
		return err
	}
	if !ok {
		return ErrBadCode
	}
	return f.store.Audit(ctx, &userID, "user.factor.recovery.used", "user", strconv.FormatInt(userID, 10), nil, nil)
}
