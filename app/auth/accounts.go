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

// SignIn finds or creates the account of (provider, subject) and returns it with
// the role it should have. A role comes with an email only when the provider
// verified that email: from PILCROW_ADMIN_EMAILS, or from a placeholder account
// that `pilcrow users grant` made for it, which is then removed.
func (a *Accounts) SignIn(ctx context.Context, id store.Identity) (*model.User, error) {
	id.Email = strings.TrimSpace(id.Email)
	u, err := a.store.UpsertUser(ctx, id)
	if err != nil || !id.EmailVerified || id.Email == "" {
		return u, err
	}
	email := strings.ToLower(id.Email)
	role := u.Role
	ph, err := a.store.UserBySubject(ctx, PlaceholderProvider, email)
	switch {
	case errors.Is(err, model.ErrNotFound):
	case err != nil:
		return nil, err
	case ph.ID != u.ID:
		if role != model.RoleAdmin {
			role = ph.Role
		}
		// The grant was for the first person to arrive with this email: once used,
		// it must not hand the role to someone else later.
		if err := a.store.DB.WithContext(ctx).Delete(&model.User{}, ph.ID).Error; err != nil {
			return nil, err
		}
	}
	if slices.Contains(a.adminEmails, email) {
		role = model.RoleAdmin
	}
	if role == u.Role {
		return u, nil
	}
	if err := a.store.SetRole(ctx, u.ID, role); err != nil {
		return nil, err
	}
	_ = a.store.Audit(ctx, nil, "user.role", "user", fmt.Sprint(u.ID),
		map[string]any{"role": u.Role}, map[string]any{"role": role, "why": "verified email at sign-in"})
	u.Role = role
	return u, nil
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
	users, err := a.store.UsersByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	g := &Grant{}
	for _, u := range users {
		switch {
		case u.Provider == PlaceholderProvider:
		case !u.EmailVerified:
			g.Skipped = append(g.Skipped, u)
			continue
		}
		if err := a.setRole(ctx, &u, r); err != nil {
			return nil, err
		}
		if u.Provider != PlaceholderProvider {
			g.Granted = append(g.Granted, u)
		} else {
			g.Placeholder = true
		}
	}
	if len(g.Granted) > 0 || g.Placeholder {
		return g, nil
	}
	ph, err := a.store.UpsertUser(ctx, store.Identity{Provider: PlaceholderProvider, Subject: email, Email: email})
	if err != nil {
		return nil, err
	}
	g.Placeholder = true
	return g, a.setRole(ctx, ph, r)
}

func (a *Accounts) setRole(ctx context.Context, u *model.User, r model.Role) error {
	if u.Role == r {
		return nil
	}
	if err := a.store.SetRole(ctx, u.ID, r); err != nil {
		return err
	}
	_ = a.store.Audit(ctx, nil, "user.role", "user", fmt.Sprint(u.ID),
		map[string]any{"role": u.Role}, map[string]any{"role": r, "why": "pilcrow users grant"})
	u.Role = r
	return nil
}
