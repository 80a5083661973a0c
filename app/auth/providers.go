package auth

import "pilcrow/config"

// ProviderButton is one way to sign in, as the sign-in page lists it.
type ProviderButton struct {
	Name  string // the {provider} of /auth/{provider}
	Label string
}

// Providers holds the OAuth providers this deployment offers.
type Providers struct {
	buttons []ProviderButton
}

// NewProviders offers each provider whose credentials are configured.
func NewProviders(cfg *config.Config) (*Providers, error) {
	p := &Providers{}
	labels := map[string]string{"github": "GitHub", "google": "Google", "microsoftonline": "Microsoft", "oidc": cfg.Providers.OIDCName}
	for _, name := range cfg.ProviderNames() {
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
