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
	"unicode/utf8"

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
	var choices []string
	if t.Question != nil {
		var qfe model.FieldErrors
		choices, cm.Body, qfe = checkChoices(t.Question, AnswerInput{Choices: in.Choices, Text: in.Text})
		delete(fe, "body")
		for field, key := range qfe {
			if field == "text" { // the form has one text box, named body
				field = "body"
			}
			fe[field] = key
		}
	}
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

// checkOffline validates the fields every offline response has.
func (s *Service) checkOffline(c *model.Consultation, in OfflineInput, fe model.FieldErrors) (*model.OfflineResponse, *model.Comment) {
	if in.Respondent == "" {
		if name := strings.TrimSpace(in.Name); name == "" {
			fe["name"] = "offline.error.name.empty"
		} else if !model.ValidDisplayName(name) || strings.ContainsAny(name, "\n\r\t") {
			fe["name"] = "offline.error.name.invalid"
		}
	}
	cm := &model.Comment{ConsultationID: c.ID, VersionID: *c.CurrentVersionID, Language: model.English}
	checkFields(fe, cm, CommentInput{Body: in.Text, RespondingAs: in.RespondingAs, Organisation: in.Organisation, Publish: in.Publish})
	rec := &model.OfflineResponse{ConsultationID: c.ID, Channel: in.Channel,
		Contact: strings.TrimSpace(in.Contact), Reference: strings.TrimSpace(in.Reference)}
	if !slices.Contains(model.OfflineChannels, in.Channel) {
		fe["channel"] = "offline.error.channel"
	}
	checkLine(fe, "contact", rec.Contact, MaxContactRunes)
	checkLine(fe, "reference", rec.Reference, MaxReferenceRunes)
	rec.ReceivedOn = s.checkReceived(c, in.Received, in.Zone, fe)
	return rec, cm
}

// checkLine refuses an optional one-line field that is too long or not text.
func checkLine(fe model.FieldErrors, field, v string, max int) {
	switch {
	case !validText(v) || strings.ContainsAny(v, "\n\r\t"):
		fe[field] = "offline.error." + field + ".invalid"
	case utf8.RuneCountInString(v) > max:
		fe[field] = "offline.error." + field + ".long"
	}
}

// checkReceived reads the date received: a real date, not in the future and
// not before the consultation opened. After the closing date is allowed: a
// letter posted in time may arrive late, and the date shows when it came.
func (s *Service) checkReceived(c *model.Consultation, p DateParts, zone *time.Location, fe model.FieldErrors) string {
	if zone == nil {
		zone = time.UTC
	}
	day, month, year := strings.TrimSpace(p.Day), strings.TrimSpace(p.Month), strings.TrimSpace(p.Year)
	if day == "" || month == "" || year == "" {
		fe["received"] = "offline.error.received.empty"
		return ""
	}
	d, errD := strconv.Atoi(day)
	m, errM := strconv.Atoi(month)
	y, errY := strconv.Atoi(year)
	date := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if errD != nil || errM != nil || errY != nil || len(year) != 4 || date.Day() != d || int(date.Month()) != m {
		fe["received"] = "offline.error.received.real"
		return ""
	}
	today := s.now().In(zone).Format("2006-01-02")
	switch on := date.Format("2006-01-02"); {
	case on > today:
		fe["received"] = "offline.error.received.future"
	case c.OpensAt != nil && on < c.OpensAt.In(zone).Format("2006-01-02"):
		fe["received"] = "offline.error.received.early"
	default:
		return on
	}
	return ""
}

// offlineRespondent returns the account of an earlier offline response to the
// same consultation when the form names one; any other account is refused, so
// an official can never write in a real person's name.
func (s *Service) offlineRespondent(ctx context.Context, c *model.Consultation, id string, fe model.FieldErrors) (*model.User, error) {
	if id == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		fe["name"] = "offline.error.respondent"
		return nil, nil
	}
	u, err := s.Store.User(ctx, n)
	if err != nil && !errors.Is(err, model.ErrNotFound) {
		return nil, err
	}
	if err == nil && u.Offline() {
		if ok, err := s.Store.OfflineRespondentOf(ctx, c.ID, u.ID); err != nil || ok {
			return u, err
		}
	}
	fe["name"] = "offline.error.respondent"
	return nil, nil
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
