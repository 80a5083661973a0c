// Package config reads Pilcrow's settings from the environment, as the contract
// lists them, and validates them all at once so a bad deployment stops at start-up
// with one line per problem.
package config

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is every setting Pilcrow reads from its environment.
type Config struct {
	Env            string // "development" or "production"
	Addr           string
	BaseURL        *url.URL
	DatabaseURL    string
	SessionSecret  []byte
	DevLogin       bool
	AutoMigrate    bool
	AdminEmails    []string
	ServiceName    string
	Organisation   string
	TimeZone       *time.Location
	FlagThreshold  int
	Providers      Providers
	OIDCPrivateKey string // path of a PEM file, for private_key_jwt
	// OIDCAssertionAudience is the aud of a private_key_jwt assertion:
	// "token_endpoint" (GOV.UK One Login) or "issuer" (zitadel, Auth0).
	OIDCAssertionAudience string
	// PreviousSessionSecrets still decrypt TOTP secrets sealed before the
	// session secret changed (PILCROW_PREVIOUS_SESSION_SECRETS, comma-separated).
	PreviousSessionSecrets [][]byte
	// OIDCMFA is what in an ID token counts as the provider's own second factor.
	OIDCMFA OIDCMFA
	// TrustedProxies are the peers whose X-Forwarded-For is believed.
	TrustedProxies []*net.IPNet
	Languages      []string // interface languages, English first: ["en"] or ["en", "cy"]
	Mail           Mail     // email: SMTP server, sender, sign-in by email
	// Retention is how long after a consultation closes its personal data is kept.
	Retention Retention
}

// Audiences a private_key_jwt assertion may name.
const (
	AudienceTokenEndpoint = "token_endpoint"
	AudienceIssuer        = "issuer"
)

// Providers holds the OAuth client credentials; a provider is offered when both halves are set.
type Providers struct {
	GitHubKey, GitHubSecret       string
	GoogleKey, GoogleSecret       string
	MicrosoftKey, MicrosoftSecret string
	OIDCIssuer, OIDCClientID      string
	OIDCClientSecret, OIDCName    string
}

// Production reports whether secure cookies and the stricter checks apply.
func (c *Config) Production() bool { return c.Env == "production" }

// Load reads the environment through getenv (os.Getenv in production, a map in tests)
// and returns every problem found, joined, each naming its variable.
func Load(getenv func(string) string) (*Config, error) {
	r := reader{getenv: getenv}
	c := &Config{
		Env:           r.oneOf("PILCROW_ENV", "development", "development", "production"),
		BaseURL:       r.url("PILCROW_BASE_URL", "http://localhost:8080"),
		DatabaseURL:   r.database("PILCROW_DATABASE_URL", "sqlite://data/pilcrow.db"),
		AutoMigrate:   r.boolean("PILCROW_AUTO_MIGRATE", true),
		AdminEmails:   r.emails("PILCROW_ADMIN_EMAILS"),
		ServiceName:   r.str("PILCROW_SERVICE_NAME", "Have your say"),
		Organisation:  r.str("PILCROW_ORGANISATION", "Pilcrow demonstration council"),
		TimeZone:      r.zone("PILCROW_TIME_ZONE", "Europe/London"),
		FlagThreshold: r.positive("PILCROW_FLAG_THRESHOLD", 3),
		Providers: Providers{
			GitHubKey: r.str("PILCROW_GITHUB_KEY", ""), GitHubSecret: r.str("PILCROW_GITHUB_SECRET", ""),
			GoogleKey: r.str("PILCROW_GOOGLE_KEY", ""), GoogleSecret: r.str("PILCROW_GOOGLE_SECRET", ""),
			MicrosoftKey: r.str("PILCROW_MICROSOFT_KEY", ""), MicrosoftSecret: r.str("PILCROW_MICROSOFT_SECRET", ""),
			OIDCIssuer: r.str("PILCROW_OIDC_ISSUER", ""), OIDCClientID: r.str("PILCROW_OIDC_CLIENT_ID", ""),
			OIDCClientSecret: r.str("PILCROW_OIDC_CLIENT_SECRET", ""), OIDCName: r.str("PILCROW_OIDC_NAME", ""),
		},
		OIDCPrivateKey:        r.str("PILCROW_OIDC_PRIVATE_KEY_FILE", ""),
		OIDCAssertionAudience: r.oneOf("PILCROW_OIDC_ASSERTION_AUDIENCE", AudienceTokenEndpoint, AudienceTokenEndpoint, AudienceIssuer),
		OIDCMFA:               r.oidcMFA(),
		TrustedProxies:        r.networks("PILCROW_TRUSTED_PROXIES", "127.0.0.1/8,::1"),
		Languages:             r.languages("PILCROW_LANGUAGES"),
		Mail:                  r.mailSettings(),
		Retention:             r.retention("PILCROW_RETENTION", DefaultRetention),
	}
	// The development sign-in lets anyone be an admin: development listens on
	// loopback unless told otherwise.
	c.Addr = r.addr("PILCROW_ADDR", map[bool]string{false: "localhost:8080", true: ":8080"}[c.Production()])
	c.DevLogin = r.boolean("PILCROW_DEV_LOGIN", !c.Production())
	c.SessionSecret = r.secret("PILCROW_SESSION_SECRET", c.Production())
	c.PreviousSessionSecrets = r.previousSecrets("PILCROW_PREVIOUS_SESSION_SECRETS")
	r.check(c)
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	return c, nil
}

