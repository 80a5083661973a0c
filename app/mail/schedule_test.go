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

// TestDailySummaryIsOptIn: only the official who asked gets the summary, once
// a day, with each consultation's counts.
func TestDailySummaryIsOptIn(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		box := testutil.NewMailbox(t)
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_SMTP_URL": box.URL(), "PILCROW_MAIL_FROM": "noreply@example.org"})
		ctx := context.Background()
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Title: "Parks"})
		writer := testutil.User(t, a, "Writer", "writer@example.org")
		in := consult.CommentInput{ParagraphKey: f.Blocks[1].Key, Body: "More trees", RespondingAs: "individual", Publish: "name"}
		if _, _, err := a.Consult.SubmitComment(ctx, writer, "192.0.2.1", f.Slug, in); err != nil {
			t.Fatal(err)
		}
		for _, email := range []string{"keen@example.org", "quiet@example.org"} {
			u := testutil.User(t, a, email, email)
			if err := a.Store.SetRole(ctx, u.ID, model.RoleModerator); err != nil {
				t.Fatal(err)
			}
			if email == "keen@example.org" {
				p := model.DefaultMailPreferences(u.ID)
				p.Summary = true
				if err := a.Store.SaveMailPreferences(ctx, p); err != nil {
					t.Fatal(err)
				}
			}
		}
		s := &mail.Schedule{Store: a.Store, Zone: time.UTC}
		for range 2 {
			if err := s.Summaries(ctx, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.Mail.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if n := len(box.To("quiet@example.org")); n != 0 {
			t.Errorf("an official who did not opt in got %d summaries", n)
		}
		ms := box.To("keen@example.org")
		if len(ms) != 1 || !strings.Contains(ms[0].Text, "Parks: 1 new response, 1 waiting for moderation") {
			t.Fatalf("summaries: %d; %+v", len(ms), ms)
		}
	})
}

// TestOldMailIsSwept: sent mail leaves the outbox after 30 days.
func TestOldMailIsSwept(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		box := testutil.NewMailbox(t)
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_SMTP_URL": box.URL(), "PILCROW_MAIL_FROM": "noreply@example.org"})
		ctx := context.Background()
		u := testutil.User(t, a, "Old", "old@example.org")
		if err := a.Store.NotifyUser(ctx, u.ID, model.MailReceipt, model.MailParams{Title: "Plan", Text: "Hi"}, ""); err != nil {
			t.Fatal(err)
		}
		if err := a.Mail.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		s := &mail.Schedule{Store: a.Store, Zone: time.UTC}
		if err := s.Run(ctx, time.Now().Add(29*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if ms, _ := a.Store.OutboxMail(ctx, ""); len(ms) != 1 {
			t.Fatalf("%d messages after 29 days, want 1", len(ms))
		}
		if err := s.Run(ctx, time.Now().Add(31*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if ms, _ := a.Store.OutboxMail(ctx, ""); len(ms) != 0 {
			t.Errorf("%d messages after 31 days, want none", len(ms))
		}
	})
}
