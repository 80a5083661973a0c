package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	mrand "math/rand/v2"
	"net"
	"net/mail"
	"strings"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// EmailProvider is the provider of accounts that sign in with a link sent by
// email; the subject is the address, in lower case.
const EmailProvider = "emaillink"

// LinkLifetime is how long a sign-in link works.
const LinkLifetime = 15 * time.Minute

// Limits on asking for links: per address, so nobody can flood someone's inbox,
// and per network (a /24 or a /56), so nobody can flood everyone's.
const (
	linksPerAddress = 5
	linksPerNetwork = 50
	linkWindow      = time.Hour
)

// ErrBadEmail is an address that is not one.
var ErrBadEmail = errors.New("invalid email address")

// EmailLinks sends and checks sign-in links.
type EmailLinks struct {
	Store *store.Store
	Now   func() time.Time
}

// NormaliseEmail checks an address typed on the form and returns it in lower case.
func NormaliseEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s || len(s) > 254 || !strings.Contains(s[strings.IndexByte(s, '@'):], ".") {
		return "", ErrBadEmail
	}
	return s, nil
}

// Send makes a single-use link for the address and queues the mail that
// carries it, in one transaction. It does the same whether or not an account
// has the address, so the answer tells nobody which addresses have one. Too
// many requests for one address or from one network are a *model.RateLimitError.
func (l *EmailLinks) Send(ctx context.Context, email, ip, next, lang string) error {
	ok, wait, err := l.Store.HitAll(ctx, []store.Counter{
		{Key: "emaillink:address:" + email, Window: linkWindow, Limit: linksPerAddress},
		{Key: "emaillink:network:" + network(ip), Window: linkWindow, Limit: linksPerNetwork},
	})
	if err != nil {
		return err
	}
	if !ok {
		return &model.RateLimitError{RetryAfter: wait}
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	now := l.Now().UTC()
	params, err := json.Marshal(model.MailParams{Token: token})
	if err != nil {
		return err
	}
	return l.Store.Tx(ctx, func(tx *store.Store) error {
		err := tx.CreateEmailSignIn(ctx, &model.EmailSignIn{TokenHash: HashLinkToken(token), Email: email,
			Next: SafeNext(next), Language: lang, CreatedAt: now, ExpiresAt: now.Add(LinkLifetime)})
		if err != nil {
			return err
		}
		return tx.EnqueueMail(ctx, &model.Mail{Kind: model.MailSignIn, Address: email, Language: lang, Params: string(params)})
	})
}

// Check returns the link's sign-in when it is unused and unexpired, without using it.
func (l *EmailLinks) Check(ctx context.Context, token string) (*model.EmailSignIn, error) {
	if !tokenShaped(token) {
		return nil, model.ErrNotFound
	}
	return l.Store.EmailSignIn(ctx, HashLinkToken(token), l.Now())
}

// Take uses up the link and returns the identity it vouches for: the address,
// verified, since only its owner could read the link.
func (l *EmailLinks) Take(ctx context.Context, token string) (*model.EmailSignIn, store.Identity, error) {
	if !tokenShaped(token) {
		return nil, store.Identity{}, model.ErrNotFound
	}
	e, err := l.Store.TakeEmailSignIn(ctx, HashLinkToken(token), l.Now())
	if err != nil {
		return nil, store.Identity{}, err
	}
	if mrand.IntN(50) == 0 { // now and then, clear out links long expired
		_ = l.Store.DeleteOldEmailSignIns(ctx, l.Now().Add(-24*time.Hour))
	}
	return e, store.Identity{Provider: EmailProvider, Subject: e.Email, Email: e.Email, EmailVerified: true}, nil
}

// HashLinkToken is what the database keeps of a link's token.
func HashLinkToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// tokenShaped rejects anything that is not a token before it reaches the database.
func tokenShaped(t string) bool {
	b, err := base64.RawURLEncoding.DecodeString(t)
	return err == nil && len(b) == 32
}

// network is the address's /24 (IPv4) or /56 (IPv6): one household or office,
// whose addresses change but stay within it.
func network(ip string) string {
	a := net.ParseIP(ip)
	if a == nil {
		return ip
	}
	if v4 := a.To4(); v4 != nil {
		return v4.Mask(net.CIDRMask(24, 32)).String()
	}
	return a.Mask(net.CIDRMask(56, 128)).String()
}
