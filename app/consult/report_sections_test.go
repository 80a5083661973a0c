package consult_test

import (
	"context"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestReportHasQuestionsAndThemes checks that the summary report carries a
// section per question, with its counts and the texts that may be published,
// and the themes the analysts used, with how many comments each covers.
func TestReportHasQuestionsAndThemes(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		f := newAnswerFixture(t, engine, model.PostModeration)
		one, text := f.qs[0].Key, f.qs[2].Key
		answer := func(u *model.User, in consult.AnswerInput) *model.Answer {
			t.Helper()
			in.RespondingAs, in.Language = "individual", "en"
			a, err := f.svc.SubmitAnswer(ctx, u, "192.0.2.1", "q", in)
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		answer(f.users[0], consult.AnswerInput{QuestionKey: one, Choices: []string{"Agree"}, Text: "Safer for children.", Publish: "anonymous"})
		answer(f.users[1], consult.AnswerInput{QuestionKey: one, Choices: []string{"Disagree"}, Text: "Keep this private.", Publish: "no"})
		shared := answer(f.users[0], consult.AnswerInput{QuestionKey: text, Text: "More benches, please.", Publish: "anonymous"})

		analyst := f.users[1]
		if err := f.svc.Store.SetRole(ctx, analyst.ID, model.RoleAnalyst); err != nil {
			t.Fatal(err)
		}
		analyst.Role = model.RoleAnalyst
		reports := &consult.Reports{Service: f.svc, Zone: time.UTC}
		if _, err := reports.CreateTheme(ctx, analyst, f.c, consult.ThemeInput{Name: "Street furniture"}); err != nil {
			t.Fatal(err)
		}
		if err := reports.SetCommentThemes(ctx, analyst, *shared.CommentID, []string{"Street furniture"}); err != nil {
			t.Fatal(err)
		}

		r, err := reports.Report(ctx, f.c, model.English)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Questions) != 3 {
			t.Fatalf("%d question sections, want 3", len(r.Questions))
		}
		q := r.Questions[0]
		counts := map[string]int{}
		for _, o := range q.Options {
			counts[o.Label] = o.Count
		}
		if q.Text != "Do you agree with the network?" || counts["Agree"] != 1 || counts["Disagree"] != 1 || counts["Don't know"] != 0 {
			t.Errorf("question 1 section %+v", q)
		}
		if len(q.Answers) != 1 || q.Answers[0].Body != "Safer for children." || q.Answers[0].Author != "" {
			t.Errorf("question 1 publishable texts %+v: want only the anonymous one, without a name", q.Answers)
		}
		if got := r.Questions[2].Answers; len(got) != 1 || got[0].Body != "More benches, please." {
			t.Errorf("free-text question's texts %+v", got)
		}
		if len(r.Themes) != 1 || r.Themes[0].Name != "Street furniture" || r.Themes[0].Count != 1 {
			t.Errorf("themes %+v", r.Themes)
		}
	})
}
