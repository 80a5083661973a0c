package auth

import (
	"context"
	"crypto"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-jose/go-jose/v4"
	"golang.org/x/oauth2"

	"pilcrow/app/store"
	"pilcrow/config"
)

// oidcProvider is the generic OpenID Connect provider. It does not use goth's
// openidConnect package, which verifies no ID-token signature, sends no nonce,
// panics on an ID token without exp and cannot authenticate with private_key_jwt:
// go-oidc verifies the token against the provider's published keys instead.
type oidcProvider struct {
	issuer, clientID, secret, redirect string
	client                             *http.Client
	key                                crypto.Signer // set for private_key_jwt
	alg                                jose.SignatureAlgorithm
	kid                                string // RFC 7638 thumbprint of the key's public half
	audience                           string // config.AudienceTokenEndpoint or config.AudienceIssuer
	mfa                                config.OIDCMFA

	mu       sync.Mutex
	provider *oidc.Provider
}

func newOIDC(issuer, clientID, secret, redirect, keyFile, audience string, client *http.Client) (*oidcProvider, error) {
	o := &oidcProvider{issuer: issuer, clientID: clientID, secret: secret, redirect: redirect, client: client, audience: audience}
	if keyFile != "" {
		key, alg, err := loadSigningKey(keyFile)
		if err != nil {
			return nil, fmt.Errorf("PILCROW_OIDC_PRIVATE_KEY_FILE: %w", err)
		}
		if o.kid, err = keyID(key.Public()); err != nil {
			return nil, fmt.Errorf("PILCROW_OIDC_PRIVATE_KEY_FILE: %w", err)
		}
		o.key, o.alg = key, alg
	}
	return o, nil
}

// discover fetches the discovery document once; a failure is retried at the next
// sign-in rather than remembered.
func (o *oidcProvider) discover(ctx context.Context) (*oidc.Provider, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return o.provider, nil
	}
	p, err := o.newProvider(ctx)
	if err != nil {
		return nil, err
	}
	o.provider = p
	return p, nil
}

func (o *oidcProvider) config(p *oidc.Provider) oauth2.Config {
	c := oauth2.Config{ClientID: o.clientID, ClientSecret: o.secret, RedirectURL: o.redirect,
		Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
	if o.key != nil {
		// With private_key_jwt the signed assertion replaces the secret, sent in the body.
		c.ClientSecret = ""
		c.Endpoint.AuthStyle = oauth2.AuthStyleInParams
	}
	return c
}

func (o *oidcProvider) authURL(ctx context.Context, f Flow) (string, error) {
	p, err := o.discover(ctx)
	if err != nil {
		return "", err
	}
	c := o.config(p)
	opts := []oauth2.AuthCodeOption{oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)}
	if len(o.mfa.ACRValues) > 0 {
		opts = append(opts, oauth2.SetAuthURLParam("acr_values", strings.Join(o.mfa.ACRValues, " ")))
	}
	return c.AuthCodeURL(f.State, opts...), nil
}

func (o *oidcProvider) exchange(ctx context.Context, code string, f Flow) (store.Identity, error) {
	p, err := o.discover(ctx)
	if err != nil {
		return store.Identity{}, err
	}
	ctx = oidc.ClientContext(ctx, o.client)
	c := o.config(p)
	opts := []oauth2.AuthCodeOption{oauth2.VerifierOption(f.Verifier)}
	if o.key != nil {
		aud := c.Endpoint.TokenURL
		if o.audience == config.AudienceIssuer {
			aud = o.issuer // zitadel and Auth0 want the issuer; GOV.UK One Login the token endpoint
		}
		assertion, err := o.clientAssertion(aud)
		if err != nil {
			return store.Identity{}, err
		}
		opts = append(opts, oauth2.SetAuthURLParam("client_assertion_type", clientAssertionType),
			oauth2.SetAuthURLParam("client_assertion", assertion))
	}
	tok, err := c.Exchange(ctx, code, opts...)
	if err != nil {
		return store.Identity{}, fmt.Errorf("%w: %s", ErrIdentity, safeReason(err))
	}
	idt, err := o.verify(ctx, p, tok, f)
	if err != nil {
		return store.Identity{}, err
	}
	return o.identity(ctx, p, tok, idt)
}

// verify checks the ID token's signature, issuer, audience, expiry and nonce.
func (o *oidcProvider) verify(ctx context.Context, p *oidc.Provider, tok *oauth2.Token, f Flow) (*oidc.IDToken, error) {
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return nil, fmt.Errorf("%w: no ID token", ErrIdentity)
	}
	idt, err := p.Verifier(&oidc.Config{ClientID: o.clientID}).Verify(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("%w: ID token: %s", ErrIdentity, safeReason(err))
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.Nonce)) != 1 {
		return nil, fmt.Errorf("%w: ID token nonce does not match", ErrIdentity)
	}
	var azp struct {
		AZP string `json:"azp"`
	}
	_ = idt.Claims(&azp)
	if len(idt.Audience) > 1 && azp.AZP != o.clientID {
		return nil, fmt.Errorf("%w: ID token for several audiences without our azp", ErrIdentity)
	}
	return idt, nil
}

// profile is the part of the standard claims an account uses.
type profile struct {
	Subject           string          `json:"sub"`
	Email             string          `json:"email"`
	EmailVerified     json.RawMessage `json:"email_verified"`
	Name              string          `json:"name"`
	GivenName         string          `json:"given_name"`
	FamilyName        string          `json:"family_name"`
	PreferredUsername string          `json:"preferred_username"`
}

// identity reads the claims from the ID token, or from the userinfo endpoint when
// the ID token carries no email (GOV.UK One Login puts it only there).
func (o *oidcProvider) identity(ctx context.Context, p *oidc.Provider, tok *oauth2.Token, idt *oidc.IDToken) (store.Identity, error) {
	var c profile
	if err := idt.Claims(&c); err != nil {
		return store.Identity{}, fmt.Errorf("%w: ID token claims", ErrIdentity)
	}
	if c.Email == "" && p.UserInfoEndpoint() != "" {
		ui, err := p.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		if err != nil {
			return store.Identity{}, fmt.Errorf("%w: userinfo: %s", ErrIdentity, safeReason(err))
		}
		var u profile
		if err := ui.Claims(&u); err != nil || u.Subject != idt.Subject {
			// The spec requires this check: userinfo for another subject is an attack.
			return store.Identity{}, fmt.Errorf("%w: userinfo subject does not match", ErrIdentity)
		}
		c.Email, c.EmailVerified = u.Email, u.EmailVerified
		c.Name = firstNonEmpty(c.Name, u.Name)
		c.GivenName, c.FamilyName = firstNonEmpty(c.GivenName, u.GivenName), firstNonEmpty(c.FamilyName, u.FamilyName)
	}
	name := firstNonEmpty(c.Name, joinName(c.GivenName, c.FamilyName), c.PreferredUsername)
	return store.Identity{Subject: idt.Subject, Email: c.Email, Name: name,
		EmailVerified: c.Email != "" && isTrue(c.EmailVerified), SecondFactor: o.secondFactor(idt)}, nil
}

// isTrue accepts email_verified as a JSON boolean or, as some providers send it, a string.
func isTrue(raw json.RawMessage) bool {
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return b
	}
	var s string
	return json.Unmarshal(raw, &s) == nil && s == "true"
}

func joinName(given, family string) string {
	if given == "" || family == "" {
		return given + family
	}
	return given + " " + family
}
