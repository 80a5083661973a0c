package consult

import (
	"context"
	"errors"
	"fmt"

	"pilcrow/app/model"
)

// AnswerView is one of a person's answers with its free text.
type AnswerView struct {
	model.Answer
	Text       string
	TextStatus model.CommentStatus // "" when there is no text
}

// PersonAnswers is everything a person has answered in one consultation.
type PersonAnswers struct {
	Respondent *model.Respondent // nil before the first answer
	Answers    map[string]AnswerView
}

// AnswersOf returns u's answers to the consultation's questions (none for nil u).
func (s *Service) AnswersOf(ctx context.Context, c *model.Consultation, u *model.User) (*PersonAnswers, error) {
	out := &PersonAnswers{Answers: map[string]AnswerView{}}
	if u == nil {
		return out, nil
	}
	r, err := s.Store.Respondent(ctx, c.ID, u.ID)
	switch {
	case err == nil:
		out.Respondent = r
	case !errors.Is(err, model.ErrNotFound):
		return nil, err
	}
	as, err := s.Store.UserAnswers(ctx, c.ID, u.ID)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		v := AnswerView{Answer: a}
		if a.CommentID != nil {
			cm, err := s.Store.Comment(ctx, *a.CommentID)
			if err != nil && !errors.Is(err, model.ErrNotFound) {
				return nil, err
			}
			if err == nil {
				v.Text, v.TextStatus = cm.Body, cm.Status
			}
		}
		out.Answers[a.QuestionKey] = v
	}
	return out, nil
}

// Response is a person's whole response to a consultation, for the
// check-your-answers page: answers in document order, then comments.
type Response struct {
	Consultation *model.Consultation
	Status       model.Status
	Reference    string // "" until the first answer
	Respondent   *model.Respondent
	Questions    []QuestionBlock
	Answers      map[string]AnswerView
	Comments     []model.Comment // the person's comments, answers' texts left out
}

// YourResponse gathers u's answers and comments on a published consultation.
func (s *Service) YourResponse(ctx context.Context, slug string, u *model.User) (*Response, error) {
	if u == nil {
		return nil, model.ErrNotSignedIn
	}
	c, err := s.publishedConsultation(ctx, slug)
	if err != nil {
		return nil, err
	}
	v, err := s.Store.Version(ctx, *c.CurrentVersionID)
	if err != nil {
		return nil, err
	}
	pa, err := s.AnswersOf(ctx, c, u)
	if err != nil {
		return nil, err
	}
	r := &Response{Consultation: c, Status: c.StatusAt(s.now()), Respondent: pa.Respondent,
		Questions: Questions(v), Answers: pa.Answers}
	if pa.Respondent != nil {
		r.Reference = Reference(c.ID, pa.Respondent.ID)
	}
	texts := map[int64]bool{}
	for _, a := range pa.Answers {
		if a.CommentID != nil {
			texts[*a.CommentID] = true
		}
	}
	cs, _, err := s.Store.UserComments(ctx, u.ID, 0, 1<<20)
	if err != nil {
		return nil, err
	}
	for _, cm := range cs {
		if cm.ConsultationID == c.ID && !texts[cm.ID] && cm.Status != model.CommentWithdrawn {
			r.Comments = append(r.Comments, cm)
		}
	}
	return r, nil
}

// Reference is a respondent's reference number, to quote to the policy team.
func Reference(consultationID, respondentID int64) string {
	return fmt.Sprintf("PC%d-%06d", consultationID, respondentID)
}

// RespondedConsultations lists the consultations whose questions u answered, for /me.
func (s *Service) RespondedConsultations(ctx context.Context, u *model.User) ([]model.Consultation, error) {
	rs, err := s.Store.UserRespondents(ctx, u.ID)
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ConsultationID
	}
	byID, err := s.Store.ConsultationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []model.Consultation
	for _, id := range ids {
		if c, ok := byID[id]; ok {
			out = append(out, c)
		}
	}
	return out, nil
}
