package consult_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// questionDoc has one question of each type.
const questionDoc = "# Plan\n\nWe propose a cycle network.\n\n" +
	"```question\nDo you agree with the network?\n- Agree\n- Disagree\n- Don't know\n```\n\n" +
	"```question\nWhich routes would you use?\ntype: many\n- North\n- South\n- East\nexplain: no\n```\n\n" +
	"```question\nWhat else should we know?\n```\n"

type answerFixture struct {
	svc   *consult.Service
	clk   *clock
	c     *model.Consultation
	qs    []consult.QuestionBlock
	users []*model.User
}

func newAnswerFixture(t *testing.T, engine string, mode model.Moderation) *answerFixture {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	svc, clk := newService(t, engine, now)
	opens, closes := now.Add(-time.Hour), now.Add(24*time.Hour)
	c := &model.Consultation{Slug: "q", Title: "Q", Moderation: mode, OpensAt: &opens, ClosesAt: &closes}
	if err := svc.Store.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	v, err := svc.PublishVersion(ctx, c, questionDoc, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &answerFixture{svc: svc, clk: clk, c: c, qs: consult.Questions(v)}
	if len(f.qs) != 3 {
		t.Fatalf("questions %+v", f.qs)
	}
	for _, e := range []string{"a@example.org", "b@example.org"} {
		u, err := svc.Store.UpsertUser(ctx, store.Identity{Provider: "dev", Subject: e, Email: e, Name: e, EmailVerified: true})
		if err != nil {
			t.Fatal(err)
		}
		f.users = append(f.users, u)
	}
	return f
}

func about(in consult.AnswerInput) consult.AnswerInput {
	in.RespondingAs, in.Publish = "individual", "anonymous"
	return in
}

func TestAnswerValidation(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		f := newAnswerFixture(t, engine, model.PreModeration)
		one, many, text := f.qs[0].Key, f.qs[1].Key, f.qs[2].Key
		for _, tc := range []struct {
			name  string
			in    consult.AnswerInput
			field string
		}{
			{"unknown question", about(consult.AnswerInput{QuestionKey: "zzzzzzzz", Choices: []string{"Agree"}}), "question"},
			{"no choice", about(consult.AnswerInput{QuestionKey: one}), "choice"},
			{"two choices for one", about(consult.AnswerInput{QuestionKey: one, Choices: []string{"Agree", "Disagree"}}), "choice"},
			{"option not offered", about(consult.AnswerInput{QuestionKey: one, Choices: []string{"Maybe"}}), "choice"},
			{"many with none", about(consult.AnswerInput{QuestionKey: many}), "choice"},
			{"text empty", about(consult.AnswerInput{QuestionKey: text, Text: "  "}), "text"},
			{"no about you the first time", consult.AnswerInput{QuestionKey: one, Choices: []string{"Agree"}}, "publish"},
			{"organisation unnamed", consult.AnswerInput{QuestionKey: one, Choices: []string{"Agree"}, RespondingAs: "organisation", Publish: "name"}, "organisation"},
			{"NUL in text", about(consult.AnswerInput{QuestionKey: text, Text: "a\x00b"}), "text"},
		} {
			_, err := f.svc.SubmitAnswer(context.Background(), f.users[0], "192.0.2.1", "q", tc.in)
			var fe model.FieldErrors
			if !errors.As(err, &fe) || fe[tc.field] == "" {
				t.Errorf("%s: err %v, want an error on %s", tc.name, err, tc.field)
			}
		}
		if as, _ := f.svc.Store.UserAnswers(context.Background(), f.c.ID, f.users[0].ID); len(as) != 0 {
			t.Errorf("invalid answers stored: %+v", as)
		}
	})
}

