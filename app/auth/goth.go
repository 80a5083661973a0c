package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/markbates/goth"
	"github.com/markbates/goth/providers/github"
	"github.com/markbates/goth/providers/google"
	"github.com/markbates/goth/providers/microsoftonline"
	"golang.org/x/oauth2"

	"pilcrow/app/store"
)

// microsoftTokenURL is the token endpoint goth's microsoftonline provider uses.
const microsoftTokenURL = "https://login.microsoftonline.com/common/oauth2/v2.0/token"

// gothProvider drives a goth provider without gothic: goth builds the
// authorisation URL and fetches the profile, while we add PKCE and exchange the
// code ourselves, because goth's own exchange cannot send a code_verifier.
type gothProvider struct {
	goth     goth.Provider
	token    oauth2.Config
	client   *http.Client
	identify func(ctx context.Context, u goth.User, tok *oauth2.Token) (store.Identity, error)
}

func newGothProvider(gp goth.Provider, key, secret, callback string, ep oauth2.Endpoint, client *http.Client) *gothProvider {
	return &gothProvider{goth: gp, client: client,
		token: oauth2.Config{ClientID: key, ClientSecret: secret, RedirectURL: callback, Endpoint: ep}}
}

func (g *gothProvider) authURL(_ context.Context, f Flow) (string, error) {
	sess, err := g.goth.BeginAuth(f.State)
	if err != nil {
		return "", err
	}
	raw, err := sess.GetAuthURL()
	if err != nil {
		return "", err
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("code_challenge", oauth2.S256ChallengeFromVerifier(f.Verifier))
	q.Set("code_challenge_method", "S256")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func (g *gothProvider) exchange(ctx context.Context, code string, f Flow) (store.Identity, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, g.client)
	tok, err := g.token.Exchange(ctx, code, oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return store.Identity{}, err
	}
	if !tok.Valid() {
		return store.Identity{}, fmt.Errorf("%w: no access token", ErrIdentity)
	}
	// Every goth session of these providers has an AccessToken field: rebuilding it
	// this way lets goth fetch the profile as if it had exchanged the code itself.
	data, _ := json.Marshal(map[string]string{"AccessToken": tok.AccessToken})
	sess, err := g.goth.UnmarshalSession(string(data))
	if err != nil {
		return store.Identity{}, err
	}
	u, err := g.goth.FetchUser(sess)
	if err != nil && !errors.Is(err, github.ErrNoVerifiedGitHubPrimaryEmail) {
		return store.Identity{}, err
	}
	return g.identify(ctx, u, tok)
}

// newGitHub uses GitHub's verified primary email only: the profile's public
// email is whatever its owner typed, so it is stored but never trusted.
func newGitHub(gp *github.Provider, tokenURL, emailURL string, client *http.Client) *gothProvider {
	g := newGothProvider(gp, gp.ClientKey, gp.Secret, gp.CallbackURL, oauth2.Endpoint{TokenURL: tokenURL}, client)
	g.identify = func(ctx context.Context, u goth.User, tok *oauth2.Token) (store.Identity, error) {
		id := store.Identity{Subject: u.UserID, Email: u.Email, Name: firstNonEmpty(u.Name, u.NickName)}
		email, err := githubVerifiedEmail(ctx, client, emailURL, tok.AccessToken)
		if err != nil {
			return store.Identity{}, err
		}
		if email != "" {
			id.Email, id.EmailVerified = email, true
		}
		return id, nil
	}
	return g
}

// githubVerifiedEmail returns the account's primary email when GitHub has verified it.
func githubVerifiedEmail(ctx context.Context, client *http.Client, emailURL, accessToken string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, emailURL, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	req.Header.Set("Accept", "application/vnd.github+json")
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GitHub emails answered %d", resp.StatusCode)
	}
	var emails []struct {
		Email    string `json:"email"`
		Primary  bool   `json:"primary"`
		Verified bool   `json:"verified"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(nil, resp.Body, 1<<20)).Decode(&emails); err != nil {
		return "", err
	}
	for _, e := range emails {
		if e.Primary && e.Verified {
			return e.Email, nil
		}
	}
	return "", nil
}

// newGoogle trusts Google's email when its userinfo says verified_email.
func newGoogle(gp *google.Provider, client *http.Client) *gothProvider {
	g := newGothProvider(gp, gp.ClientKey, gp.Secret, gp.CallbackURL, google.Endpoint, client)
	g.identify = func(_ context.Context, u goth.User, _ *oauth2.Token) (store.Identity, error) {
		verified, _ := u.RawData["verified_email"].(bool)
		return store.Identity{Subject: u.UserID, Email: u.Email, Name: u.Name, EmailVerified: verified && u.Email != ""}, nil
	}
	return g
}

// newMicrosoft never trusts the email: Entra ID lets tenants set it to anything.
// The account is keyed on tenant and object id ("tid/oid"), read from the ID
// token: an object id alone is unique only within its tenant.
func newMicrosoft(gp *microsoftonline.Provider, tokenURL string, client *http.Client) *gothProvider {
	ep := oauth2.Endpoint{TokenURL: tokenURL}
	g := newGothProvider(gp, gp.ClientKey, gp.Secret, gp.CallbackURL, ep, client)
	g.identify = func(_ context.Context, u goth.User, tok *oauth2.Token) (store.Identity, error) {
		subject, err := microsoftSubject(tok, u.UserID)
		if err != nil {
			return store.Identity{}, err
		}
		return store.Identity{Subject: subject, Email: u.Email, Name: u.Name}, nil
	}
	return g
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
