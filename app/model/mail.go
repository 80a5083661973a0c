package model

import "time"

// Kinds of mail. Each notification but the sign-in link has a preference that
// turns it off, and a one-click unsubscribe.
const (
	MailSignIn     = "signin"     // a sign-in link, asked for on the sign-in page
	MailReceipt    = "receipt"    // a copy of a comment or answer just sent
	MailReply      = "reply"      // someone replied publicly to your comment
	MailModeration = "moderation" // a moderator decided on your comment
	MailOutcome    = "outcome"    // the consultation you responded to published its outcome
	MailReminder   = "reminder"   // the consultation you started answering closes soon
	MailSummary    = "summary"    // an official's daily summary
)

// MailKinds lists the kinds a person can turn off, in the order /account shows them.
var MailKinds = []string{MailReceipt, MailReply, MailModeration, MailOutcome, MailReminder, MailSummary}

// Mail statuses in the outbox.
const (
	MailQueued  = "queued"
	MailSending = "sending"
	MailSent    = "sent"
	MailFailed  = "failed"
)

// Mail is one message in the outbox. Params holds what the message says, as
// JSON; it is rendered when sent, in Language.
type Mail struct {
	ID            int64 `gorm:"primaryKey"`
	Kind          string
	UserID        *int64
	Address       string
	Language      string
	Params        string
	DedupeKey     *string
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LockedUntil   *time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        *time.Time
}

// TableName is the outbox's table.
func (Mail) TableName() string { return "mail_outbox" }

// MailPreferences are what one person wants by email, and in which language.
type MailPreferences struct {
	UserID     int64 `gorm:"primaryKey"`
	Language   string
	Receipts   bool
	Replies    bool
	Moderation bool
	Outcomes   bool
	Reminders  bool
	Summary    bool
	UpdatedAt  time.Time
}

// DefaultMailPreferences is what a person gets before choosing: everything but
// the officials' daily summary, which is opt-in.
func DefaultMailPreferences(userID int64) MailPreferences {
	return MailPreferences{UserID: userID, Language: English, Receipts: true, Replies: true,
		Moderation: true, Outcomes: true, Reminders: true}
}

// Wants reports whether the person wants mail of the kind; a sign-in link is
// always wanted, since they asked for it.
func (p MailPreferences) Wants(kind string) bool {
	switch kind {
	case MailReceipt:
		return p.Receipts
	case MailReply:
		return p.Replies
	case MailModeration:
		return p.Moderation
	case MailOutcome:
		return p.Outcomes
	case MailReminder:
		return p.Reminders
	case MailSummary:
		return p.Summary
	}
	return kind == MailSignIn
}

// Set turns mail of the kind on or off.
func (p *MailPreferences) Set(kind string, on bool) {
	switch kind {
	case MailReceipt:
		p.Receipts = on
	case MailReply:
		p.Replies = on
	case MailModeration:
		p.Moderation = on
	case MailOutcome:
		p.Outcomes = on
	case MailReminder:
		p.Reminders = on
	case MailSummary:
		p.Summary = on
	}
}

// EmailSignIn is a sign-in link sent by email. Only the hash of its token is kept.
type EmailSignIn struct {
	TokenHash string `gorm:"primaryKey"`
	Email     string
	Next      string
	Language  string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// MailParams are what a message says, kept in the outbox as JSON until it is
// rendered in the recipient's language.
type MailParams struct {
	Title     string           `json:"title,omitempty"`    // the consultation's title
	TitleCy   string           `json:"title_cy,omitempty"` // its Welsh title, when it has one
	Path      string           `json:"path,omitempty"`     // the page the message links to, on this site
	Reference string           `json:"reference,omitempty"`
	Text      string           `json:"text,omitempty"`     // a copy of what was sent, a reply, a comment
	Reason    string           `json:"reason,omitempty"`   // a moderation reason code
	Note      string           `json:"note,omitempty"`     // the moderator's note
	Decision  string           `json:"decision,omitempty"` // approved or rejected
	When      *time.Time       `json:"when,omitempty"`
	Token     string           `json:"token,omitempty"` // a sign-in link's token, erased once sent
	Rows      []MailSummaryRow `json:"rows,omitempty"`
}

// MailSummaryRow is one consultation's line in an official's daily summary.
type MailSummaryRow struct {
	Title   string `json:"title"`
	New     int    `json:"new"`
	Pending int    `json:"pending"`
}
