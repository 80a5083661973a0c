package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/markbates/goth/providers/github"
	"github.com/markbates/goth/providers/google"
	"github.com/markbates/goth/providers/microsoftonline"

	"pilcrow/app/store"
	"pilcrow/config"
)

// ProviderButton is one way to sign in, as the sign-in page lists it.
type ProviderButton struct {
	Name  string // the {provider} of /auth/{provider}
	Label string
}

// provider is one OAuth or OpenID Connect provider: it builds the authorisation
// URL for a flow and turns the code that comes back into a verified identity.
type provider interface {
	authURL(ctx context.Context, f Flow) (string, error)
	exchange(ctx context.Context, code string, f Flow) (store.Identity, error)
}

// Providers holds the OAuth providers this deployment offers. It is our own map
// rather than goth's global registry, so that each app (and each test) has its own.
type Providers struct {
	buttons []ProviderButton
	byName  map[string]provider
}

// NewProviders offers each provider whose credentials are configured. It makes no
// network call: the OpenID Connect discovery document is fetched at first use, so
// an identity provider that is down cannot stop Pilcrow from starting.
func NewProviders(cfg *config.Config) (*Providers, error) {
	client := &http.Client{Timeout: 10 * time.Second}
	p := &Providers{byName: map[string]provider{}}
	pc := cfg.Providers
	labels := map[string]string{"github": "GitHub", "google": "Google", "microsoftonline": "Microsoft", "oidc": pc.OIDCName}
	for _, name := range cfg.ProviderNames() {
		callback := cfg.BaseURL.String() + "/auth/" + name + "/callback"
		switch name {
		case "github":
			gp := github.New(pc.GitHubKey, pc.GitHubSecret, callback, "read:user", "user:email")
			gp.HTTPClient = client
			p.byName[name] = newGitHub(gp, github.TokenURL, github.EmailURL, client)
		case "google":
			gp := google.New(pc.GoogleKey, pc.GoogleSecret, callback, "openid", "email", "profile")
			gp.HTTPClient = client
			p.byName[name] = newGoogle(gp, client)
		case "microsoftonline":
			gp := microsoftonline.New(pc.MicrosoftKey, pc.MicrosoftSecret, callback, "openid", "profile", "email", "User.Read")
			gp.HTTPClient = client
			p.byName[name] = newMicrosoft(gp, microsoftTokenURL, client)
		case "oidc":
			op, err := newOIDC(pc.OIDCIssuer, pc.OIDCClientID, pc.OIDCClientSecret, callback, cfg.OIDCPrivateKey, cfg.OIDCAssertionAudience, client)
			if err != nil {
				return nil, err
			}
			op.mfa = cfg.OIDCMFA
			p.byName[name] = op
		default:
			continue
		}
		label := labels[name]
		if label == "" {
			label = "OpenID Connect"
		}
		p.buttons = append(p.buttons, ProviderButton{Name: name, Label: label})
	}
	return p, nil
}

// Buttons lists the configured providers in display order.
func (p *Providers) Buttons() []ProviderButton { return p.buttons }

// Has reports whether the provider is offered.
func (p *Providers) Has(name string) bool {
	_, ok := p.byName[name]
	return ok
}

// Label returns the provider's name as people know it, or "" when it is not offered.
func (p *Providers) Label(name string) string {
	for _, b := range p.buttons {
		if b.Name == name {
			return b.Label
		}
	}
	return ""
}

// AuthURL returns where to send the browser to start the flow f with the provider.
func (p *Providers) AuthURL(ctx context.Context, name string, f Flow) (string, error) {
	pr, ok := p.byName[name]
	if !ok {
		return "", ErrUnknownProvider
	}
	return pr.authURL(ctx, f)
}

// Exchange turns the code of the callback into the identity the provider vouches
// for, checking everything the flow f promised. Errors wrap ErrIdentity,
// ErrUnavailable or ErrUnknownProvider.
func (p *Providers) Exchange(ctx context.Context, name, code string, f Flow) (store.Identity, error) {
	pr, ok := p.byName[name]
	if !ok {
		return store.Identity{}, ErrUnknownProvider
	}
	if code == "" || len(code) > 4096 {
		return store.Identity{}, fmt.Errorf("%w: no usable code", ErrIdentity)
	}
	id, err := pr.exchange(ctx, code, f)
	if err != nil {
		if !errors.Is(err, ErrIdentity) && !errors.Is(err, ErrUnavailable) {
			err = fmt.Errorf("%w: %s", ErrIdentity, safeReason(err))
		}
		return store.Identity{}, err
	}
	if id.Subject == "" {
		return store.Identity{}, fmt.Errorf("%w: no subject", ErrIdentity)
	}
	id.Provider = name
	return id, nil
}
