// Package app is the composition root: it builds every dependency once, from the
// configuration, and runs the server until it is told to stop.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"pilcrow/app/auth"
	"pilcrow/app/consult"
	"pilcrow/app/i18n"
	"pilcrow/app/jobs"
	"pilcrow/app/mail"
	"pilcrow/app/store"
	"pilcrow/app/web"
	"pilcrow/config"
	"pilcrow/views"
)

// App is a configured Pilcrow: its database, services and web server.
type App struct {
	Config  *config.Config
	Log     *slog.Logger
	Store   *store.Store
	Consult *consult.Service
	Web     *web.Server
	Reports *consult.Reports
	Jobs    *jobs.Runner // background work; tests call Jobs.RunOnce instead of starting it
	Mail    *mail.Worker // email delivery; nil when email is not configured
	// Retention is the daily removal of personal data past PILCROW_RETENTION.
	Retention *consult.Retention
}

// New opens the database, applies migrations when configured to, and builds the
// services and the web server.
func New(ctx context.Context, cfg *config.Config, log *slog.Logger) (*App, error) {
	st, err := store.Open(ctx, cfg.DatabaseURL, log)
	if err != nil {
		return nil, err
	}
	a, err := build(ctx, cfg, log, st)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	return a, nil
}

func build(ctx context.Context, cfg *config.Config, log *slog.Logger, st *store.Store) (*App, error) {
	if cfg.AutoMigrate {
		applied, err := st.Migrate(ctx)
		if err != nil {
			return nil, err
		}
		if len(applied) > 0 {
			log.Info("migrations applied", "count", len(applied))
		}
	}
	cat, err := i18n.Load(views.FS)
	if err != nil {
		return nil, fmt.Errorf("message catalogue: %w", err)
	}
	providers, err := auth.NewProviders(cfg)
	if err != nil {
		return nil, err
	}
	if err := providers.CheckDiscovery(ctx); errors.Is(err, auth.ErrIssuerMismatch) {
		return nil, err
	} else if err != nil {
		log.Warn("PILCROW_OIDC_ISSUER: the discovery document could not be fetched at start-up; each sign-in tries again", "reason", err.Error())
	}
	svc := &consult.Service{Store: st, Log: log, Now: time.Now, FlagThreshold: cfg.FlagThreshold, Mail: cfg.Mail.Enabled()}
	svc.BaseURL = cfg.BaseURL.String()
	reports := &consult.Reports{Service: svc, Zone: cfg.TimeZone, Messages: cat}
	runner := jobs.New(st, log)
	runner.Register(consult.JobReportPDF, reports.RunReport)
	runner.Register(consult.JobReportDOCX, reports.RunReport)
	runner.Caches = []string{consult.JobCampaigns}
	retention := &consult.Retention{Store: st, Log: log, Cutoff: cfg.Retention.Cutoff}
	runner.Schedule(consult.JobRetention, 24*time.Hour, retention.Run)
	w, err := web.New(web.Deps{
		Config: cfg, Log: log, Store: st, Catalogue: cat, Providers: providers,
		Sessions: auth.NewSessions(st, cfg.Production()),
		Services: &web.Services{Consult: svc, Reports: reports},
	})
	if err != nil {
		return nil, err
	}
	mailer, err := newMailer(cfg, log, st, cat)
	if err != nil {
		return nil, err
	}
	return &App{Config: cfg, Log: log, Store: st, Consult: svc, Web: w, Reports: reports, Jobs: runner, Mail: mailer, Retention: retention}, nil
}

// Run serves until ctx is cancelled (SIGINT or SIGTERM), then lets requests in
// flight finish before closing the database.
func (a *App) Run(ctx context.Context) error {
	l, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.Config.Addr, err)
	}
	return a.Serve(ctx, l)
}

// Serve is Run on a listener the caller opened.
func (a *App) Serve(ctx context.Context, l net.Listener) error {
	a.Log.Info("serving", "addr", l.Addr().String(), "config", a.Config.String())
	if a.Config.DevLogin {
		// Said once, loudly: anyone who reaches this address can sign in as an admin.
		a.Log.Warn("the development sign-in is on: anyone who can reach this address can sign in as anyone, admin included; set PILCROW_DEV_LOGIN=false to turn it off",
			"addr", l.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- a.Web.Serve(l) }()
	a.Jobs.Start(context.WithoutCancel(ctx))
	if a.Mail != nil {
		a.Mail.Start(context.WithoutCancel(ctx))
	}
	select {
	case err := <-done:
		a.Jobs.Stop()
		a.stopMail()
		return errors.Join(err, a.Store.Close())
	case <-ctx.Done():
	}
	a.Log.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	err := a.Web.Shutdown(shutdownCtx)
	err = errors.Join(err, <-done)
	a.Jobs.Stop() // after the requests, before the database: a job cut short goes back to the queue
	a.stopMail()
	err = errors.Join(err, a.Store.Close())
	a.Log.Info("stopped")
	return err
}

// Close releases the database, for commands that do not serve.
func (a *App) Close() error { return a.Store.Close() }
