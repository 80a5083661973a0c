package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
)

// ErrIssuerMismatch is a provider that answered, but declares an issuer that
// PILCROW_OIDC_ISSUER does not name in any spelling: every sign-in would fail.
var ErrIssuerMismatch = errors.New("PILCROW_OIDC_ISSUER does not match the issuer its provider declares")

// StartupCheckTimeout bounds the discovery check at start-up, so an identity
// provider that is slow to answer delays start-up by seconds at most.
const StartupCheckTimeout = 3 * time.Second

// issuerForms are the spellings of an issuer to try, as written first. Providers
// differ (GOV.UK One Login's issuer ends in a slash, Keycloak's and Entra ID's do
// not) and the issuer must match the discovery document's exactly, so a slash
// too many or too few is forgiven rather than failing every sign-in.
func issuerForms(issuer string) []string {
	bare := strings.TrimRight(issuer, "/")
	out := []string{issuer}
	for _, f := range []string{bare, bare + "/"} {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// newProvider fetches the discovery document under each spelling of the issuer
// until one matches. A provider that cannot be reached is not asked again.
func (o *oidcProvider) newProvider(ctx context.Context) (*oidc.Provider, error) {
	var mismatch *oidc.IssuerMismatchError
	for _, issuer := range issuerForms(o.issuer) {
		p, err := oidc.NewProvider(oidc.ClientContext(ctx, o.client), issuer)
		if err == nil {
			o.issuer = issuer
			return p, nil
		}
		if !errors.As(err, &mismatch) {
			return nil, fmt.Errorf("%w: discovery: %s", ErrUnavailable, safeReason(err))
		}
	}
	return nil, fmt.Errorf("%w (it declares %q)", ErrIssuerMismatch, mismatch.Discovered)
}

// CheckDiscovery fetches the OpenID Connect discovery document once, within
// StartupCheckTimeout. ErrIssuerMismatch is a configuration mistake to refuse at
// start-up; any other error is a provider that may come back, to warn about.
func (p *Providers) CheckDiscovery(ctx context.Context) error {
	o, ok := p.byName["oidc"].(*oidcProvider)
	if !ok {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, StartupCheckTimeout)
	defer cancel()
	_, err := o.discover(ctx)
	return err
}
