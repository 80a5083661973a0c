package config

import (
	"path/filepath"
	"strings"
	"testing"
)

const secret = "0123456789abcdef0123456789abcdef"

func load(env map[string]string) (*Config, error) {
	return Load(func(k string) string { return env[k] })
}

// production is a minimal valid production environment.
func production() map[string]string {
	return map[string]string{"PILCROW_ENV": "production", "PILCROW_SESSION_SECRET": secret,
		"PILCROW_BASE_URL": "https://consult.example.gov.uk"}
}

func TestLoadRefusesBadValues(t *testing.T) {
	cases := []struct {
		name     string
		env      map[string]string
		variable string // the variable the error must name
	}{
		{"production with the development sign-in", map[string]string{"PILCROW_DEV_LOGIN": "true"}, "PILCROW_DEV_LOGIN"},
		{"production without a session secret", map[string]string{"PILCROW_SESSION_SECRET": ""}, "PILCROW_SESSION_SECRET"},
		{"production over http", map[string]string{"PILCROW_BASE_URL": "http://consult.example.gov.uk"}, "PILCROW_BASE_URL"},
		{"short session secret", map[string]string{"PILCROW_SESSION_SECRET": "too-short"}, "PILCROW_SESSION_SECRET"},
		{"unknown environment", map[string]string{"PILCROW_ENV": "staging"}, "PILCROW_ENV"},
		{"base URL without scheme", map[string]string{"PILCROW_BASE_URL": "consult.example.gov.uk"}, "PILCROW_BASE_URL"},
		{"base URL with a query", map[string]string{"PILCROW_BASE_URL": "https://a.example/?x=1"}, "PILCROW_BASE_URL"},
		{"database of another kind", map[string]string{"PILCROW_DATABASE_URL": "mysql://db/pilcrow"}, "PILCROW_DATABASE_URL"},
		{"empty sqlite path", map[string]string{"PILCROW_DATABASE_URL": "sqlite://"}, "PILCROW_DATABASE_URL"},
		{"auto-migrate not a boolean", map[string]string{"PILCROW_AUTO_MIGRATE": "sometimes"}, "PILCROW_AUTO_MIGRATE"},
		{"dev login not a boolean", map[string]string{"PILCROW_DEV_LOGIN": "yes please"}, "PILCROW_DEV_LOGIN"},
		{"admin email invalid", map[string]string{"PILCROW_ADMIN_EMAILS": "a@example.com,not-an-email"}, "PILCROW_ADMIN_EMAILS"},
		{"admin email with a display name", map[string]string{"PILCROW_ADMIN_EMAILS": "Eve <eve@example.com>"}, "PILCROW_ADMIN_EMAILS"},
		{"unknown time zone", map[string]string{"PILCROW_TIME_ZONE": "Mars/Olympus"}, "PILCROW_TIME_ZONE"},
		{"flag threshold zero", map[string]string{"PILCROW_FLAG_THRESHOLD": "0"}, "PILCROW_FLAG_THRESHOLD"},
		{"flag threshold not a number", map[string]string{"PILCROW_FLAG_THRESHOLD": "three"}, "PILCROW_FLAG_THRESHOLD"},
		{"GitHub key without secret", map[string]string{"PILCROW_GITHUB_KEY": "k"}, "PILCROW_GITHUB_KEY"},
		{"GitHub secret without key", map[string]string{"PILCROW_GITHUB_SECRET": "s"}, "PILCROW_GITHUB_KEY"},
		{"Google key without secret", map[string]string{"PILCROW_GOOGLE_KEY": "k"}, "PILCROW_GOOGLE_KEY"},
		{"Microsoft secret without key", map[string]string{"PILCROW_MICROSOFT_SECRET": "s"}, "PILCROW_MICROSOFT_KEY"},
		{"OIDC issuer without client", map[string]string{"PILCROW_OIDC_ISSUER": "https://id.example"}, "PILCROW_OIDC_ISSUER"},
		{"OIDC issuer not a URL", map[string]string{"PILCROW_OIDC_ISSUER": "id.example", "PILCROW_OIDC_CLIENT_ID": "c",
			"PILCROW_OIDC_CLIENT_SECRET": "s"}, "PILCROW_OIDC_ISSUER"},
		{"OIDC without secret or key", map[string]string{"PILCROW_OIDC_ISSUER": "https://id.example", "PILCROW_OIDC_CLIENT_ID": "c"},
			"PILCROW_OIDC_CLIENT_SECRET"},
		{"OIDC key file missing", map[string]string{"PILCROW_OIDC_ISSUER": "https://id.example", "PILCROW_OIDC_CLIENT_ID": "c",
			"PILCROW_OIDC_PRIVATE_KEY_FILE": filepath.Join("no", "such", "key.pem")}, "PILCROW_OIDC_PRIVATE_KEY_FILE"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			if strings.HasPrefix(tc.name, "production") {
				env = production()
			}
			for k, v := range tc.env {
				env[k] = v
			}
			cfg, err := load(env)
			if err == nil {
				t.Fatalf("loaded %v", cfg)
			}
			if !strings.Contains(err.Error(), tc.variable) {
				t.Errorf("error %q does not name %s", err, tc.variable)
			}
		})
	}
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	_, err := load(map[string]string{"PILCROW_ENV": "production", "PILCROW_DEV_LOGIN": "true", "PILCROW_FLAG_THRESHOLD": "-1"})
	if err == nil {
		t.Fatal("loaded")
	}
	for _, v := range []string{"PILCROW_DEV_LOGIN", "PILCROW_SESSION_SECRET", "PILCROW_FLAG_THRESHOLD"} {
		if !strings.Contains(err.Error(), v) {
			t.Errorf("error does not mention %s: %v", v, err)
		}
	}
}

