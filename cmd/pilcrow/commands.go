package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"pilcrow/app"
	"pilcrow/app/store"
	"pilcrow/config"
)

type command func(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string) error

var commands = map[string]command{
	"serve":   serve,
	"migrate": migrate,
	"seed":    seed,
	"import":  importDoc,
	"users":   users,
	"export":  exportCmd,
}

func commandNames() string {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func serve(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string) error {
	if err := noArgs("serve", args); err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		return err
	}
	return a.Run(ctx)
}

func migrate(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string) error {
	if err := noArgs("migrate", args); err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, log)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("applied %d migration(s)\n", len(applied))
	return nil
}

// openApp builds the application without serving, for the one-shot commands.
func openApp(ctx context.Context, cfg *config.Config, log *slog.Logger) (*app.App, error) {
	return app.New(ctx, cfg, log)
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func noArgs(name string, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("%s takes no arguments", name)
	}
	return nil
}

// oneLine flattens an error to the one line the contract promises on stderr.
func oneLine(err error) string {
	var lines []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "; ")
}