func TestAnswerReplacesAndReusesAboutYou(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		f := newAnswerFixture(t, engine, model.PostModeration)
		u, one, many := f.users[0], f.qs[0].Key, f.qs[1].Key
		a, err := f.svc.SubmitAnswer(ctx, u, "192.0.2.1", "q", consult.AnswerInput{QuestionKey: one, Choices: []string{"Agree"},
			Text: "Safer for children.", RespondingAs: "organisation", Organisation: "Cycle Club", Publish: "name", Language: "cy"})
		if err != nil {
			t.Fatal(err)
		}
		if a.CommentID == nil || a.Language != "cy" || a.Channel != "online" {
			t.Fatalf("answer %+v", a)
		}
		first, _ := f.svc.Store.Comment(ctx, *a.CommentID)
		if first.ParagraphKey != one || first.Status != model.CommentApproved || first.Organisation != "Cycle Club" {
			t.Fatalf("text comment %+v", first)
		}
		// A later answer without the About you fields uses those given before.
		if _, err := f.svc.SubmitAnswer(ctx, u, "192.0.2.1", "q", consult.AnswerInput{QuestionKey: many,
			Choices: []string{"South", "North", "South"}, Text: "ignored: explain is no"}); err != nil {
			t.Fatal(err)
		}
		// Answering again replaces: new choice, new text; the old text is withdrawn.
		b, err := f.svc.SubmitAnswer(ctx, u, "192.0.2.1", "q", consult.AnswerInput{QuestionKey: one, Choices: []string{"Disagree"}, Text: "Changed my mind."})
		if err != nil {
			t.Fatal(err)
		}
		as, _ := f.svc.Store.UserAnswers(ctx, f.c.ID, u.ID)
		if len(as) != 2 {
			t.Fatalf("%d answers, want 2", len(as))
		}
		for _, x := range as {
			switch x.QuestionKey {
			case one:
				if x.Choices != "Disagree" || x.CommentID == nil || *x.CommentID != *b.CommentID {
					t.Errorf("replaced answer %+v", x)
				}
			case many:
				if x.Choices != "North\nSouth" || x.CommentID != nil {
					t.Errorf("many answer %+v (options in the question's order, once, no text)", x)
				}
			}
		}
		if old, _ := f.svc.Store.Comment(ctx, first.ID); old.Status != model.CommentWithdrawn {
			t.Errorf("old text is %s, want withdrawn", old.Status)
		}
		// The same text again keeps the same comment.
		c, err := f.svc.SubmitAnswer(ctx, u, "192.0.2.1", "q", consult.AnswerInput{QuestionKey: one, Choices: []string{"Agree"}, Text: "Changed my mind."})
		if err != nil || *c.CommentID != *b.CommentID {
			t.Errorf("same text made a new comment: %v %v", err, c)
		}
	})
}

func TestAnswerRefusedWhenNotOpenOrBlocked(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		f := newAnswerFixture(t, engine, model.PreModeration)
		in := about(consult.AnswerInput{QuestionKey: f.qs[0].Key, Choices: []string{"Agree"}})
		for _, tc := range []struct {
			name string
			at   time.Time
			want string
		}{
			{"upcoming", f.c.OpensAt.Add(-time.Minute), "questions.error.upcoming"},
			{"closed", f.c.ClosesAt.Add(time.Minute), "questions.error.closed"},
		} {
			f.clk.t = tc.at
			_, err := f.svc.SubmitAnswer(ctx, f.users[0], "192.0.2.1", "q", in)
			var fe model.FieldErrors
			if !errors.As(err, &fe) || fe["question"] != tc.want {
				t.Errorf("%s: %v", tc.name, err)
			}
		}
		f.clk.t = time.Now().UTC()
		blocked := *f.users[1]
		now := time.Now()
		blocked.BlockedAt = &now
		if _, err := f.svc.SubmitAnswer(ctx, &blocked, "192.0.2.1", "q", in); !errors.Is(err, model.ErrBlocked) {
			t.Errorf("blocked: %v", err)
		}
		if _, err := f.svc.SubmitAnswer(ctx, nil, "192.0.2.1", "q", in); !errors.Is(err, model.ErrNotSignedIn) {
			t.Errorf("signed out: %v", err)
		}
	})
}

// TestConcurrentAnswersMakeOne sends one person's answers with text at once:
// one answer, and one live text, must remain.
func TestConcurrentAnswersMakeOne(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		f := newAnswerFixture(t, engine, model.PostModeration)
		u, key := f.users[0], f.qs[0].Key
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				_, err := f.svc.SubmitAnswer(ctx, u, "192.0.2.1", "q", about(consult.AnswerInput{QuestionKey: key,
					Choices: []string{[]string{"Agree", "Disagree"}[i%2]}, Text: "Reason " + string(rune('A'+i))}))
				errs <- err
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		var answers, live int64
		f.svc.Store.DB.Model(&model.Answer{}).Where("user_id = ?", u.ID).Count(&answers)
		f.svc.Store.DB.Model(&model.Comment{}).Where("user_id = ? AND status <> ?", u.ID, model.CommentWithdrawn).Count(&live)
		if answers != 1 || live != 1 {
			t.Errorf("%d answers and %d live texts, want 1 and 1", answers, live)
		}
	})
}

func TestAnswersInDataExportAndDeletion(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		f := newAnswerFixture(t, engine, model.PreModeration)
		u := f.users[0]
		if _, err := f.svc.SubmitAnswer(ctx, u, "192.0.2.1", "q", consult.AnswerInput{QuestionKey: f.qs[0].Key,
			Choices: []string{"Agree"}, Text: "Because.", RespondingAs: "individual", Publish: "no"}); err != nil {
			t.Fatal(err)
		}
		d, err := f.svc.ExportData(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Answers) != 1 || d.Answers[0].Choices[0] != "Agree" || d.Answers[0].Publish != "no" ||
			d.Answers[0].TextComment == nil || len(d.Comments) != 1 || d.Comments[0].Body != "Because." {
			t.Fatalf("export %+v", d)
		}
		if err := f.svc.DeleteAccount(ctx, u); err != nil {
			t.Fatal(err)
		}
		var n int64
		f.svc.Store.DB.Model(&model.Answer{}).Where("user_id = ?", u.ID).Count(&n)
		var r int64
		f.svc.Store.DB.Model(&model.Respondent{}).Where("user_id = ?", u.ID).Count(&r)
		if n != 0 || r != 0 {
			t.Errorf("after deletion %d answers, %d respondents remain", n, r)
		}
	})
}

