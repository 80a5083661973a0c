package mail_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pilcrow/app"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
	"pilcrow/config"
)

// secondInstance is another Pilcrow on the same database and mail server.
func secondInstance(t *testing.T, first *testutil.TestApp, box *testutil.Mailbox) *app.App {
	t.Helper()
	vars := map[string]string{"PILCROW_DATABASE_URL": first.Config.DatabaseURL, "PILCROW_SMTP_URL": box.URL(),
		"PILCROW_MAIL_FROM": "noreply@example.org", "PILCROW_SESSION_SECRET": string(first.Config.SessionSecret),
		"PILCROW_BASE_URL": first.URL}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	b, err := app.New(context.Background(), cfg, testutil.TestLogger())
	if err != nil {
		t.Fatal(err)
	}
	b.Store.LimitPool(8, 2)
	t.Cleanup(func() { _ = b.Close() })
	return b
}

// TestOutageDelaysMailAndLosesNone queues mail while the mail server refuses
// everything, then lets two instances deliver it: all of it arrives, none twice.
func TestOutageDelaysMailAndLosesNone(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		box := testutil.NewMailbox(t)
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_SMTP_URL": box.URL(), "PILCROW_MAIL_FROM": "noreply@example.org"})
		b := secondInstance(t, a, box)
		ctx := context.Background()
		const n = 20
		for i := range n {
			u := testutil.User(t, a, fmt.Sprint("Person ", i), fmt.Sprintf("p%d@example.org", i))
			p := model.MailParams{Title: "Plan", Path: "/", Reference: fmt.Sprint("C", i), Text: "Hello"}
			if err := a.Store.NotifyUser(ctx, u.ID, model.MailReceipt, p, ""); err != nil {
				t.Fatal(err)
			}
		}
		workers := []*app.App{a.App, b}
		for _, w := range workers {
			w.Mail.Backoff = time.Millisecond
			w.Mail.MaxAttempts = 1000
		}
		box.SetOutage(true)
		run := func(until func() bool) {
			var wg sync.WaitGroup
			for _, w := range workers {
				wg.Go(func() {
					deadline := time.Now().Add(30 * time.Second)
					for !until() && time.Now().Before(deadline) {
						if _, err := w.Mail.RunOnce(ctx); err != nil {
							t.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
		}
		tried := func() bool {
			ms, _ := a.Store.OutboxMail(ctx, model.MailReceipt)
			for _, m := range ms {
				if m.Attempts < 2 {
					return false
				}
			}
			return true
		}
		run(tried)
		if got := len(box.Messages()); got != 0 {
			t.Fatalf("%d messages through an outage", got)
		}
		box.SetOutage(false)
		run(func() bool { return len(box.Messages()) >= n })
		time.Sleep(50 * time.Millisecond)
		seen := map[string]int{}
		for _, m := range box.Messages() {
			seen[m.To[0]]++
		}
		for i := range n {
			if c := seen[fmt.Sprintf("p%d@example.org", i)]; c != 1 {
				t.Errorf("p%d got %d messages, want 1", i, c)
			}
		}
		ms, _ := a.Store.OutboxMail(ctx, model.MailReceipt)
		for _, m := range ms {
			if m.Status != model.MailSent {
				t.Errorf("mail %d is %s", m.ID, m.Status)
			}
		}
	})
}

// TestRefusedAddressStopsMail records an address a mail server refused for
// good, and sends nothing more to it.
func TestRefusedAddressStopsMail(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		box := testutil.NewMailbox(t)
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_SMTP_URL": box.URL(), "PILCROW_MAIL_FROM": "noreply@example.org"})
		ctx := context.Background()
		u := testutil.User(t, a, "Gone", "gone@example.org")
		box.Reject("gone@example.org")
		p := model.MailParams{Title: "Plan", Path: "/", Reference: "C1", Text: "Hello"}
		if err := a.Store.NotifyUser(ctx, u.ID, model.MailReceipt, p, ""); err != nil {
			t.Fatal(err)
		}
		if err := a.Mail.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if failing, _ := a.Store.MailFailing(ctx, "gone@example.org"); !failing {
			t.Fatal("the refused address is not recorded")
		}
		if err := a.Store.NotifyUser(ctx, u.ID, model.MailReceipt, p, ""); err != nil {
			t.Fatal(err)
		}
		ms, _ := a.Store.OutboxMail(ctx, "")
		if len(ms) != 1 || ms[0].Status != model.MailFailed || ms[0].Attempts != 1 {
			t.Fatalf("outbox after a refusal: %+v", ms)
		}
		if strings.Contains(ms[0].LastError, "gone@") || !strings.Contains(ms[0].LastError, "550") {
			t.Errorf("last_error = %q: want the code, not the address", ms[0].LastError)
		}
	})
}
