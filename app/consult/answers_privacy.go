package consult

import (
	"context"
	"time"

	"pilcrow/app/model"
)

// ExportAnswer is one answer in a data export, with the About you details
// it was given under. Its text, if any, is among the comments, by comment id.
type ExportAnswer struct {
	Consultation string    `json:"consultation"`
	QuestionKey  string    `json:"question_key"`
	Choices      []string  `json:"choices"`
	TextComment  *int64    `json:"text_comment_id,omitempty"`
	RespondingAs string    `json:"responding_as"`
	Organisation string    `json:"organisation,omitempty"`
	Publish      string    `json:"publish"`
	Language     string    `json:"language"`
	Channel      string    `json:"channel"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// exportAnswers lists u's answers to every consultation for "download my data".
func (s *Service) exportAnswers(ctx context.Context, u *model.User) ([]ExportAnswer, error) {
	as, err := s.Store.UserAnswers(ctx, 0, u.ID)
	if err != nil {
		return nil, err
	}
	rs, err := s.Store.UserRespondents(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	byConsultation := map[int64]model.Respondent{}
	ids := []int64{}
	for _, r := range rs {
		byConsultation[r.ConsultationID] = r
		ids = append(ids, r.ConsultationID)
	}
	consultations, err := s.Store.ConsultationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []ExportAnswer{}
	for _, a := range as {
		r := byConsultation[a.ConsultationID]
		choices := a.ChoiceList()
		if choices == nil {
			choices = []string{}
		}
		out = append(out, ExportAnswer{Consultation: consultations[a.ConsultationID].Slug, QuestionKey: a.QuestionKey,
			Choices: choices, TextComment: a.CommentID, RespondingAs: r.RespondingAs, Organisation: r.Organisation,
			Publish: string(r.Publish), Language: a.Language, Channel: a.Channel,
			CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC()})
	}
	return out, nil
}
