package auth

import (
	"context"
	"net/http"

	"pilcrow/app/model"
)

// Prove records that the session si proved a second factor by method. The
// session gets a brand-new token, as at sign-in, because it now carries staff
// powers; its sign-in time and expiry stay.
func (s *Sessions) Prove(ctx context.Context, w http.ResponseWriter, si *model.SignedIn, method string) error {
	token, err := randomToken()
	if err != nil {
		return err
	}
	if err := s.store.ProveSecondFactor(ctx, si.Session.TokenHash, hashToken(token), method, s.Now()); err != nil {
		return err
	}
	maxAge := int(si.Session.ExpiresAt.Sub(s.Now()).Seconds())
	http.SetCookie(w, s.cookie(token, max(maxAge, 1)))
	return nil
}

// FreshFactor reports whether the session proved a second factor within
// RecentSignIn, as adding or removing a factor requires.
func (s *Sessions) FreshFactor(si *model.SignedIn) bool {
	at := si.Session.SecondFactorAt
	return si.Session.SecondFactor != "" && at != nil && s.Now().Sub(*at) < RecentSignIn
}

// setCeremony keeps a second-factor ceremony in progress with the session.
func (s *Sessions) setCeremony(ctx context.Context, si *model.SignedIn, ceremony string) error {
	si.Session.Ceremony = ceremony
	return s.store.SetCeremony(ctx, si.Session.TokenHash, ceremony)
}
