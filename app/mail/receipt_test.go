package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/testutil"
)

// TestAnswersMakeOneReceipt: answers given in a row make one receipt, sent
// after a pause, with a copy of each.
func TestAnswersMakeOneReceipt(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		box := testutil.NewMailbox(t)
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_SMTP_URL": box.URL(), "PILCROW_MAIL_FROM": "noreply@example.org"})
		ctx := context.Background()
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Title: "Buses", Markdown: twoQuestions})
		qs := consult.Questions(f.Version)
		u := testutil.User(t, a, "Ada", "ada@example.org")
		for _, in := range []consult.AnswerInput{
			{QuestionKey: qs[0].Key, Choices: []string{"Yes"}, RespondingAs: "individual", Publish: "no"},
			{QuestionKey: qs[1].Key, Text: "Trams", RespondingAs: "individual", Publish: "no"},
		} {
			if _, err := a.Consult.SubmitAnswer(ctx, u, "192.0.2.1", f.Slug, in); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.Mail.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if n := len(box.Messages()); n != 0 {
			t.Fatalf("%d receipts before the pause", n)
		}
		a.Mail.Now = func() time.Time { return time.Now().Add(11 * time.Minute) }
		if err := a.Mail.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		ms := box.To("ada@example.org")
		if len(ms) != 1 {
			t.Fatalf("%d receipts, want 1", len(ms))
		}
		for _, want := range []string{"More evening buses?", "Yes", "What else?", "Trams", "R"} {
			if !strings.Contains(ms[0].Text, want) || !strings.Contains(ms[0].HTML, want) {
				t.Errorf("receipt lacks %q:\n%s", want, ms[0].Text)
			}
		}
	})
}
