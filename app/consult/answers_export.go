package consult

import (
	"context"
	"io"

	"pilcrow/app/export"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// WriteAnswersCSV writes answers.csv for the consultation: one row per
// respondent, with each question of the current version in document order.
// It is internal to the policy team, so every text is there whatever its
// publish choice or moderation status, as in the comments export.
func (s *Service) WriteAnswersCSV(ctx context.Context, c *model.Consultation, w io.Writer) error {
	var qs []QuestionBlock
	if c.CurrentVersionID != nil {
		v, err := s.Store.Version(ctx, *c.CurrentVersionID)
		if err != nil {
			return err
		}
		qs = Questions(v)
	}
	cols := make([]export.AnswerQuestion, len(qs))
	for i, q := range qs {
		cols[i] = export.AnswerQuestion{Number: i + 1, Key: q.Key}
	}
	answers, err := s.Store.ConsultationAnswers(ctx, c.ID)
	if err != nil {
		return err
	}
	respondents, err := s.Store.ConsultationRespondents(ctx, c.ID)
	if err != nil {
		return err
	}
	var ids []int64
	for id := range respondents {
		ids = append(ids, id)
	}
	users, err := s.Store.UsersByID(ctx, ids)
	if err != nil {
		return err
	}
	cw, err := export.NewAnswersWriter(w, cols)
	if err != nil {
		return err
	}
	for i := 0; i < len(answers); {
		j := i
		for j < len(answers) && answers[j].UserID == answers[i].UserID {
			j++
		}
		if err := cw.Write(answersRow(c, respondents[answers[i].UserID], users[answers[i].UserID], answers[i:j])); err != nil {
			return err
		}
		i = j
	}
	return cw.Flush()
}

// answersRow is one respondent's row from their answers (at least one).
func answersRow(c *model.Consultation, r model.Respondent, u model.User, as []store.ExportAnswer) export.AnswersRow {
	row := export.AnswersRow{Consultation: c.Slug, Respondent: Reference(c.ID, r.ID), Author: u.DisplayName,
		RespondingAs: r.RespondingAs, Organisation: r.Organisation, Publish: string(r.Publish),
		Channel: as[0].Channel, Language: as[0].Language, Answers: map[string]export.AnswerCell{}}
	for _, a := range as {
		if row.FirstAnsweredAt.IsZero() || a.CreatedAt.Before(row.FirstAnsweredAt) {
			row.FirstAnsweredAt = a.CreatedAt
		}
		if a.UpdatedAt.After(row.LastAnsweredAt) {
			row.LastAnsweredAt, row.Language = a.UpdatedAt, a.Language
		}
		row.Answers[a.QuestionKey] = export.AnswerCell{Choices: a.ChoiceList(), Text: a.Text}
	}
	return row
}
