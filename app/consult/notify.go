package consult

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// notify queues mail for an account on the transaction of the change that
// causes it; store.NotifyUser keeps to verified, willing, unrefused addresses.
// Without email configured nothing is queued.
func (s *Service) notify(ctx context.Context, tx *store.Store, userID int64, kind string, p model.MailParams, dedupe string) error {
	if !s.Mail {
		return nil
	}
	return tx.NotifyUser(ctx, userID, kind, p, dedupe)
}

// remember records the language a person is using, so their mail is written in it.
func (s *Service) remember(ctx context.Context, tx *store.Store, userID int64, lang string) error {
	if !s.Mail {
		return nil
	}
	if lang != model.Welsh {
		lang = model.English
	}
	return tx.SetMailLanguage(ctx, userID, lang)
}

// commentPath is the page a comment lives on.
func commentPath(c *model.Consultation, cm *model.Comment) string {
	if cm.ParagraphKey == "" {
		return "/consultations/" + c.Slug
	}
	return "/consultations/" + c.Slug + "/paragraphs/" + cm.ParagraphKey + "#comment-" + fmt.Sprint(cm.ID)
}

// afterComment is what a new comment sends, inside its transaction: the
// author's receipt, and, when the comment is a reply published at once, word to
// the author of the comment it answers.
func (s *Service) afterComment(ctx context.Context, tx *store.Store, c *model.Consultation, cm *model.Comment) error {
	if err := s.remember(ctx, tx, cm.UserID, cm.Language); err != nil {
		return err
	}
	// The receipt links to /me, where the author sees the comment whatever its status.
	p := model.MailParams{Title: c.Title, TitleCy: c.TitleCy, Path: "/me",
		Reference: fmt.Sprintf("C%d", cm.ID), Text: cm.Body}
	if err := s.notify(ctx, tx, cm.UserID, model.MailReceipt, p, ""); err != nil {
		return err
	}
	return s.notifyReply(ctx, tx, c, cm)
}

// notifyReply tells a comment's author of a reply to it, once the reply is
// public, and never of their own replies.
func (s *Service) notifyReply(ctx context.Context, tx *store.Store, c *model.Consultation, cm *model.Comment) error {
	if cm.ParentID == nil || cm.Status != model.CommentApproved || !cm.Publish.Public() {
		return nil
	}
	parent, err := tx.Comment(ctx, *cm.ParentID)
	if err != nil || parent.UserID == cm.UserID {
		return err
	}
	p := model.MailParams{Title: c.Title, TitleCy: c.TitleCy, Path: commentPath(c, cm), Text: cm.Body}
	return s.notify(ctx, tx, parent.UserID, model.MailReply, p, fmt.Sprintf("reply:%d", cm.ID))
}

// afterDecision is what a moderation decision sends, inside its transaction:
// the decision to the author, with the reason in words, and a reply that has
// just become public to the author of the comment it answers.
func (s *Service) afterDecision(ctx context.Context, tx *store.Store, before, after *model.Comment) error {
	if !s.Mail || before.Status == after.Status {
		return nil
	}
	c, err := tx.Consultation(ctx, after.ConsultationID)
	if err != nil {
		return err
	}
	p := model.MailParams{Title: c.Title, TitleCy: c.TitleCy, Path: "/me", Text: after.Body,
		Decision: string(after.Status), Reason: after.ModerationReason, Note: after.ModerationNote}
	if err := s.notify(ctx, tx, after.UserID, model.MailModeration, p, ""); err != nil {
		return err
	}
	return s.notifyReply(ctx, tx, c, after)
}

// answersReceiptDelay is how long an answers receipt waits for more answers:
// answering ten questions in a row makes one receipt, not ten.
const answersReceiptDelay = 10 * time.Minute

// afterAnswer queues, or rewrites while it waits, the receipt of the person's
// answers to the consultation, with a copy of every answer as it now stands.
func (s *Service) afterAnswer(ctx context.Context, tx *store.Store, c *model.Consultation, qs []QuestionBlock, a *model.Answer) error {
	if !s.Mail {
		return nil
	}
	if err := s.remember(ctx, tx, a.UserID, a.Language); err != nil {
		return err
	}
	as, err := tx.UserAnswers(ctx, c.ID, a.UserID)
	if err != nil {
		return err
	}
	var parts []string
	for _, ans := range as {
		part, err := answerCopy(ctx, tx, qs, ans)
		if err != nil {
			return err
		}
		parts = append(parts, part)
	}
	p := model.MailParams{Title: c.Title, TitleCy: c.TitleCy, Path: "/consultations/" + c.Slug + "/response",
		Reference: fmt.Sprintf("R%d-%d", c.ID, a.UserID), Text: strings.Join(parts, "\n\n")}
	return tx.NotifyUserGrouped(ctx, a.UserID, model.MailReceipt, p, fmt.Sprintf("answers:%d:%d", c.ID, a.UserID), answersReceiptDelay)
}

// answerCopy is one answer as the receipt shows it: the question, the choices,
// and the text given.
func answerCopy(ctx context.Context, tx *store.Store, qs []QuestionBlock, a model.Answer) (string, error) {
	lines := []string{a.QuestionKey}
	if q := findQuestion(qs, a.QuestionKey); q != nil {
		lines[0] = q.Text
	}
	if a.Choices != "" {
		lines = append(lines, strings.ReplaceAll(a.Choices, "\n", "; "))
	}
	if a.CommentID != nil {
		cm, err := tx.Comment(ctx, *a.CommentID)
		if err != nil && !errors.Is(err, model.ErrNotFound) {
			return "", err
		}
		if err == nil {
			lines = append(lines, cm.Body)
		}
	}
	return strings.Join(lines, "\n"), nil
}

// notifyOutcome tells everyone who responded to the consultation that its
// outcome is published, once per person however often it is corrected.
func (s *Service) notifyOutcome(ctx context.Context, tx *store.Store, c *model.Consultation) error {
	if !s.Mail {
		return nil
	}
	ids, err := tx.RespondentIDs(ctx, c.ID)
	if err != nil {
		return err
	}
	p := model.MailParams{Title: c.Title, TitleCy: c.TitleCy, Path: "/consultations/" + c.Slug}
	for _, id := range ids {
		if err := s.notify(ctx, tx, id, model.MailOutcome, p, fmt.Sprintf("outcome:%d:%d", c.ID, id)); err != nil {
			return err
		}
	}
	return nil
}
