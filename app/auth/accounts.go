package auth

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// PlaceholderProvider is the provider of the accounts `pilcrow users grant` creates
// for an email nobody has signed in with yet. No route signs in with it: such an
// account only carries a role until its person arrives.
const PlaceholderProvider = "email"

// Accounts applies the rules of signing in to accounts: who an identity is, and
// which role a verified email brings with it.
type Accounts struct {
	store       *store.Store
	adminEmails []string
}

// NewAccounts returns the account rules; adminEmails is PILCROW_ADMIN_EMAILS.
func NewAccounts(st *store.Store, adminEmails []string) *Accounts {
	return &Accounts{store: st, adminEmails: adminEmails}
}

// Override is what the development sign-in chooses for itself: the role and
// the name typed on its form. Real providers choose neither.
type Override struct {
	Role model.Role
	Name string
}

// SignIn is the one check every way of signing in goes through (OAuth, OpenID
// Connect, the development sign-in, and any added later): it finds or creates
// the account of (provider, subject) and returns it with the role it should
// have, or model.ErrBlocked, before anything changes, when the account is
// blocked. A role comes with an email only when the provider verified that
// email: from PILCROW_ADMIN_EMAILS, or from a placeholder account that
// `pilcrow users grant` made for it, which is then removed. Every change is in
// one transaction, with its audit entry.
func (a *Accounts) SignIn(ctx context.Context, id store.Identity, o Override) (*model.User, error) {
	id.Email = strings.TrimSpace(id.Email)
	var u *model.User
	err := a.store.Tx(ctx, func(tx *store.Store) error {
		if err := adoptLegacyMicrosoft(ctx, tx, id); err != nil {
			return err
		}
		var err error
		if u, err = tx.UpsertUser(ctx, id); err != nil {
			return err
		}
		if u.Blocked() {
			return &model.BlockedError{UserID: u.ID, Reason: u.BlockedReason}
		}
		if err := a.emailRole(ctx, tx, u, id); err != nil {
			return err
		}
		return applyOverride(ctx, tx, u, o)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// emailRole gives u the role its verified email brings.
func (a *Accounts) emailRole(ctx context.Context, tx *store.Store, u *model.User, id store.Identity) error {
	if !id.EmailVerified || id.Email == "" {
		return nil
	}
	email := strings.ToLower(id.Email)
	role := u.Role
	ph, err := tx.UserBySubject(ctx, PlaceholderProvider, email)
	switch {
	case errors.Is(err, model.ErrNotFound):
	case err != nil:
		return err
	case ph.ID != u.ID:
		if role != model.RoleAdmin {
			role = ph.Role
		}
		// The grant was for the first person to arrive with this email: once used,
		// it must not hand the role to someone else later.
		if err := tx.DeleteUser(ctx, ph.ID); err != nil {
			return err
		}
	}
	if slices.Contains(a.adminEmails, email) {
		role = model.RoleAdmin
	}
	if role.Staff() && role != u.Role {
		held, err := heldForSecondProvider(ctx, tx, u, email, role)
		if err != nil || held {
			return err
		}
	}
	return setRole(ctx, tx, nil, u, role, "verified email at sign-in")
}

// applyOverride makes the development sign-in's choices, recorded in the audit
// log as the account's own doing.
func applyOverride(ctx context.Context, tx *store.Store, u *model.User, o Override) error {
	if o.Role != "" {
		if err := setRole(ctx, tx, &u.ID, u, o.Role, "development sign-in"); err != nil {
			return err
		}
	}
	if o.Name == "" || o.Name == u.DisplayName {
		return nil
	}
	if err := tx.SetDisplayName(ctx, u.ID, o.Name); err != nil {
		return err
	}
	if err := tx.Audit(ctx, &u.ID, "user.name", "user", fmt.Sprint(u.ID),
		map[string]any{"name": u.DisplayName}, map[string]any{"name": o.Name, "why": "development sign-in"}); err != nil {
		return err
	}
	u.DisplayName = o.Name
	return nil
}

// setRole changes u's role, with an audit entry saying why.
func setRole(ctx context.Context, tx *store.Store, actor *int64, u *model.User, r model.Role, why string) error {
	if u.Role == r {
		return nil
	}
	if err := tx.SetRole(ctx, u.ID, r); err != nil {
		return err
	}
	if err := tx.Audit(ctx, actor, "user.role", "user", fmt.Sprint(u.ID),
		map[string]any{"role": u.Role}, map[string]any{"role": r, "why": why}); err != nil {
		return err
	}
	u.Role = r
	return nil
}

// Grant is what `pilcrow users grant` did.
type Grant struct {
	Granted     []model.User // accounts with the email, verified by their provider
	Skipped     []model.User // accounts with the email unverified: never trusted with a role
	Placeholder bool         // no account had it verified, so a placeholder now holds the role
}

// ParseGrant checks the email and role of a grant, returning the normalised email.
func ParseGrant(email, role string) (string, model.Role, error) {
	r, ok := model.ParseRole(role)
	if !ok {
		return "", "", fmt.Errorf("unknown role %q: use citizen, moderator, analyst or admin", role)
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return "", "", fmt.Errorf("invalid email %q", email)
	}
	return email, r, nil
}

// GrantRole gives role to every account whose provider verified email. When there
// is none yet, a placeholder account (provider "email", subject the email) holds
// the role, and the first person to sign in with that email verified inherits it.
func (a *Accounts) GrantRole(ctx context.Context, email, role string) (*Grant, error) {
	email, r, err := ParseGrant(email, role)
	if err != nil {
		return nil, err
	}
	g := &Grant{}
	err = a.store.Tx(ctx, func(tx *store.Store) error {
		users, err := tx.UsersByEmail(ctx, email)
		if err != nil {
			return err
		}
		for _, u := range users {
			switch {
			case u.Provider == PlaceholderProvider:
			case !u.EmailVerified:
				g.Skipped = append(g.Skipped, u)
				continue
			}
			if err := setRole(ctx, tx, nil, &u, r, "pilcrow users grant"); err != nil {
				return err
			}
			if u.Provider != PlaceholderProvider {
				g.Granted = append(g.Granted, u)
			} else {
				g.Placeholder = true
			}
		}
		if len(g.Granted) > 0 || g.Placeholder {
			return nil
		}
		ph, err := tx.UpsertUser(ctx, store.Identity{Provider: PlaceholderProvider, Subject: email, Email: email})
		if err != nil {
			return err
		}
		g.Placeholder = true
		return setRole(ctx, tx, nil, ph, r, "pilcrow users grant")
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}
