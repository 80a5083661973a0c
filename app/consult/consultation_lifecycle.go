package consult

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"pilcrow/app/document"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Status is the consultation's status now, by the service's clock.
func (s *Service) Status(c *model.Consultation) model.Status { return c.StatusAt(s.now()) }

// ForReader returns the consultation a visitor asked for. A draft is reported as
// not found to everyone but admins, so unpublished work cannot be discovered.
func (s *Service) ForReader(ctx context.Context, slug string, viewer *model.User) (*model.Consultation, error) {
	c, err := s.Store.ReaderConsultationBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	if s.Status(c) == model.StatusDraft && !viewer.Can(model.RoleAdmin) {
		return nil, model.ErrNotFound
	}
	return c, nil
}

// CloseEarly ends an open consultation now.
func (s *Service) CloseEarly(ctx context.Context, slug string, actor *int64) error {
	if err := s.actingByID(ctx, actor, model.RoleAdmin); err != nil {
		return err
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		c, err := tx.ConsultationBySlug(ctx, slug)
		if err != nil {
			return err
		}
		if s.Status(c) != model.StatusOpen {
			return model.FieldErrors{"close": "consultation.error.close.notopen"}
		}
		before := c.ClosesAt
		now := s.now()
		c.ClosesAt = &now
		if err := tx.SaveConsultation(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "consultation.close", "consultation", c.Slug,
			map[string]any{"closes_at": before}, map[string]any{"closes_at": now})
	})
}

// PublishOutcome publishes, or corrects, what was decided once the consultation
// has closed: Markdown, rendered once here, whose sections that link to a
// paragraph or question page are also kept for that page.
func (s *Service) PublishOutcome(ctx context.Context, slug, outcome string, actor *int64) error {
	outcome, err := s.checkOutcome(ctx, outcome, actor)
	if err != nil {
		return err
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		c, err := tx.ConsultationBySlug(ctx, slug)
		if err != nil {
			return err
		}
		if s.Status(c) != model.StatusClosed {
			return model.FieldErrors{"outcome": "consultation.error.outcome.notclosed"}
		}
		inTx := &Service{Store: tx, Log: s.Log, Now: s.Now, BaseURL: s.BaseURL}
		out, sections, err := inTx.renderOutcome(ctx, c, outcome)
		if err != nil {
			return err
		}
		before := map[string]any{"outcome": c.Outcome, "published_at": c.OutcomePublishedAt}
		now := s.now()
		c.Outcome, c.OutcomeHTML, c.OutcomePublishedAt = outcome, out.HTML, &now
		if err := tx.SaveConsultation(ctx, c); err != nil {
			return err
		}
		// The sections shown on paragraph pages and the cleared draft change
		// with the outcome, in the same transaction.
		if err := tx.ReplaceOutcomeSections(ctx, c.ID, sections); err != nil {
			return err
		}
		if err := tx.SaveOutcomeDraft(ctx, c.ID, ""); err != nil {
			return err
		}
		if err := s.notifyOutcome(ctx, tx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "consultation.outcome", "consultation", c.Slug, before,
			map[string]any{"outcome": outcome, "published_at": now})
	})
}

