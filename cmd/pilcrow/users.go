package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"pilcrow/app/auth"
	"pilcrow/config"
)

// users manages accounts from the command line; today it has one verb, grant.
//
//	pilcrow users grant --email E --role R
//
// gives the role to every account whose provider verified the email E. When no
// such account exists yet, a placeholder account (provider "email", subject E)
// holds the role, and the first person to sign in with E verified by their
// provider inherits it; the placeholder is then removed. Accounts that carry E
// unverified are never given a role on its strength and are listed as skipped.
func users(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string) error {
	if len(args) == 0 || args[0] != "grant" {
		return errors.New("usage: pilcrow users grant --email E --role R")
	}
	fs := newFlags("users grant")
	email := fs.String("email", "", "")
	role := fs.String("role", "", "")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("users grant: %w (usage: pilcrow users grant --email E --role R)", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("users grant: unexpected argument %q", fs.Arg(0))
	}
	// Check the arguments before touching the database, so a typo fails at once.
	addr, _, err := auth.ParseGrant(*email, *role)
	if err != nil {
		return fmt.Errorf("users grant: %w", err)
	}
	a, err := openApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	g, err := auth.NewAccounts(a.Store, cfg.AdminEmails).GrantRole(ctx, addr, *role)
	if err != nil {
		return err
	}
	for _, u := range g.Granted {
		fmt.Printf("granted %s to account %d (%s)\n", *role, u.ID, u.Provider)
	}
	for _, u := range g.Skipped {
		fmt.Printf("skipped account %d (%s): its provider did not verify the email\n", u.ID, u.Provider)
	}
	if g.Placeholder {
		fmt.Printf("%s will be %s when they first sign in with this email verified\n", addr, *role)
	}
	return nil
}
