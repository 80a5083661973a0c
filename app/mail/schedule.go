package mail

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Schedule queues the mail that nobody's action causes: reminders before a
// consultation closes and officials' daily summaries. Every instance runs it;
// each mail's dedupe key makes it happen once however many do.
type Schedule struct {
	Store *store.Store
	Zone  *time.Location // where the summary's day begins
	// ReminderBefore is how long before closing a reminder goes out.
	ReminderBefore time.Duration
	// SummaryHour is the local hour from which a day's summary goes out.
	SummaryHour int

	mu   sync.Mutex
	last time.Time
}

// keepMail is how long sent and failed messages stay in the outbox: long enough
// to answer "did my receipt go?", short enough not to keep copies of responses.
const keepMail = 30 * 24 * time.Hour

// sweep removes old messages and sign-in links long expired.
func (s *Schedule) sweep(ctx context.Context, now time.Time) error {
	if err := s.Store.DeleteOldMail(ctx, now.Add(-keepMail)); err != nil {
		return err
	}
	return s.Store.DeleteOldEmailSignIns(ctx, now.Add(-24*time.Hour))
}

// scheduleEvery is how often an instance looks: the work is a few queries.
const scheduleEvery = 10 * time.Minute

// Run queues what is due at now, at most once per scheduleEvery.
func (s *Schedule) Run(ctx context.Context, now time.Time) error {
	s.mu.Lock()
	if now.Sub(s.last) < scheduleEvery {
		s.mu.Unlock()
		return nil
	}
	s.last = now
	s.mu.Unlock()
	if err := s.sweep(ctx, now); err != nil {
		return err
	}
	if err := s.Reminders(ctx, now); err != nil {
		return err
	}
	return s.Summaries(ctx, now)
}

// Reminders queues, once per person and consultation, a reminder to those who
// answered some of its questions but not all, when it closes within ReminderBefore.
func (s *Schedule) Reminders(ctx context.Context, now time.Time) error {
	cs, err := s.Store.ClosingSoon(ctx, now, now.Add(s.ReminderBefore))
	if err != nil {
		return err
	}
	for _, c := range cs {
		v, err := s.Store.Version(ctx, *c.CurrentVersionID)
		if err != nil {
			return err
		}
		var qs []json.RawMessage
		if v.Questions == "" || json.Unmarshal([]byte(v.Questions), &qs) != nil || len(qs) == 0 {
			continue
		}
		ids, err := s.Store.UnfinishedRespondents(ctx, c.ID, len(qs))
		if err != nil {
			return err
		}
		p := model.MailParams{Title: c.Title, TitleCy: c.TitleCy, Path: "/consultations/" + c.Slug + "/response", When: c.ClosesAt}
		for _, id := range ids {
			if err := s.Store.NotifyUser(ctx, id, model.MailReminder, p, fmt.Sprintf("reminder:%d:%d", c.ID, id)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Summaries queues each official's summary of the last day, once a day, from
// SummaryHour local time.
func (s *Schedule) Summaries(ctx context.Context, now time.Time) error {
	local := now.In(s.Zone)
	if local.Hour() < s.SummaryHour {
		return nil
	}
	ids, err := s.Store.SummaryRecipients(ctx)
	if err != nil || len(ids) == 0 {
		return err
	}
	rows, err := s.Store.ActivitySince(ctx, now.Add(-24*time.Hour))
	if err != nil {
		return err
	}
	day := local.Format(time.DateOnly)
	p := model.MailParams{Path: "/admin/moderation", When: &now, Rows: rows}
	for _, id := range ids {
		if err := s.Store.NotifyUser(ctx, id, model.MailSummary, p, "summary:"+fmt.Sprint(id)+":"+day); err != nil {
			return err
		}
	}
	return nil
}
