package consult

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Limits of the fields only an official fills in, in characters.
const (
	MaxContactRunes   = 200
	MaxReferenceRunes = 200
)

// OfflineInput is the form an official fills in for a response received by
// post, email, phone or at an event, untrusted.
type OfflineInput struct {
	Respondent   string // the id of an account entered before, for another response from the same person
	Name         string
	RespondingAs string
	Organisation string
	Contact      string
	Channel      string
	Received     DateParts // the date received; Time is unused
	Paragraph    string    // the block's number as people see it, "" for the whole document
	Choices      []string  // for a question
	Text         string
	Publish      string
	Reference    string
	Zone         *time.Location // the service's time zone, in which "today" is reckoned; nil means UTC
}

// OfflineTarget is the block an offline response is about: nil Block for the
// whole document, Question set when the block is a question.
type OfflineTarget struct {
	Block    *model.Block
	Question *QuestionBlock
}

// OfflineResult is what entering a response stored.
type OfflineResult struct {
	Respondent *model.User
	Comment    *model.Comment // nil for an answer without text
	Answer     *model.Answer  // nil for a comment
}

// OfflineConsultation returns a consultation that officials may enter
// responses for: one that has opened, including after it closed, since
// letters posted before the deadline arrive later. Moderators and admins only.
func (s *Service) OfflineConsultation(ctx context.Context, by *model.User, slug string) (*model.Consultation, error) {
	if err := acting(by, model.RoleModerator); err != nil {
		return nil, err
	}
	c, err := s.publishedConsultation(ctx, slug)
	if err != nil {
		return nil, err
	}
	if s.Status(c) == model.StatusUpcoming {
		return nil, model.ErrConflict // nothing can have been sent about it yet
	}
	return c, nil
}

// OfflineTargetOf finds the block with the number people see in the current
// version; "" is the whole document. An unknown number is a field error.
func (s *Service) OfflineTargetOf(ctx context.Context, c *model.Consultation, number string) (OfflineTarget, error) {
	number = strings.TrimSpace(number)
	if number == "" {
		return OfflineTarget{}, nil
	}
	n, err := strconv.Atoi(number)
	if err != nil || n < 1 {
		return OfflineTarget{}, model.FieldErrors{"paragraph": "offline.error.paragraph"}
	}
	blocks, err := s.Store.Blocks(ctx, *c.CurrentVersionID)
	if err != nil {
		return OfflineTarget{}, err
	}
	i := slices.IndexFunc(blocks, func(b model.Block) bool { return b.Number == n })
	if i < 0 {
		return OfflineTarget{}, model.FieldErrors{"paragraph": "offline.error.paragraph"}
	}
	v, err := s.Store.Version(ctx, *c.CurrentVersionID)
	if err != nil {
		return OfflineTarget{}, err
	}
	return OfflineTarget{Block: &blocks[i], Question: findQuestion(Questions(v), blocks[i].Key)}, nil
}

// EnterOfflineResponse stores a response an official received, on behalf of
// the person who sent it, in an account that can never sign in. The comment
// goes through the consultation's moderation like an online one; the answer
// to a question counts like an online one; both carry the channel. An audit
// entry names the official. Invalid input is a model.FieldErrors.
func (s *Service) EnterOfflineResponse(ctx context.Context, by *model.User, slug string, in OfflineInput) (*OfflineResult, error) {
	c, err := s.OfflineConsultation(ctx, by, slug)
	if err != nil {
		return nil, err
	}
	t, err := s.OfflineTargetOf(ctx, c, in.Paragraph)
	fe := model.FieldErrors{}
	if !errors.As(err, &fe) && err != nil {
		return nil, err
	}
	rec, cm := s.checkOffline(c, in, fe)
	choices := checkOfflineAnswer(t, in, cm, fe)
	prior, err := s.offlineRespondent(ctx, c, in.Respondent, fe)
	if err != nil {
		return nil, err
	}
	if len(fe) > 0 {
		return nil, fe
	}
	res := &OfflineResult{Respondent: prior}
	err = s.Store.Tx(ctx, func(tx *store.Store) error {
		if res.Respondent == nil {
			if res.Respondent, err = tx.CreateOfflineUser(ctx, strings.TrimSpace(in.Name), randomSubject()); err != nil {
				return err
			}
		}
		if t.Block != nil {
			cm.ParagraphKey = t.Block.Key
		}
		if t.Question != nil {
			return s.offlineAnswer(ctx, tx, c, by, t, rec, cm, choices, res)
		}
		return s.offlineComment(ctx, tx, c, by, rec, cm, res)
	})
	if err != nil {
		return nil, err
	}
	if res.Comment != nil && res.Comment.Status == model.CommentApproved && res.Comment.Publish.Public() {
		err = s.Store.BumpRevisionSoon(ctx, c.ID)
	}
	return res, err
}

