package auth

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"pilcrow/app/model"
)

// Ceremony prefixes for WebAuthn challenges kept with the session.
const (
	ceremonyRegister = "webauthn-register:"
	ceremonyLogin    = "webauthn-login:"
)

// MaxPasskeyName bounds the name a person gives a passkey.
const MaxPasskeyName = 60

// newWebAuthn configures the relying party: its id is the host of the public
// URL, and only that origin may use the passkeys. WebAuthn needs a domain name:
// on a bare IP address it returns nil, and passkeys are not offered.
func newWebAuthn(name, baseURL string) (*webauthn.WebAuthn, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	if net.ParseIP(u.Hostname()) != nil {
		return nil, nil
	}
	return webauthn.New(&webauthn.Config{
		RPID: u.Hostname(), RPDisplayName: name, RPOrigins: []string{u.Scheme + "://" + u.Host},
		AuthenticatorSelection: protocol.AuthenticatorSelection{
			ResidentKey: protocol.ResidentKeyRequirementPreferred, UserVerification: protocol.VerificationPreferred},
	})
}

// PasskeysOffered reports whether passkeys work here: the public URL has a
// domain name, as WebAuthn requires.
func (f *SecondFactors) PasskeysOffered() bool { return f.webauthn != nil }

// passkeyUser is an account as WebAuthn sees it: its handle is the account id,
// which says nothing about the person.
type passkeyUser struct {
	u     *model.User
	creds []webauthn.Credential
	ids   []int64 // the second_factors row of each credential
}

func (p *passkeyUser) WebAuthnID() []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(p.u.ID))
}
func (p *passkeyUser) WebAuthnName() string                       { return accountName(p.u) }
func (p *passkeyUser) WebAuthnDisplayName() string                { return p.u.DisplayName }
func (p *passkeyUser) WebAuthnCredentials() []webauthn.Credential { return p.creds }

// passkeyUserOf loads the account's passkeys.
func (f *SecondFactors) passkeyUserOf(ctx context.Context, u *model.User) (*passkeyUser, error) {
	fs, err := f.store.SecondFactors(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	pu := &passkeyUser{u: u}
	for _, sf := range fs {
		if sf.Kind != model.FactorPasskey {
			continue
		}
		var c webauthn.Credential
		if err := json.Unmarshal([]byte(sf.Secret), &c); err != nil {
			return nil, fmt.Errorf("passkey %d: %w", sf.ID, err)
		}
		pu.creds, pu.ids = append(pu.creds, c), append(pu.ids, sf.ID)
	}
	return pu, nil
}

// BeginPasskeyRegistration returns the options for navigator.credentials.create,
// keeping the challenge with the session.
func (f *SecondFactors) BeginPasskeyRegistration(ctx context.Context, si *model.SignedIn) (*protocol.CredentialCreation, error) {
	if !f.PasskeysOffered() {
		return nil, model.ErrNotFound
	}
	if ok, err := f.MayChange(ctx, si); err != nil || !ok {
		return nil, errors.Join(err, model.ErrSecondFactorDue)
	}
	pu, err := f.passkeyUserOf(ctx, si.User)
	if err != nil {
		return nil, err
	}
	opts, data, err := f.webauthn.BeginRegistration(pu, webauthn.WithExclusions(webauthn.Credentials(pu.creds).CredentialDescriptors()))
	if err != nil {
		return nil, err
	}
	return opts, f.keepChallenge(ctx, si, ceremonyRegister, data)
}

// FinishPasskeyRegistration checks the authenticator's answer in r's body and
// stores the passkey under name. The session counts as having proved it.
func (f *SecondFactors) FinishPasskeyRegistration(ctx context.Context, si *model.SignedIn, name string, r *http.Request) ([]string, error) {
	if !f.PasskeysOffered() {
		return nil, model.ErrNotFound
	}
	data, err := challenge(si, ceremonyRegister)
	if err != nil {
		return nil, err
	}
	if err := f.attempt(ctx, si.User.ID); err != nil {
		return nil, err
	}
	pu, err := f.passkeyUserOf(ctx, si.User)
	if err != nil {
		return nil, err
	}
	cred, err := f.webauthn.FinishRegistration(pu, *data, r)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrBadCode, safeReason(err))
	}
	raw, err := json.Marshal(cred)
	if err != nil {
		return nil, err
	}
	sf := &model.SecondFactor{UserID: si.User.ID, Kind: model.FactorPasskey, Name: passkeyName(name),
		Secret: string(raw), CredentialID: base64.RawURLEncoding.EncodeToString(cred.ID), CreatedAt: f.sessions.Now().UTC()}
	return f.add(ctx, si.User.ID, sf)
}

