package consult

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Limits of a comment's fields, in characters.
const (
	MaxCommentRunes      = 10000
	MaxOrganisationRunes = 200
)

// CommentInput is the comment form as the person filled it in, untrusted.
type CommentInput struct {
	ParagraphKey    string
	Body            string
	Parent          string
	RespondingAs    string
	Organisation    string
	Publish         string
	Stance          string
	SubmissionToken string
	Language        string // the page's language when it was sent: "en" or "cy"
}

// SubmitComment validates and stores a comment by u on the consultation. The
// same submission token twice returns the comment already stored, with
// created=false. Invalid input is a model.FieldErrors; too many comments too fast
// is a *model.RateLimitError.
func (s *Service) SubmitComment(ctx context.Context, u *model.User, ip, slug string, in CommentInput) (*model.Comment, bool, error) {
	if err := acting(u); err != nil {
		return nil, false, err
	}
	c, err := s.publishedConsultation(ctx, slug)
	if err != nil {
		return nil, false, err
	}
	in.SubmissionToken = normaliseToken(in.SubmissionToken)
	if prior, err := s.Store.CommentByToken(ctx, u.ID, in.SubmissionToken); err == nil {
		return prior, false, nil
	} else if !errors.Is(err, model.ErrNotFound) {
		return nil, false, err
	}
	if err := s.hitLimits(ctx, "comment", u.ID, ip, s.limits().commentRules()); err != nil {
		return nil, false, err
	}
	cm, err := s.validateComment(ctx, c, in)
	if err != nil {
		return nil, false, err
	}
	cm.UserID, cm.SubmissionToken = u.ID, in.SubmissionToken
	cm.HeldReason, err = s.holdReason(ctx, u.ID, cm.Body)
	if err != nil {
		return nil, false, err
	}
	cm.Status = model.CommentPending
	if c.Moderation == model.PostModeration && cm.HeldReason == "" {
		cm.Status = model.CommentApproved
	}
	then := func(tx *store.Store) error { return s.afterComment(ctx, tx, c, cm) }
	if !s.Mail {
		then = nil
	}
	created, err := s.Store.CreateCommentThen(ctx, cm, cm.Status == model.CommentApproved && cm.Publish.Public(), then)
	var stale *store.StaleError
	if errors.As(err, &stale) {
		// The comment is stored: telling its author otherwise would have them
		// send it again. Only the cached pages lag, until their age limit.
		s.Log.Warn("comment stored but its consultation's pages were not marked stale",
			"comment", cm.ID, "consultation", stale.ConsultationID, "err", stale.Err)
		err = nil
	}
	return cm, created, err
}

// validateComment checks every field against the rules and returns the comment
// to store, or every problem at once as model.FieldErrors.
func (s *Service) validateComment(ctx context.Context, c *model.Consultation, in CommentInput) (*model.Comment, error) {
	fe := model.FieldErrors{}
	switch c.StatusAt(s.now()) {
	case model.StatusUpcoming:
		fe["body"] = "comments.error.upcoming"
	case model.StatusClosed:
		fe["body"] = "comments.error.closed"
	}
	cm := &model.Comment{ConsultationID: c.ID, VersionID: *c.CurrentVersionID, ParagraphKey: in.ParagraphKey,
		Language: model.English}
	if in.Language == model.Welsh {
		cm.Language = model.Welsh
	}
	checkFields(fe, cm, in)
	if in.ParagraphKey != "" {
		if !keyShaped(in.ParagraphKey) {
			fe["paragraph"] = "comments.error.paragraph"
		} else if ok, err := s.hasBlock(ctx, cm.VersionID, in.ParagraphKey); err != nil {
			return nil, err
		} else if !ok {
			fe["paragraph"] = "comments.error.paragraph"
		}
	}
	if in.Parent != "" {
		parent, err := s.replyTarget(ctx, c.ID, in)
		if err != nil {
			return nil, err
		}
		if parent == 0 {
			fe["parent"] = "comments.error.parent"
		} else {
			cm.ParentID = &parent
		}
	}
	if len(fe) > 0 {
		return nil, fe
	}
	return cm, nil
}

// checkFields validates the fields an author types or chooses, which editing a
// pending comment checks again.
func checkFields(fe model.FieldErrors, cm *model.Comment, in CommentInput) {
	body := strings.ReplaceAll(in.Body, "\r\n", "\n")
	switch {
	case !validText(body):
		fe["body"] = "comments.error.body.invalid"
	case model.Blank(body): // only spaces, no-break or zero-width spaces, BOMs…
		fe["body"] = "comments.error.body.empty"
	case utf8.RuneCountInString(body) > MaxCommentRunes:
		fe["body"] = "comments.error.body.long"
	}
	cm.Body = model.TrimInvisible(body)
	switch in.RespondingAs {
	case "", "individual":
		cm.RespondingAs = "individual"
		if !validText(in.Organisation) { // unused, but no browser sends bad bytes: refuse, never ignore
			fe["organisation"] = "comments.error.organisation.invalid"
		}
	case "organisation":
		cm.RespondingAs = "organisation"
		org := strings.TrimSpace(in.Organisation)
		switch {
		case !validText(org) || strings.ContainsAny(org, "\n\r\t"):
			fe["organisation"] = "comments.error.organisation.invalid"
		case model.Blank(org):
			fe["organisation"] = "comments.error.organisation.empty"
		case utf8.RuneCountInString(org) > MaxOrganisationRunes:
			fe["organisation"] = "comments.error.organisation.long"
		}
		cm.Organisation = org
	default:
		fe["responding_as"] = "comments.error.responding_as"
	}
	switch p := model.Publish(in.Publish); p {
	case model.PublishName, model.PublishAnonymous, model.PublishNo:
		cm.Publish = p
	case "":
		fe["publish"] = "comments.error.publish.empty"
	default:
		fe["publish"] = "comments.error.publish.invalid"
	}
	switch in.Stance {
	case "", "agree", "disagree", "neutral":
		cm.Stance = in.Stance
	default:
		fe["stance"] = "comments.error.stance"
	}
}

