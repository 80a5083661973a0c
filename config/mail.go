package config

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"
)

// Mail is how Pilcrow sends email; it is on when SMTPURL is set.
type Mail struct {
	SMTPURL *url.URL // smtp://[user:password@]host:port or smtps://…; nil when email is off
	From    string   // the From address, as PILCROW_MAIL_FROM gives it
	// SignIn offers sign-in by email; only ever true when email is on.
	SignIn bool
}

// Enabled reports whether email is configured; without it nothing tries to send
// and no email feature is offered.
func (m Mail) Enabled() bool { return m.SMTPURL != nil }

// mailSettings reads PILCROW_SMTP_URL, PILCROW_MAIL_FROM and PILCROW_EMAIL_SIGNIN:
// the first two go together, and sign-in by email needs them both.
func (r *reader) mailSettings() Mail {
	raw, from := r.str("PILCROW_SMTP_URL", ""), r.str("PILCROW_MAIL_FROM", "")
	m := Mail{From: from}
	if raw == "" && from == "" {
		if r.boolean("PILCROW_EMAIL_SIGNIN", false) {
			r.fail("PILCROW_EMAIL_SIGNIN", "needs PILCROW_SMTP_URL and PILCROW_MAIL_FROM")
		}
		return m
	}
	if raw == "" || from == "" {
		r.fail("PILCROW_SMTP_URL", "and PILCROW_MAIL_FROM must be set together")
		return Mail{}
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" || u.Port() == "" || u.Path != "" && u.Path != "/" {
		// The value may hold a password: the message never repeats it.
		r.fail("PILCROW_SMTP_URL", "must be smtp://[user:password@]host:port or smtps://[user:password@]host:port")
		return Mail{}
	}
	if a, err := mail.ParseAddress(from); err != nil || strings.ContainsAny(a.Address, "\r\n") {
		r.fail("PILCROW_MAIL_FROM", fmt.Sprintf("must be an email address, such as \"Have your say <noreply@example.org>\", not %q", from))
		return Mail{}
	}
	m.SMTPURL = u
	m.SignIn = r.boolean("PILCROW_EMAIL_SIGNIN", true)
	return m
}

// smtpForLog is the SMTP URL without its password, for String.
func (m Mail) smtpForLog() string {
	if m.SMTPURL == nil {
		return "off"
	}
	u := *m.SMTPURL
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	return u.String()
}
