package auth

import (
	"errors"
	"time"

	"golang.org/x/oauth2"
)

// StateLifetime bounds a sign-in in progress: a state older than this is refused.
const StateLifetime = 10 * time.Minute

// The ways an OAuth sign-in fails. The web layer shows each as its own message
// and logs it; none of them carries a code, a token or the state.
var (
	// ErrState is a callback whose state is unknown, expired, already used,
	// tampered with, or not the one this browser started.
	ErrState = errors.New("sign-in state is unknown, expired, used or not this browser's")
	// ErrDenied is the provider, or the person, refusing the sign-in.
	ErrDenied = errors.New("the provider refused the sign-in")
	// ErrIdentity is a code exchange or an ID token that failed, so nobody is vouched for.
	ErrIdentity = errors.New("the provider's answer could not be verified")
	// ErrUnavailable is a provider that could not be reached.
	ErrUnavailable = errors.New("the provider could not be reached")
	// ErrUnknownProvider is a provider this deployment does not offer.
	ErrUnknownProvider = errors.New("no such sign-in provider")
)

// Flow is the secret part of one sign-in in progress: the state that ties the
// callback to this start, the OpenID Connect nonce that ties the ID token to it,
// and the PKCE verifier that ties the code to it. All three live server-side.
type Flow struct {
	State, Nonce, Verifier string
}

// NewFlow returns a flow with fresh random values.
func NewFlow() (Flow, error) {
	state, err := randomToken()
	if err != nil {
		return Flow{}, err
	}
	nonce, err := randomToken()
	if err != nil {
		return Flow{}, err
	}
	return Flow{State: state, Nonce: nonce, Verifier: oauth2.GenerateVerifier()}, nil
}
