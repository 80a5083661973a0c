package model

import "time"

// Status is where a consultation stands; it is derived from its dates, never stored.
type Status string

// The statuses a consultation passes through.
const (
	StatusDraft    Status = "draft"
	StatusUpcoming Status = "upcoming"
	StatusOpen     Status = "open"
	StatusClosed   Status = "closed"
)

// Moderation says when a comment becomes public.
type Moderation string

// The two moderation modes.
const (
	PreModeration  Moderation = "pre"  // public once approved
	PostModeration Moderation = "post" // public at once, moderated afterwards
)

// Consultation is a document put to the public between two dates.
type Consultation struct {
	ID                 int64
	Slug               string
	Title              string
	Summary            string
	TitleCy            string // the Welsh title, "" when there is none
	SummaryCy          string // the Welsh summary, "" when there is none
	Organisation       string
	Contact            string
	OpensAt            *time.Time
	ClosesAt           *time.Time
	Moderation         Moderation
	Outcome            string // the published outcome's Markdown
	OutcomePublishedAt *time.Time
	// OutcomeHTML is the published outcome rendered once, when it was published;
	// "" for an outcome published as plain text before migration 00102.
	OutcomeHTML      string `gorm:"column:outcome_html"`
	CurrentVersionID *int64
	// ResultsPublic shows the counts of the answers to the public once the consultation closes.
	ResultsPublic bool
	// MostCommentedPublic shows the paragraphs ranked by comments to the public once it closes.
	MostCommentedPublic bool
	// Revision grows with every change that alters a public page, so that every
	// instance can tell its cached page is stale with the one query it makes anyway.
	Revision  int64
	CreatedAt time.Time
	UpdatedAt time.Time

	// AttachmentCount is how many supporting documents it has; only the store's
	// attachment methods write it, so saving the row never overwrites it.
	AttachmentCount int `gorm:"->"`
}

// StatusAt derives the status at the instant now: open from OpensAt inclusive to
// ClosesAt exclusive, and draft while nothing is published or no dates are set.
func (c *Consultation) StatusAt(now time.Time) Status {
	switch {
	case c.CurrentVersionID == nil || c.OpensAt == nil || c.ClosesAt == nil:
		return StatusDraft
	case now.Before(*c.OpensAt):
		return StatusUpcoming
	case now.Before(*c.ClosesAt):
		return StatusOpen
	default:
		return StatusClosed
	}
}

// DocumentVersion is one published text of a consultation's document. Its HTML is
// rendered once, at publication, and never again.
type DocumentVersion struct {
	ID             int64
	ConsultationID int64
	Number         int
	Markdown       string
	ChangeNote     string
	HTML           string
	Headings       string // JSON of the table of contents
	Questions      string // JSON of the questions, by block key ("" when there are none)
	PublishedAt    time.Time
	CreatedBy      *int64
}

// Block is one commentable unit of a document version. The same Key in two
// versions means the same block, possibly edited.
type Block struct {
	ID        int64
	VersionID int64
	Key       string
	Number    int
	Kind      string
	Section   string
	Text      string
	HTML      string `gorm:"column:html"` // the block on its own, rendered at publication; "" before migration 00016
}