func TestLoadDefaultsAndProduction(t *testing.T) {
	dev, err := load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !dev.DevLogin || dev.Production() || len(dev.SessionSecret) < 32 || dev.BaseURL.String() != "http://localhost:8080" {
		t.Errorf("development defaults: %+v", dev)
	}
	env := production()
	env["PILCROW_DATABASE_URL"] = "postgres://pilcrow:hunter2-password@db.internal/pilcrow"
	env["PILCROW_OIDC_ISSUER"], env["PILCROW_OIDC_CLIENT_ID"], env["PILCROW_OIDC_CLIENT_SECRET"] = "https://oidc.example/", "c", "oidc-secret"
	env["PILCROW_ADMIN_EMAILS"] = " Chief@Example.com , deputy@example.com"
	prod, err := load(env)
	if err != nil {
		t.Fatal(err)
	}
	if prod.DevLogin || !prod.Production() || string(prod.SessionSecret) != secret {
		t.Errorf("production: dev login %t, production %t", prod.DevLogin, prod.Production())
	}
	if got := strings.Join(prod.AdminEmails, ","); got != "chief@example.com,deputy@example.com" {
		t.Errorf("admin emails = %q", got)
	}
	if got := strings.Join(prod.ProviderNames(), ","); got != "oidc" {
		t.Errorf("providers = %q", got)
	}
	s := prod.String()
	for _, leak := range []string{"hunter2", secret, "oidc-secret"} {
		if strings.Contains(s, leak) {
			t.Errorf("String() shows a secret: %s", s)
		}
	}
}

func TestMailSettings(t *testing.T) {
	base := map[string]string{}
	load := func(extra map[string]string) (*Config, error) {
		return Load(func(k string) string {
			if v, ok := extra[k]; ok {
				return v
			}
			return base[k]
		})
	}
	c, err := load(map[string]string{"PILCROW_SMTP_URL": "smtps://user:s3cret@mail.example.org:465", "PILCROW_MAIL_FROM": "noreply@example.org"})
	if err != nil || !c.Mail.Enabled() || !c.Mail.SignIn {
		t.Fatalf("mail on: %+v, %v", c, err)
	}
	if strings.Contains(c.String(), "s3cret") {
		t.Errorf("String shows the SMTP password: %s", c.String())
	}
	for name, env := range map[string]map[string]string{
		"no from":          {"PILCROW_SMTP_URL": "smtp://localhost:25"},
		"no port":          {"PILCROW_SMTP_URL": "smtp://localhost", "PILCROW_MAIL_FROM": "a@example.org"},
		"bad scheme":       {"PILCROW_SMTP_URL": "http://localhost:25", "PILCROW_MAIL_FROM": "a@example.org"},
		"bad from":         {"PILCROW_SMTP_URL": "smtp://localhost:25", "PILCROW_MAIL_FROM": "nobody"},
		"sign-in, no mail": {"PILCROW_EMAIL_SIGNIN": "true"},
	} {
		if _, err := load(env); err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: error shows a secret", name)
		}
	}
	if c, err := load(nil); err != nil || c.Mail.Enabled() || c.Mail.SignIn {
		t.Errorf("email should be off by default: %+v, %v", c.Mail, err)
	}
}