func TestQuestionResults(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		f := newAnswerFixture(t, engine, model.PreModeration)
		third, err := f.svc.Store.UpsertUser(ctx, store.Identity{Provider: "dev", Subject: "c", Email: "c@example.org", Name: "C", EmailVerified: true})
		if err != nil {
			t.Fatal(err)
		}
		one, many := f.qs[0].Key, f.qs[1].Key
		send := func(u *model.User, key string, as, lang string, choices ...string) {
			t.Helper()
			if _, err := f.svc.SubmitAnswer(ctx, u, "192.0.2.1", "q", consult.AnswerInput{QuestionKey: key, Choices: choices,
				RespondingAs: as, Organisation: "Org", Publish: "no", Language: lang}); err != nil {
				t.Fatal(err)
			}
		}
		send(f.users[0], one, "individual", "en", "Agree")
		send(f.users[1], one, "organisation", "cy", "Agree")
		send(third, one, "individual", "en", "Disagree")
		send(f.users[0], many, "individual", "en", "North", "South")
		send(f.users[1], many, "organisation", "cy", "South")
		// A new version drops "Don't know" and renames "Disagree": existing answers still count.
		md := strings.Replace(strings.Replace(questionDoc, "- Don't know\n", "", 1), "- Disagree", "- Strongly disagree", 1)
		if _, err := f.svc.PublishVersion(ctx, f.c, md, "", nil); err != nil {
			t.Fatal(err)
		}
		rs, err := f.svc.QuestionResults(ctx, f.c)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 3 || rs[0].Key != one || rs[0].Ordinal != 1 {
			t.Fatalf("results %+v", rs)
		}
		r := rs[0]
		if r.Answers != 3 || r.Individuals != 2 || r.Organisations != 1 || r.ByLanguage["cy"] != 1 {
			t.Errorf("question 1 totals %+v", r)
		}
		got := map[string]consult.OptionResult{}
		for _, o := range r.Options {
			got[o.Option] = o
		}
		if a := got["Agree"]; a.Count != 2 || a.Individual != 1 || a.Organisation != 1 || int(a.Percent) != 66 || a.ByLanguage["cy"] != 1 {
			t.Errorf("Agree %+v", a)
		}
		if d := got["Disagree"]; d.Count != 1 || !d.Retired {
			t.Errorf("retired Disagree %+v", d)
		}
		if s := got["Strongly disagree"]; s.Count != 0 || s.Retired {
			t.Errorf("new option %+v", s)
		}
		m := rs[1]
		if m.Answers != 2 || m.Options[1].Option != "South" || m.Options[1].Count != 2 || m.Options[1].Percent != 100 {
			t.Errorf("many-choice %+v", m)
		}
	})
}

// TestAnswerTextModerated: on a pre-moderated consultation an answer's text
// waits in the moderation queue like a comment; a moderator's decision is what
// makes it public, and a rejection keeps the answer's choice counted.
func TestAnswerTextModerated(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		f := newAnswerFixture(t, engine, model.PreModeration)
		mod, err := f.svc.Store.UpsertUser(ctx, store.Identity{Provider: "dev", Subject: "m", Email: "m@example.org", Name: "Mod", EmailVerified: true})
		if err != nil {
			t.Fatal(err)
		}
		mod.Role = model.RoleModerator
		var ids []int64
		for i, u := range f.users {
			a, err := f.svc.SubmitAnswer(ctx, u, "192.0.2.1", "q", about(consult.AnswerInput{QuestionKey: f.qs[0].Key,
				Choices: []string{"Agree"}, Text: []string{"A fair plan.", "Buy now at http://spam.example http://spam.example http://spam.example"}[i]}))
			if err != nil {
				t.Fatal(err)
			}
			cm, _ := f.svc.Store.Comment(ctx, *a.CommentID)
			if cm.Status != model.CommentPending || cm.ParagraphKey != f.qs[0].Key {
				t.Fatalf("answer text %+v, want pending on the question", cm)
			}
			ids = append(ids, cm.ID)
		}
		if _, err := f.svc.Decide(ctx, mod, ids[:1], consult.Decision{Action: consult.ActionApprove}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Decide(ctx, mod, ids[1:], consult.Decision{Action: consult.ActionReject, Reason: "spam"}); err != nil {
			t.Fatal(err)
		}
		approved, _ := f.svc.Store.Comment(ctx, ids[0])
		rejected, _ := f.svc.Store.Comment(ctx, ids[1])
		if approved.Status != model.CommentApproved || rejected.Status != model.CommentRejected || rejected.ModerationReason != "spam" {
			t.Errorf("after moderation: %s and %s (%s)", approved.Status, rejected.Status, rejected.ModerationReason)
		}
		rs, _ := f.svc.QuestionResults(ctx, f.c)
		if rs[0].Answers != 2 {
			t.Errorf("%d answers counted, want both whatever their text's fate", rs[0].Answers)
		}
	})
}
