package testutil

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// Mailbox is a real SMTP server in process: it keeps every message it accepts,
// can refuse everything for a while (an outage) and can refuse some addresses
// for good (a 5xx answer).
type Mailbox struct {
	Addr string

	mu       sync.Mutex
	msgs     []Received
	outage   bool
	rejected map[string]bool
}

// Received is one message the mailbox accepted, decoded.
type Received struct {
	From    string
	To      []string
	Subject string
	Header  mail.Header
	Text    string // the text/plain part
	HTML    string // the text/html part
}

// NewMailbox starts a mailbox on a loopback port, closed at the test's end.
func NewMailbox(t testing.TB) *Mailbox {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailbox: %v", err)
	}
	m := &Mailbox{Addr: l.Addr().String(), rejected: map[string]bool{}}
	s := smtp.NewServer(m)
	s.Domain = "localhost"
	s.AllowInsecureAuth = true
	go func() { _ = s.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	return m
}

// URL is the PILCROW_SMTP_URL of the mailbox.
func (m *Mailbox) URL() string { return "smtp://" + m.Addr }

// SetOutage makes the mailbox answer every message with a temporary failure
// (451), or stops doing so.
func (m *Mailbox) SetOutage(on bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.outage = on
}

// Reject makes the mailbox refuse an address for good (550).
func (m *Mailbox) Reject(address string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rejected[strings.ToLower(address)] = true
}

// Messages returns what the mailbox has accepted so far.
func (m *Mailbox) Messages() []Received {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Received(nil), m.msgs...)
}

// To returns the messages accepted for an address.
func (m *Mailbox) To(address string) []Received {
	var out []Received
	for _, r := range m.Messages() {
		for _, to := range r.To {
			if strings.EqualFold(to, address) {
				out = append(out, r)
			}
		}
	}
	return out
}

// NewSession implements smtp.Backend.
func (m *Mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &mailSession{box: m}, nil }

type mailSession struct {
	box  *Mailbox
	from string
	to   []string
}

func (s *mailSession) Reset()        { s.from, s.to = "", nil }
func (s *mailSession) Logout() error { return nil }

func (s *mailSession) Mail(from string, _ *smtp.MailOptions) error {
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	if s.box.outage {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.from = from
	return nil
}

func (s *mailSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	if s.box.rejected[strings.ToLower(to)] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *mailSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	rec, err := decode(raw)
	if err != nil {
		return err
	}
	rec.From, rec.To = s.from, s.to
	s.box.mu.Lock()
	s.box.msgs = append(s.box.msgs, rec)
	s.box.mu.Unlock()
	return nil
}

// decode reads the subject and both parts of a multipart/alternative message.
func decode(raw []byte) (Received, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Received{}, err
	}
	var dec mime.WordDecoder
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	rec := Received{Header: msg.Header, Subject: subject}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return rec, errors.New("not a multipart message")
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return rec, nil
		} else if err != nil {
			return rec, err
		}
		var body io.Reader = p
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(p)
		}
		b, _ := io.ReadAll(body)
		switch ct := p.Header.Get("Content-Type"); {
		case strings.HasPrefix(ct, "text/plain"):
			rec.Text = string(b)
		case strings.HasPrefix(ct, "text/html"):
			rec.HTML = string(b)
		}
	}
}
