package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/mail"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

const twoQuestions = "# Buses\n\n```question\nMore evening buses?\n- Yes\n- No\n```\n\n```question\nWhat else?\n```\n"

// TestReminderOncePerPerson reminds, once, the person who answered one of two
// questions of a consultation closing soon, and not the one who answered both.
func TestReminderOncePerPerson(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		box := testutil.NewMailbox(t)
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_SMTP_URL": box.URL(), "PILCROW_MAIL_FROM": "noreply@example.org"})
		ctx := context.Background()
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Title: "Buses", Markdown: twoQuestions,
			Closes: time.Now().Add(48 * time.Hour)})
		qs := consult.Questions(f.Version)
		half := testutil.User(t, a, "Half", "half@example.org")
		all := testutil.User(t, a, "All", "all@example.org")
		in := consult.AnswerInput{QuestionKey: qs[0].Key, Choices: []string{"Yes"}, RespondingAs: "individual", Publish: "no"}
		for _, u := range []*model.User{half, all} {
			if _, err := a.Consult.SubmitAnswer(ctx, u, "192.0.2.1", f.Slug, in); err != nil {
				t.Fatal(err)
			}
		}
		in2 := consult.AnswerInput{QuestionKey: qs[1].Key, Text: "Trams", RespondingAs: "individual", Publish: "no"}
		if _, err := a.Consult.SubmitAnswer(ctx, all, "192.0.2.1", f.Slug, in2); err != nil {
			t.Fatal(err)
		}
		s := &mail.Schedule{Store: a.Store, Zone: time.UTC, ReminderBefore: 72 * time.Hour}
		for range 2 {
			if err := s.Reminders(ctx, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.Mail.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		var reminders []testutil.Received
		for _, m := range box.Messages() {
			if strings.Contains(m.Subject, "closes on") {
				reminders = append(reminders, m)
			}
		}
		if len(reminders) != 1 || reminders[0].To[0] != "half@example.org" {
			t.Fatalf("reminders: %+v", reminders)
		}
	})
}