// offlineComment stores the response as a comment under the moderation rules
// of online ones, with its record and audit entry.
func (s *Service) offlineComment(ctx context.Context, tx *store.Store, c *model.Consultation, by *model.User,
	rec *model.OfflineResponse, cm *model.Comment, res *OfflineResult) error {
	cm.UserID, cm.Channel, cm.SubmissionToken = res.Respondent.ID, rec.Channel, NewSubmissionToken()
	cm.Status = model.CommentPending
	if c.Moderation == model.PostModeration {
		cm.Status = model.CommentApproved
	}
	if _, err := tx.InsertComment(ctx, cm); err != nil {
		return err
	}
	res.Comment = cm
	return s.recordOffline(ctx, tx, by, rec, res)
}

// offlineAnswer stores the response as an answer to a question, its text as
// the answer's comment, with its record and audit entry.
func (s *Service) offlineAnswer(ctx context.Context, tx *store.Store, c *model.Consultation, by *model.User, t OfflineTarget,
	rec *model.OfflineResponse, cm *model.Comment, choices []string, res *OfflineResult) error {
	u := res.Respondent
	r := &model.Respondent{ConsultationID: c.ID, UserID: u.ID, RespondingAs: cm.RespondingAs,
		Organisation: cm.Organisation, Publish: cm.Publish}
	if err := tx.SaveRespondent(ctx, r); err != nil {
		return err
	}
	a := &model.Answer{ConsultationID: c.ID, QuestionKey: t.Question.Key, UserID: u.ID,
		Choices: model.JoinChoices(choices), Language: model.English, Channel: rec.Channel}
	var err error
	if a.CommentID, _, err = s.answerText(ctx, tx, c, u, r, a, cm.Body, ""); err != nil {
		return err
	}
	if err := tx.SaveAnswer(ctx, a); err != nil {
		return err
	}
	res.Answer, rec.QuestionKey, rec.CommentID = a, a.QuestionKey, a.CommentID
	if a.CommentID != nil {
		if res.Comment, err = tx.Comment(ctx, *a.CommentID); err != nil {
			return err
		}
	}
	return s.recordOffline(ctx, tx, by, rec, res)
}

// recordOffline keeps the official's record and the audit entry naming them.
// The contact stays out of the audit log: the log is not where people's
// addresses should spread to.
func (s *Service) recordOffline(ctx context.Context, tx *store.Store, by *model.User, rec *model.OfflineResponse, res *OfflineResult) error {
	rec.UserID, rec.EnteredBy = res.Respondent.ID, &by.ID
	if res.Comment != nil && rec.CommentID == nil {
		rec.CommentID = &res.Comment.ID
	}
	if err := tx.InsertOfflineResponse(ctx, rec); err != nil {
		return err
	}
	after := map[string]any{"channel": rec.Channel, "received": rec.ReceivedOn, "respondent": res.Respondent.ID,
		"respondent_name": res.Respondent.DisplayName, "entered_by": by.DisplayName}
	target, id := "offline_response", strconv.FormatInt(rec.ID, 10)
	if rec.CommentID != nil {
		target, id = "comment", strconv.FormatInt(*rec.CommentID, 10)
	}
	return tx.Audit(ctx, &by.ID, "response.offline", target, id, nil, after)
}

// randomSubject is an offline account's subject: random, so no sign-in can
// ever claim it.
func randomSubject() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "entered-" + hex.EncodeToString(b)
}

// OfflineResponses lists the responses entered for a consultation, with the
// private contact details, for moderators and admins.
func (s *Service) OfflineResponses(ctx context.Context, by *model.User, c *model.Consultation) ([]store.OfflineRow, error) {
	if err := acting(by, model.RoleModerator); err != nil {
		return nil, err
	}
	return s.Store.OfflineResponses(ctx, c.ID)
}