// NewVersion publishes Markdown as the consultation's next document version. Bad
// Markdown comes back as model.FieldErrors on "markdown" or "change_note", with
// nothing stored; on success the saved draft is cleared.
func (s *Service) NewVersion(ctx context.Context, slug, markdown, changeNote string, actor *int64) (*model.DocumentVersion, error) {
	if err := s.actingByID(ctx, actor, model.RoleAdmin); err != nil {
		return nil, err
	}
	markdown = normaliseNewlines(markdown)
	fe := model.FieldErrors{}
	if key := markdownProblem(markdown, true); key != "" {
		fe["markdown"] = key
	}
	checkText(fe, "change_note", changeNote, MaxChangeNote, false)
	if len(fe) > 0 {
		return nil, fe
	}
	var v *model.DocumentVersion
	// One transaction for the version, its audit entry and the cleared draft,
	// so a failure part-way leaves nothing behind.
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		c, err := tx.ConsultationBySlug(ctx, slug)
		if err != nil {
			return err
		}
		if c.CurrentVersionID != nil && strings.TrimSpace(changeNote) == "" {
			return model.FieldErrors{"change_note": "consultation.error.change_note.required"}
		}
		inTx := &Service{Store: tx, Log: s.Log, Now: s.Now}
		if v, err = inTx.PublishVersion(ctx, c, markdown, changeNote, actor); err != nil {
			return err
		}
		return tx.SaveDraft(ctx, c.ID, "")
	})
	switch {
	case errors.Is(err, ErrNoChange):
		return nil, model.FieldErrors{"markdown": "consultation.error.markdown.same"}
	case err != nil:
		if key := markdownErrorKey(err); key != "" {
			return nil, model.FieldErrors{"markdown": key}
		}
		return nil, err
	}
	return v, nil
}

// SaveDraft keeps Markdown that is not ready to publish.
func (s *Service) SaveDraft(ctx context.Context, slug, markdown string, actor *int64) error {
	if err := s.actingByID(ctx, actor, model.RoleAdmin); err != nil {
		return err
	}
	markdown = normaliseNewlines(markdown)
	if key := markdownProblem(markdown, false); key != "" {
		return model.FieldErrors{"markdown": key}
	}
	c, err := s.Store.ConsultationBySlug(ctx, slug)
	if err != nil {
		return err
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SaveDraft(ctx, c.ID, markdown); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "draft.save", "consultation", c.Slug, nil, map[string]any{"bytes": len(markdown)})
	})
}

// Preview renders Markdown as it would be published, storing nothing.
func (s *Service) Preview(markdown string) (document.Document, error) {
	markdown = normaliseNewlines(markdown)
	if key := markdownProblem(markdown, true); key != "" {
		return document.Document{}, model.FieldErrors{"markdown": key}
	}
	n := 0
	d, err := document.Render(markdown, nil, func() string { n++; return previewKey(n) })
	if key := markdownErrorKey(err); key != "" {
		return d, model.FieldErrors{"markdown": key}
	}
	return d, err
}

// EditorText is the Markdown the editor starts from: the saved draft, else the
// current version's text.
func (s *Service) EditorText(ctx context.Context, c *model.Consultation) (string, error) {
	draft, err := s.Store.Draft(ctx, c.ID)
	if err != nil || draft != "" || c.CurrentVersionID == nil {
		return draft, err
	}
	v, err := s.Store.Version(ctx, *c.CurrentVersionID)
	if err != nil {
		return "", err
	}
	return v.Markdown, nil
}

// markdownProblem is the message key for Markdown that cannot be stored, or "".
func markdownProblem(md string, required bool) string {
	switch {
	case len(md) > document.MaxBytes:
		return "consultation.error.markdown.large"
	case !utf8.ValidString(md) || strings.ContainsRune(md, 0):
		return "consultation.error.markdown.text"
	case required && strings.TrimSpace(md) == "":
		return "consultation.error.markdown.required"
	}
	return ""
}

// markdownErrorKey maps the document package's refusals to message keys.
func markdownErrorKey(err error) string {
	var limit *document.LimitError
	switch {
	case errors.As(err, &limit):
		return "consultation.error.markdown.limit." + limit.Limit
	case errors.Is(err, document.ErrEmpty):
		return "consultation.error.markdown.required"
	case errors.Is(err, document.ErrTooLarge):
		return "consultation.error.markdown.large"
	case errors.Is(err, document.ErrInvalidText):
		return "consultation.error.markdown.text"
	}
	return ""
}

// previewKey gives preview blocks keys shaped like real ones (8 of [a-z0-9]).
func previewKey(n int) string { return fmt.Sprintf("pv%06d", n) }

// normaliseNewlines turns the CRLF that browsers send into LF, so that an
// unchanged text submitted from a form compares equal to the stored one.
func normaliseNewlines(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
