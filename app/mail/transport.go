// Package mail sends Pilcrow's email: messages kept in the outbox with the change
// that caused them, rendered in the recipient's language, and delivered by
// background workers on every instance through one small Transport.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one email, ready to send.
type Message struct {
	To      string
	Subject string
	Text    string // the plain-text part
	HTML    string // the HTML part, the same words
	// Headers are extra header fields, such as List-Unsubscribe.
	Headers map[string]string
}

// Transport hands a message to a mail server. It is the one boundary of the
// package, so tests can run a real SMTP server in process.
type Transport interface {
	Send(ctx context.Context, m Message) error
}

// PermanentError is a mail server's 5xx answer about a recipient or message:
// sending it again would fail the same way.
type PermanentError struct {
	Code int
	Err  error
}

func (e *PermanentError) Error() string {
	return fmt.Sprintf("refused (%d): %s", e.Code, Describe(e.Err))
}

// Unwrap gives the underlying error.
func (e *PermanentError) Unwrap() error { return e.Err }

// SMTP sends through a mail server named by PILCROW_SMTP_URL.
type SMTP struct {
	from    string
	host    string
	port    int
	tls     bool // smtps://: TLS from the start
	user    string
	pass    string
	timeout time.Duration
}

// NewSMTP returns the transport for an smtp:// or smtps:// URL and a From address.
func NewSMTP(u *url.URL, from string) (*SMTP, error) {
	port, err := strconv.Atoi(u.Port())
	if err != nil {
		return nil, errors.New("mail: the SMTP URL needs a port")
	}
	s := &SMTP{from: from, host: u.Hostname(), port: port, tls: u.Scheme == "smtps", timeout: 30 * time.Second}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	return s, nil
}

// Send opens a connection, sends one message and closes it. A smtp:// server
// gets STARTTLS when it offers it; smtps:// speaks TLS from the first byte.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := s.build(m)
	if err != nil {
		return &PermanentError{Code: 550, Err: err}
	}
	opts := []gomail.Option{gomail.WithPort(s.port), gomail.WithTimeout(s.timeout)}
	if s.tls {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.user != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.user), gomail.WithPassword(s.pass))
	}
	c, err := gomail.NewClient(s.host, opts...)
	if err != nil {
		return err
	}
	return classify(c.DialAndSendWithContext(ctx, msg))
}

// build turns a Message into go-mail's: both parts, the extra headers, and a
// Message-ID and date of its own.
func (s *SMTP) build(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return nil, err
	}
	if err := msg.To(m.To); err != nil {
		return nil, err
	}
	msg.Subject(m.Subject)
	msg.SetMessageID()
	msg.SetDate()
	for k, v := range m.Headers {
		msg.SetGenHeader(gomail.Header(k), v)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	return msg, nil
}

// classify turns a 5xx answer to the recipient or the message into a
// PermanentError; anything else (no connection, 4xx) is worth trying again.
func classify(err error) error {
	var se *gomail.SendError
	if err == nil || !errors.As(err, &se) {
		return err
	}
	code := se.ErrorCode()
	if code >= 500 && code < 600 && (se.Reason == gomail.ErrSMTPRcptTo || se.Reason == gomail.ErrSMTPData ||
		se.Reason == gomail.ErrSMTPDataClose) {
		return &PermanentError{Code: code, Err: err}
	}
	return err
}

// Describe says what went wrong without the addresses go-mail puts in its
// errors, so logs and the outbox's last_error hold no personal data.
func Describe(err error) string {
	var se *gomail.SendError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (%d %s)", se.Reason, se.ErrorCode(), se.EnhancedStatusCode())
	}
	return err.Error()
}