// passkeyName is the name given, trimmed and cut to MaxPasskeyName, or "Passkey".
func passkeyName(name string) string {
	name = strings.TrimSpace(strings.ToValidUTF8(name, ""))
	if r := []rune(name); len(r) > MaxPasskeyName {
		name = string(r[:MaxPasskeyName])
	}
	if name == "" || strings.ContainsFunc(name, model.IsControl) {
		return "Passkey"
	}
	return name
}

// BeginPasskeyLogin returns the options for navigator.credentials.get, for the
// account's own passkeys, keeping the challenge with the session.
func (f *SecondFactors) BeginPasskeyLogin(ctx context.Context, si *model.SignedIn) (*protocol.CredentialAssertion, error) {
	if !f.PasskeysOffered() {
		return nil, model.ErrNotFound
	}
	pu, err := f.passkeyUserOf(ctx, si.User)
	if err != nil {
		return nil, err
	}
	if len(pu.creds) == 0 {
		return nil, model.ErrNotFound
	}
	opts, data, err := f.webauthn.BeginLogin(pu)
	if err != nil {
		return nil, err
	}
	return opts, f.keepChallenge(ctx, si, ceremonyLogin, data)
}

// FinishPasskeyLogin checks the authenticator's signature in r's body against
// the account's passkeys, and stores the passkey's new signature counter.
func (f *SecondFactors) FinishPasskeyLogin(ctx context.Context, si *model.SignedIn, r *http.Request) error {
	if !f.PasskeysOffered() {
		return model.ErrNotFound
	}
	data, err := challenge(si, ceremonyLogin)
	if err != nil {
		return err
	}
	if err := f.attempt(ctx, si.User.ID); err != nil {
		return err
	}
	pu, err := f.passkeyUserOf(ctx, si.User)
	if err != nil {
		return err
	}
	cred, err := f.webauthn.FinishLogin(pu, *data, r)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrBadCode, safeReason(err))
	}
	if cred.Authenticator.CloneWarning {
		return fmt.Errorf("%w: signature counter went backwards", ErrBadCode)
	}
	for i, c := range pu.creds {
		if string(c.ID) == string(cred.ID) {
			raw, err := json.Marshal(cred)
			if err != nil {
				return err
			}
			return f.store.PasskeyUsed(ctx, pu.ids[i], string(raw), f.sessions.Now())
		}
	}
	return ErrBadCode
}

// keepChallenge stores a ceremony's session data with the session.
func (f *SecondFactors) keepChallenge(ctx context.Context, si *model.SignedIn, prefix string, data *webauthn.SessionData) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return f.sessions.setCeremony(ctx, si, prefix+string(raw))
}

// challenge reads back the ceremony of kind prefix kept with the session.
func challenge(si *model.SignedIn, prefix string) (*webauthn.SessionData, error) {
	raw, ok := strings.CutPrefix(si.Session.Ceremony, prefix)
	if !ok {
		return nil, ErrBadCode
	}
	var data webauthn.SessionData
	if err := json.Unmarshal([]byte(raw), &data); err != nil {
		return nil, ErrBadCode
	}
	return &data, nil
}
