package consult

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"pilcrow/app/document"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// AnswerInput is the answer form as the person filled it in, untrusted. The
// respondent fields may be left empty once the person has given them.
type AnswerInput struct {
	QuestionKey  string
	Choices      []string
	Text         string
	RespondingAs string
	Organisation string
	Publish      string
	Language     string // the language of the page answered on
}

// aboutYouGiven reports whether the form carries the "About you" fields.
func (in AnswerInput) aboutYouGiven() bool { return in.Publish != "" || in.RespondingAs != "" }

// SubmitAnswer stores u's answer to a question of an open consultation,
// replacing any earlier one. Its free text becomes a comment on the question,
// moderated like any other; changed text is a new comment and the old one is
// withdrawn. Invalid input is a model.FieldErrors.
func (s *Service) SubmitAnswer(ctx context.Context, u *model.User, ip, slug string, in AnswerInput) (*model.Answer, error) {
	if err := acting(u); err != nil {
		return nil, err
	}
	c, err := s.publishedConsultation(ctx, slug)
	if err != nil {
		return nil, err
	}
	v, err := s.Store.Version(ctx, *c.CurrentVersionID)
	if err != nil {
		return nil, err
	}
	qs := Questions(v)
	q := findQuestion(qs, in.QuestionKey)
	choices, text, fe := s.checkAnswer(c, q, in)
	// Rate limits and the spam check run before the transaction: their shared
	// rows must not stay locked while it runs.
	held := ""
	if text != "" && len(fe) == 0 {
		if err := s.hitLimits(ctx, "comment", u.ID, ip, s.limits().commentRules()); err != nil {
			return nil, err
		}
		if held, err = s.holdReason(ctx, u.ID, text); err != nil {
			return nil, err
		}
	}
	var a *model.Answer
	bump := false // whether a public page changes: bumped after the commit, never holding the row in the transaction
	err = s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockRespondent(ctx, c.ID, u.ID); err != nil {
			return err
		}
		r, err := s.respondent(ctx, tx, c.ID, u.ID, in, fe)
		if err != nil || len(fe) > 0 {
			return err
		}
		a = &model.Answer{ConsultationID: c.ID, QuestionKey: q.Key, UserID: u.ID,
			Choices: model.JoinChoices(choices), Language: answerLanguage(in.Language)}
		if a.CommentID, bump, err = s.answerText(ctx, tx, c, u, r, a, text, held); err != nil {
			return err
		}
		if err := tx.SaveAnswer(ctx, a); err != nil {
			return err
		}
		return s.afterAnswer(ctx, tx, c, qs, a)
	})
	if err == nil && len(fe) > 0 {
		err = fe
	}
	if err == nil && bump {
		err = s.Store.BumpRevisionSoon(ctx, c.ID)
	}
	return a, err
}

// checkAnswer validates the question, choices and text against the question.
func (s *Service) checkAnswer(c *model.Consultation, q *QuestionBlock, in AnswerInput) ([]string, string, model.FieldErrors) {
	fe := model.FieldErrors{}
	switch c.StatusAt(s.now()) {
	case model.StatusUpcoming:
		fe["question"] = "questions.error.upcoming"
	case model.StatusClosed:
		fe["question"] = "questions.error.closed"
	}
	if q == nil {
		fe["question"] = "questions.error.question"
		return nil, "", fe
	}
	choices, text, more := checkChoices(q, in)
	for field, key := range more {
		fe[field] = key
	}
	return choices, text, fe
}

// checkChoices validates the choices and text against the question, whenever
// and by whomever they were given.
func checkChoices(q *QuestionBlock, in AnswerInput) ([]string, string, model.FieldErrors) {
	fe := model.FieldErrors{}
	var choices []string
	for _, o := range q.Options { // the question's order, each once
		if slices.Contains(in.Choices, o) {
			choices = append(choices, o)
		}
	}
	text := strings.TrimSpace(strings.ReplaceAll(in.Text, "\r\n", "\n"))
	switch {
	case len(choices) != len(dedupe(in.Choices)):
		fe["choice"] = "questions.error.choice.invalid"
	case q.Type == document.QuestionOne && len(choices) == 0:
		fe["choice"] = "questions.error.choice.one"
	case q.Type == document.QuestionOne && len(choices) > 1:
		fe["choice"] = "questions.error.choice.invalid"
	case q.Type == document.QuestionMany && len(choices) == 0:
		fe["choice"] = "questions.error.choice.many"
	}
	switch {
	case !validText(text):
		fe["text"] = "comments.error.body.invalid"
	case q.Type == document.QuestionText && text == "":
		fe["text"] = "questions.error.text.empty"
	case utf8.RuneCountInString(text) > MaxCommentRunes:
		fe["text"] = "comments.error.body.long"
	}
	if !q.Explain {
		text = ""
	}
	return choices, text, fe
}

