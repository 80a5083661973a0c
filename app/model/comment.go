package model

import (
	"strings"
	"time"
)

// CommentStatus is where a comment is in moderation.
type CommentStatus string

// The comment statuses of the contract.
const (
	CommentPending   CommentStatus = "pending"
	CommentApproved  CommentStatus = "approved"
	CommentRejected  CommentStatus = "rejected"
	CommentWithdrawn CommentStatus = "withdrawn"
)

// Publish is what the author allows to be shown in public.
type Publish string

// The publication choices of UK response forms.
const (
	PublishName      Publish = "name"      // with my name
	PublishAnonymous Publish = "anonymous" // without my name
	PublishNo        Publish = "no"        // counted in the analysis only
)

// Public reports whether the comment may appear on public surfaces at all.
func (p Publish) Public() bool { return p == PublishName || p == PublishAnonymous }

// Comment is a response to a block, or to the whole document when ParagraphKey is empty.
type Comment struct {
	ID             int64
	ConsultationID int64
	VersionID      int64 // the version the author read when writing
	ParagraphKey   string
	// WrittenOnKey is the key of the block the author read in VersionID when an
	// admin has since re-attached the comment to its successor; "" otherwise.
	WrittenOnKey     string
	ParentID         *int64
	UserID           int64
	Body             string
	RespondingAs     string // "individual" or "organisation"
	Organisation     string
	Publish          Publish
	Stance           string // "agree", "disagree", "neutral" or ""
	Status           CommentStatus
	HeldReason       string // why the spam heuristics held it for moderation
	ModerationReason string
	ModerationNote   string
	ModeratedBy      *int64
	ModeratedAt      *time.Time
	FlagCount        int
	SubmissionToken  string
	// Language is "en" or "cy", the language of the page it was written on; left
	// empty, the database's default "en" is stored.
	Language string `gorm:"default:en"`
	// Channel is "online", or how an official received it ("email", "post",
	// "event", "phone"); left empty, the database's default "online" is stored.
	Channel   string `gorm:"default:online"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Flag is one citizen's report of a comment.
type Flag struct {
	ID        int64
	CommentID int64
	UserID    int64
	Reason    string
	CreatedAt time.Time
}

// AuditEntry records who changed what, with the values before and after.
type AuditEntry struct {
	ID         int64
	ActorID    *int64
	Action     string
	TargetType string
	TargetID   string
	Before     string // JSON
	After      string // JSON
	CreatedAt  time.Time
}

// TableName keeps the audit table's name plain.
func (AuditEntry) TableName() string { return "audit_log" }

// Job is background work, such as a report, that any instance may run and any
// instance may serve the result of.
type Job struct {
	ID          int64
	Kind        string
	Params      string // JSON
	Status      string // "queued", "running", "done", "failed"
	Progress    int
	Total       int
	Result      []byte
	Filename    string
	ContentType string
	Error       string
	CreatedBy   *int64
	CreatedAt   time.Time
	StartedAt   *time.Time
	FinishedAt  *time.Time
	LockedUntil *time.Time
}

// ReadKey is the key of the block the author read, in VersionID.
func (c *Comment) ReadKey() string {
	if c.WrittenOnKey != "" {
		return c.WrittenOnKey
	}
	return c.ParagraphKey
}

// Kind is the reason the reporter chose from the form's list ("offensive").
func (f Flag) Kind() string {
	k, _, _ := strings.Cut(f.Reason, ": ")
	return k
}

// Note is what the reporter added in their own words, or "": the report form
// stores it after the chosen reason.
func (f Flag) Note() string {
	_, n, _ := strings.Cut(f.Reason, ": ")
	return n
}
