package main

import (
	"context"
	"fmt"
	"log/slog"

	"pilcrow/app/demo"
	"pilcrow/config"
)

// seed loads sample data; "demo" is the only set. Running it twice changes nothing.
func seed(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string) error {
	if len(args) != 1 || args[0] != "demo" {
		return fmt.Errorf("usage: pilcrow seed demo")
	}
	a, err := openApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	created, err := demo.Seed(ctx, a.Consult)
	if err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}
	if created {
		fmt.Printf("loaded the demo consultation at /consultations/%s\n", demo.Slug)
	} else {
		fmt.Printf("the demo consultation is already loaded at /consultations/%s\n", demo.Slug)
	}
	return nil
}
