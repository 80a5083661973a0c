// Command pilcrow is the whole service in one binary: serve, migrate, seed,
// import, users and export, as the contract lists them.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // Europe/London must resolve on machines without a zone database

	"pilcrow/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pilcrow: "+oneLine(err))
		os.Exit(1)
	}
}

// run dispatches the sub-command; "serve" is the default.
func run(ctx context.Context, args []string) error {
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg)
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	c, ok := commands[cmd]
	if !ok {
		return fmt.Errorf("unknown command %q (try: %s)", cmd, commandNames())
	}
	return c(ctx, cfg, log, args)
}

// newLogger writes text in development and JSON in production.
func newLogger(cfg *config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo, ReplaceAttr: utcTime}
	if cfg.Production() {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// utcTime writes every line's time in UTC, so that logs from instances in
// different zones, and across a clock change, line up.
func utcTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 && a.Value.Kind() == slog.KindTime {
		a.Value = slog.TimeValue(a.Value.Time().UTC())
	}
	return a
}