func dedupe(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// answerLanguage keeps the languages Pilcrow speaks and reads anything else as English.
func answerLanguage(l string) string {
	if l == "cy" {
		return "cy"
	}
	return "en"
}

// respondent returns the person's "About you" details: those in the form,
// saved, when given, else the ones given before. Problems go into fe.
func (s *Service) respondent(ctx context.Context, tx *store.Store, consultationID, userID int64, in AnswerInput, fe model.FieldErrors) (*model.Respondent, error) {
	if !in.aboutYouGiven() {
		r, err := tx.Respondent(ctx, consultationID, userID)
		if errors.Is(err, model.ErrNotFound) {
			fe["publish"] = "questions.error.publish"
			return nil, nil
		}
		return r, err
	}
	probe := &model.Comment{}
	about := model.FieldErrors{}
	checkFields(about, probe, CommentInput{Body: "-", RespondingAs: in.RespondingAs, Organisation: in.Organisation, Publish: in.Publish})
	for field, key := range about {
		if field == "publish" || field == "responding_as" {
			key = "questions.error." + field // the comment's words say "comment"
		}
		fe[field] = key
	}
	if len(fe) > 0 {
		return nil, nil
	}
	r := &model.Respondent{ConsultationID: consultationID, UserID: userID, RespondingAs: probe.RespondingAs,
		Organisation: probe.Organisation, Publish: probe.Publish}
	return r, tx.SaveRespondent(ctx, r)
}

// answerText keeps, replaces or removes the comment that holds an answer's
// free text, and returns the comment's id for the answer (nil for no text)
// and whether the consultation's public pages change.
func (s *Service) answerText(ctx context.Context, tx *store.Store, c *model.Consultation, u *model.User,
	r *model.Respondent, a *model.Answer, text, held string) (*int64, bool, error) {
	var prior *model.Comment
	if old, err := tx.Answer(ctx, c.ID, a.QuestionKey, u.ID); err == nil && old.CommentID != nil {
		if cm, err := tx.Comment(ctx, *old.CommentID); err == nil && cm.Status != model.CommentWithdrawn {
			prior = cm
		} else if err != nil && !errors.Is(err, model.ErrNotFound) {
			return nil, false, err
		}
	} else if err != nil && !errors.Is(err, model.ErrNotFound) {
		return nil, false, err
	}
	if prior != nil && prior.Body == text && prior.Publish == r.Publish &&
		prior.RespondingAs == r.RespondingAs && prior.Organisation == r.Organisation {
		return &prior.ID, false, nil
	}
	bump := false
	if prior != nil {
		if _, err := tx.WithdrawComment(ctx, prior.ID, u.ID); err != nil {
			return nil, false, err
		}
		bump = prior.Status == model.CommentApproved && prior.Publish.Public()
	}
	if text == "" {
		return nil, bump, nil
	}
	cm := &model.Comment{ConsultationID: c.ID, VersionID: *c.CurrentVersionID, ParagraphKey: a.QuestionKey,
		UserID: u.ID, Body: text, RespondingAs: r.RespondingAs, Organisation: r.Organisation, Publish: r.Publish,
		Channel: a.Channel, SubmissionToken: NewSubmissionToken(), Status: model.CommentPending, HeldReason: held}
	if c.Moderation == model.PostModeration && cm.HeldReason == "" {
		cm.Status = model.CommentApproved
	}
	if _, err := tx.InsertComment(ctx, cm); err != nil {
		return nil, false, err
	}
	return &cm.ID, bump || (cm.Status == model.CommentApproved && cm.Publish.Public()), nil
}
