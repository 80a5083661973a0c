package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"pilcrow/app/model"
)

// totpPeriod is the life of a TOTP code; one period either side is accepted
// for clocks that drift.
const totpPeriod = 30

// ceremonyTOTP prefixes the otpauth URL of a TOTP secret being set up, kept
// with the session, sealed like a stored secret, until a code confirms it.
const ceremonyTOTP = "totp:"

// TOTPSetup is a TOTP secret being set up: its key for authenticator apps.
type TOTPSetup struct {
	Secret string // base32, for typing in by hand
	URL    string // otpauth:// URL, which the QR code carries
}

// BeginTOTP starts setting up TOTP for the session's account, or continues
// the set-up already in progress so that reloading the page keeps the secret.
func (f *SecondFactors) BeginTOTP(ctx context.Context, si *model.SignedIn) (*TOTPSetup, error) {
	if ok, err := f.MayChange(ctx, si); err != nil || !ok {
		return nil, errors.Join(err, model.ErrSecondFactorDue)
	}
	if err := f.noTOTPYet(ctx, si.User.ID); err != nil {
		return nil, err
	}
	if setup, ok := f.setupFromURL(si); ok {
		return setup, nil
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: f.issuer, AccountName: accountName(si.User)})
	if err != nil {
		return nil, err
	}
	sealed, err := f.sealer.seal(si.User.ID, key.URL())
	if err != nil {
		return nil, err
	}
	if err := f.sessions.setCeremony(ctx, si, ceremonyTOTP+sealed); err != nil {
		return nil, err
	}
	return &TOTPSetup{Secret: key.Secret(), URL: key.URL()}, nil
}

// setupFromURL reads the set-up kept with the session (the key's otpauth URL).
func (f *SecondFactors) setupFromURL(si *model.SignedIn) (*TOTPSetup, bool) {
	stored, ok := strings.CutPrefix(si.Session.Ceremony, ceremonyTOTP)
	if !ok {
		return nil, false
	}
	raw, _, err := f.sealer.open(si.User.ID, stored)
	if err != nil {
		return nil, false
	}
	key, err := otp.NewKeyFromURL(raw)
	if err != nil {
		return nil, false
	}
	return &TOTPSetup{Secret: key.Secret(), URL: key.URL()}, true
}

// noTOTPYet refuses to set up a second authenticator app (model.ErrConflict):
// an account has one, which it removes before setting up another.
func (f *SecondFactors) noTOTPYet(ctx context.Context, userID int64) error {
	fs, err := f.store.SecondFactors(ctx, userID)
	if err != nil {
		return err
	}
	for _, sf := range fs {
		if sf.Kind == model.FactorTOTP {
			return model.ErrConflict
		}
	}
	return nil
}

// accountName is what an authenticator app lists the code under.
func accountName(u *model.User) string {
	if u.Email != "" {
		return u.Email
	}
	return u.DisplayName
}

// ConfirmTOTP finishes setting up TOTP with a code from the app, which proves
// the app holds the secret. The session then counts as having proved TOTP; the
// recovery codes returned, on a first factor, are shown once.
func (f *SecondFactors) ConfirmTOTP(ctx context.Context, si *model.SignedIn, code string) ([]string, error) {
	setup, ok := f.setupFromURL(si)
	if !ok {
		return nil, ErrBadCode
	}
	secret := setup.Secret
	if err := f.attempt(ctx, si.User.ID); err != nil {
		return nil, err
	}
	if err := f.noTOTPYet(ctx, si.User.ID); err != nil {
		return nil, err
	}
	step, ok := matchTOTP(secret, code, f.sessions.Now())
	if !ok {
		return nil, ErrBadCode
	}
	sealed, err := f.sealer.seal(si.User.ID, secret)
	if err != nil {
		return nil, err
	}
	sf := &model.SecondFactor{UserID: si.User.ID, Kind: model.FactorTOTP, Name: "Authenticator app",
		Secret: sealed, LastStep: step, CreatedAt: f.sessions.Now().UTC()}
	return f.add(ctx, si.User.ID, sf)
}

// VerifyTOTP checks a code from the account's authenticator app. A code is
// accepted once: its time step is recorded, and no code of that step or an
// earlier one is accepted again.
func (f *SecondFactors) VerifyTOTP(ctx context.Context, userID int64, code string) error {
	if err := f.attempt(ctx, userID); err != nil {
		return err
	}
	fs, err := f.store.SecondFactors(ctx, userID)
	if err != nil {
		return err
	}
	now := f.sessions.Now()
	for _, sf := range fs {
		if sf.Kind != model.FactorTOTP {
			continue
		}
		secret, stale, err := f.sealer.open(userID, sf.Secret)
		if err != nil {
			return err
		}
		step, ok := matchTOTP(secret, code, now)
		if !ok {
			return ErrBadCode
		}
		if fresh, err := f.store.AcceptTOTPStep(ctx, sf.ID, step, now); err != nil || !fresh {
			return errors.Join(err, ErrBadCode)
		}
		if stale {
			return f.reseal(ctx, userID, sf.ID, secret)
		}
		return nil
	}
	return ErrBadCode
}

// reseal stores the account's TOTP secret sealed under the current key: a
// secret kept plain before encryption, or sealed under a previous session
// secret, is upgraded the first time a code proves it.
func (f *SecondFactors) reseal(ctx context.Context, userID, id int64, secret string) error {
	sealed, err := f.sealer.seal(userID, secret)
	if err != nil {
		return err
	}
	return f.store.SetFactorSecret(ctx, id, sealed)
}

// matchTOTP returns the time step whose code is code, looking one step either
// side of now.
func matchTOTP(secret, code string, now time.Time) (int64, bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != 6 {
		return 0, false
	}
	opts := totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}
	for _, d := range []int64{0, -1, 1} {
		t := now.Add(time.Duration(d*totpPeriod) * time.Second)
		want, err := totp.GenerateCodeCustom(secret, t, opts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return t.Unix() / totpPeriod, true
		}
	}
	return 0, false
}