// replyTarget returns the id of the comment being replied to, or 0 when a reply
// to it is not allowed: only to a published top-level comment on the same
// paragraph of the same consultation, so threads stay one level deep.
func (s *Service) replyTarget(ctx context.Context, consultationID int64, in CommentInput) (int64, error) {
	id, err := strconv.ParseInt(in.Parent, 10, 64)
	if err != nil || id <= 0 {
		return 0, nil
	}
	p, err := s.Store.Comment(ctx, id)
	if errors.Is(err, model.ErrNotFound) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	if p.ConsultationID != consultationID || p.ParagraphKey != in.ParagraphKey || p.ParentID != nil ||
		p.Status != model.CommentApproved || !p.Publish.Public() {
		return 0, nil
	}
	return p.ID, nil
}

// EditComment changes the author's own comment while it awaits moderation.
func (s *Service) EditComment(ctx context.Context, u *model.User, id int64, in CommentInput) (*model.Comment, error) {
	cm, err := s.ChangeableComment(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if cm.Status != model.CommentPending {
		return nil, model.ErrConflict
	}
	fe := model.FieldErrors{}
	checkFields(fe, cm, in)
	if len(fe) > 0 {
		return cm, fe
	}
	if cm.HeldReason != "flagged" {
		if cm.HeldReason, err = s.holdReason(ctx, u.ID, cm.Body); err != nil {
			return nil, err
		}
	}
	ok, err := s.Store.UpdateComment(ctx, cm)
	if err == nil && !ok {
		err = model.ErrConflict // a moderator decided on it in the meantime
	}
	return cm, err
}

// WithdrawComment takes the author's own comment out of the consultation.
func (s *Service) WithdrawComment(ctx context.Context, u *model.User, id int64) (*model.Comment, error) {
	cm, err := s.ChangeableComment(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if cm.Status == model.CommentWithdrawn {
		return cm, nil
	}
	wasPublic := cm.Status == model.CommentApproved && cm.Publish.Public()
	err = s.Store.Tx(ctx, func(tx *store.Store) error {
		if _, err := tx.WithdrawComment(ctx, cm.ID, u.ID); err != nil {
			return err
		}
		if wasPublic {
			return tx.BumpRevision(ctx, cm.ConsultationID)
		}
		return nil
	})
	cm.Status = model.CommentWithdrawn
	return cm, err
}

// OwnComment returns a comment of u's. Anyone else's is model.ErrNotFound, as a
// missing one is, so the comment routes do not tell which ids exist.
func (s *Service) OwnComment(ctx context.Context, u *model.User, id int64) (*model.Comment, error) {
	if err := acting(u); err != nil {
		return nil, err
	}
	cm, err := s.Store.Comment(ctx, id)
	if err != nil {
		return nil, err
	}
	if cm.UserID != u.ID {
		return nil, model.ErrNotFound
	}
	return cm, nil
}

// publishedConsultation returns the consultation unless it is still a draft,
// which the public must not learn exists.
func (s *Service) publishedConsultation(ctx context.Context, slug string) (*model.Consultation, error) {
	c, err := s.Store.ConsultationBySlug(ctx, slug)
	return s.published(c, err)
}

// readerPublishedConsultation is publishedConsultation for pages that only
// read: the row may be up to a second old (see store.ReaderConsultationBySlug).
func (s *Service) readerPublishedConsultation(ctx context.Context, slug string) (*model.Consultation, error) {
	c, err := s.Store.ReaderConsultationBySlug(ctx, slug)
	return s.published(c, err)
}

func (s *Service) published(c *model.Consultation, err error) (*model.Consultation, error) {
	if err != nil {
		return nil, err
	}
	if c.StatusAt(s.now()) == model.StatusDraft {
		return nil, model.ErrNotFound
	}
	return c, nil
}

// validText accepts valid UTF-8 without NUL or control characters other than
// line breaks and tabs: PostgreSQL rejects NUL, and controls hide text.
func validText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if model.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return false
		}
	}
	return true
}

// NewSubmissionToken returns a fresh random token for one rendered form.
func NewSubmissionToken() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// normaliseToken keeps a well-formed token and replaces anything else (absent,
// too long, odd characters) with a fresh one, so a client that sends none still
// gets exactly one comment per request.
func normaliseToken(t string) string {
	if len(t) < 8 || len(t) > 64 {
		return NewSubmissionToken()
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return NewSubmissionToken()
		}
	}
	return t
}

// keyShaped accepts what a block key can look like, so that odd input (a NUL
// byte, which PostgreSQL refuses outright) never reaches a query.
func keyShaped(k string) bool {
	if len(k) > 64 {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