// check holds the rules that span several variables.
func (r *reader) check(c *Config) {
	if c.Production() && c.DevLogin {
		r.fail("PILCROW_DEV_LOGIN", "must be unset or false when PILCROW_ENV=production")
	}
	p := c.Providers
	r.pair("PILCROW_GITHUB_KEY", p.GitHubKey, "PILCROW_GITHUB_SECRET", p.GitHubSecret)
	r.pair("PILCROW_GOOGLE_KEY", p.GoogleKey, "PILCROW_GOOGLE_SECRET", p.GoogleSecret)
	r.pair("PILCROW_MICROSOFT_KEY", p.MicrosoftKey, "PILCROW_MICROSOFT_SECRET", p.MicrosoftSecret)
	if p.OIDCIssuer != "" || p.OIDCClientID != "" {
		if p.OIDCIssuer == "" || p.OIDCClientID == "" {
			r.fail("PILCROW_OIDC_ISSUER", "PILCROW_OIDC_ISSUER and PILCROW_OIDC_CLIENT_ID must be set together")
		} else if u, err := url.Parse(p.OIDCIssuer); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			r.fail("PILCROW_OIDC_ISSUER", "must be an absolute http(s) URL")
		}
		if p.OIDCClientSecret == "" && c.OIDCPrivateKey == "" {
			r.fail("PILCROW_OIDC_CLIENT_SECRET", "set it or PILCROW_OIDC_PRIVATE_KEY_FILE")
		}
	}
	if c.OIDCPrivateKey != "" {
		if _, err := os.Stat(c.OIDCPrivateKey); err != nil {
			r.fail("PILCROW_OIDC_PRIVATE_KEY_FILE", "cannot be read: "+err.Error())
		}
	}
	if c.Production() && c.BaseURL != nil && c.BaseURL.Scheme != "https" {
		r.fail("PILCROW_BASE_URL", "must use https when PILCROW_ENV=production")
	}
}

// String describes the configuration for logs with every secret redacted.
func (c *Config) String() string {
	db := c.DatabaseURL
	if u, err := url.Parse(db); err == nil && u.User != nil {
		u.User = url.User(u.User.Username())
		db = u.String()
	}
	proxies := make([]string, len(c.TrustedProxies))
	for i, n := range c.TrustedProxies {
		proxies[i] = n.String()
	}
	return fmt.Sprintf("env=%s addr=%s base_url=%s database=%s dev_login=%t providers=%v trusted_proxies=%s smtp=%s email_signin=%t",
		c.Env, c.Addr, c.BaseURL, db, c.DevLogin, c.ProviderNames(), strings.Join(proxies, ","), c.Mail.smtpForLog(), c.Mail.SignIn)
}

// ProviderNames lists the OAuth providers whose credentials are set, in display order.
func (c *Config) ProviderNames() []string {
	var names []string
	p := c.Providers
	if p.GitHubKey != "" {
		names = append(names, "github")
	}
	if p.GoogleKey != "" {
		names = append(names, "google")
	}
	if p.MicrosoftKey != "" {
		names = append(names, "microsoftonline")
	}
	if p.OIDCIssuer != "" {
		names = append(names, "oidc")
	}
	return names
}

