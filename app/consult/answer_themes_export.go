package consult

import (
	"context"
	"io"

	"pilcrow/app/export"
	"pilcrow/app/model"
)

// ExportAnswerThemesCSV writes answers-themes.csv for an analyst or admin who
// is not blocked: each answer's text, in respondent order as in answers.csv,
// with the themes analysts tagged it with. Answers' texts are comments on
// their question, so they are tagged and searched like any comment.
func (s *Service) ExportAnswerThemesCSV(ctx context.Context, by *model.User, c *model.Consultation, w io.Writer) error {
	if err := acting(by, model.RoleAnalyst); err != nil {
		return err
	}
	number := map[string]int{}
	if c.CurrentVersionID != nil {
		v, err := s.Store.Version(ctx, *c.CurrentVersionID)
		if err != nil {
			return err
		}
		for i, q := range Questions(v) {
			number[q.Key] = i + 1
		}
	}
	answers, err := s.Store.ConsultationAnswers(ctx, c.ID)
	if err != nil {
		return err
	}
	respondents, err := s.Store.ConsultationRespondents(ctx, c.ID)
	if err != nil {
		return err
	}
	themes, err := s.Store.CommentThemeNames(ctx, c.ID)
	if err != nil {
		return err
	}
	cw, err := export.NewAnswerThemesWriter(w)
	if err != nil {
		return err
	}
	for _, a := range answers {
		if a.CommentID == nil || a.Text == "" || number[a.QuestionKey] == 0 {
			continue
		}
		if err := cw.Write(export.AnswerThemesRow{Consultation: c.Slug, Respondent: Reference(c.ID, respondents[a.UserID].ID),
			Question:  export.AnswerQuestion{Number: number[a.QuestionKey], Key: a.QuestionKey},
			CommentID: *a.CommentID, Text: a.Text, Themes: themes[*a.CommentID]}); err != nil {
			return err
		}
	}
	return cw.Flush()
}
