package app

import (
	"log/slog"
	"time"

	"pilcrow/app/i18n"
	"pilcrow/app/mail"
	"pilcrow/app/store"
	"pilcrow/config"
)

// newMailer builds the outbox's delivery worker and its schedule, or nil when
// email is not configured: then nothing tries to send.
func newMailer(cfg *config.Config, log *slog.Logger, st *store.Store, cat *i18n.Catalogue) (*mail.Worker, error) {
	if !cfg.Mail.Enabled() {
		return nil, nil
	}
	t, err := mail.NewSMTP(cfg.Mail.SMTPURL, cfg.Mail.From)
	if err != nil {
		return nil, err
	}
	c := &mail.Composer{Messages: cat, BaseURL: cfg.BaseURL, Service: cfg.ServiceName, Zone: cfg.TimeZone, Secret: cfg.SessionSecret}
	w := mail.NewWorker(st, t, c, log)
	w.Schedule = (&mail.Schedule{Store: st, Zone: cfg.TimeZone, ReminderBefore: 3 * 24 * time.Hour, SummaryHour: 7}).Run
	return w, nil
}

// stopMail ends delivery after the message in hand, before the database closes.
func (a *App) stopMail() {
	if a.Mail != nil {
		a.Mail.Stop()
	}
}