type reader struct {
	getenv func(string) string
	errs   []error
}

func (r *reader) fail(name, problem string) {
	r.errs = append(r.errs, fmt.Errorf("%s %s", name, problem))
}

func (r *reader) str(name, def string) string {
	if v := strings.TrimSpace(r.getenv(name)); v != "" {
		return v
	}
	return def
}

// addr is a listen address, host:port, checked here so a typo stops start-up
// with the variable's name rather than after migrations, at listen time.
func (r *reader) addr(name, def string) string {
	v := r.str(name, def)
	_, port, err := net.SplitHostPort(v)
	if err == nil {
		_, err = net.LookupPort("tcp", port)
	}
	if err != nil {
		r.fail(name, fmt.Sprintf("must be host:port or :port, not %q", v))
	}
	return v
}

// networks reads comma-separated addresses and CIDR ranges; a bare address is a
// range of one.
func (r *reader) networks(name, def string) []*net.IPNet {
	var out []*net.IPNet
	for _, v := range strings.Split(r.str(name, def), ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if !strings.Contains(v, "/") {
			ip := net.ParseIP(v)
			if ip == nil {
				r.fail(name, fmt.Sprintf("has %q, which is neither an address nor a CIDR range", v))
				continue
			}
			bits := 128
			if ip4 := ip.To4(); ip4 != nil {
				ip, bits = ip4, 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(v)
		if err != nil {
			r.fail(name, fmt.Sprintf("has %q, which is neither an address nor a CIDR range", v))
			continue
		}
		out = append(out, n)
	}
	return out
}

func (r *reader) oneOf(name, def string, allowed ...string) string {
	v := r.str(name, def)
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	r.fail(name, fmt.Sprintf("must be one of %s, not %q", strings.Join(allowed, ", "), v))
	return def
}

func (r *reader) boolean(name string, def bool) bool {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.fail(name, fmt.Sprintf("must be true or false, not %q", v))
		return def
	}
	return b
}

func (r *reader) positive(name string, def int) int {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		r.fail(name, fmt.Sprintf("must be a whole number of 1 or more, not %q", v))
		return def
	}
	return n
}

func (r *reader) url(name, def string) *url.URL {
	v := strings.TrimRight(r.str(name, def), "/")
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		r.fail(name, fmt.Sprintf("must be an absolute http(s) URL without query, not %q", v))
		u, _ = url.Parse(def)
	}
	return u
}

func (r *reader) database(name, def string) string {
	v := r.str(name, def)
	switch {
	case strings.HasPrefix(v, "sqlite://") && len(v) > len("sqlite://"):
	case strings.HasPrefix(v, "postgres://"), strings.HasPrefix(v, "postgresql://"):
		if _, err := url.Parse(v); err != nil {
			r.fail(name, "is not a valid postgres:// URL")
		}
	default:
		r.fail(name, "must start with sqlite:// or postgres://")
	}
	return v
}

func (r *reader) emails(name string) []string {
	var out []string
	for _, e := range strings.Split(r.str(name, ""), ",") {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			r.fail(name, fmt.Sprintf("has an invalid email address %q", e))
			continue
		}
		out = append(out, e)
	}
	return out
}

func (r *reader) zone(name, def string) *time.Location {
	loc, err := time.LoadLocation(r.str(name, def))
	if err != nil {
		r.fail(name, "is not a known time zone")
		loc, _ = time.LoadLocation(def)
	}
	return loc
}

// secret returns the session secret, or a random one per process in development:
// sessions live in the database, so a random secret only means CSRF cookies and
// other signed values do not survive a development restart.
func (r *reader) secret(name string, required bool) []byte {
	v := r.getenv(name)
	if v == "" {
		if required {
			r.fail(name, "is required when PILCROW_ENV=production")
		}
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		return b
	}
	if len(v) < 32 {
		r.fail(name, "must be at least 32 bytes long")
	}
	return []byte(v)
}

// previousSecrets reads a comma-separated list of former session secrets.
func (r *reader) previousSecrets(name string) [][]byte {
	var out [][]byte
	for _, v := range strings.Split(r.getenv(name), ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, []byte(v))
		}
	}
	return out
}

func (r *reader) pair(keyName, key, secretName, secret string) {
	if (key == "") != (secret == "") {
		r.fail(keyName, fmt.Sprintf("and %s must be set together", secretName))
	}
}
