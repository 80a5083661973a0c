package auth

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// MicrosoftProvider is the provider name of Microsoft accounts, whose subject
// is "tid/oid": an object id is unique only within its tenant.
const MicrosoftProvider = "microsoftonline"

// legacyOIDPrefix marks a Microsoft account made before accounts were keyed on
// the tenant too (migration 00104): its subject is the object id alone.
const legacyOIDPrefix = "legacy-oid:"

// Reasons a staff role waits for an admin's confirmation.
const (
	ReasonSecondProvider = "second-provider" // the email already belongs to an account at another provider
	ReasonRekeyed        = "rekeyed"         // a Microsoft account was moved to its tenant-and-object key
)

// heldForSecondProvider keeps role from following email to u when another
// account, at another provider, already has that email verified: the new
// identity stays a citizen and an admin is asked to confirm the role. It
// reports whether the role was held.
func heldForSecondProvider(ctx context.Context, tx *store.Store, u *model.User, email string, role model.Role) (bool, error) {
	others, err := tx.UsersByEmail(ctx, email)
	if err != nil {
		return false, err
	}
	for _, o := range others {
		if o.ID == u.ID || o.Provider == PlaceholderProvider || !o.EmailVerified {
			continue
		}
		return true, holdRole(ctx, tx, u, role, ReasonSecondProvider)
	}
	return false, nil
}

// holdRole records that u's staff role waits for an admin, with an audit
// entry, unless it already waits or was refused.
func holdRole(ctx context.Context, tx *store.Store, u *model.User, role model.Role, reason string) error {
	now := time.Now().UTC()
	added, err := tx.AddRoleConfirmation(ctx, &model.RoleConfirmation{UserID: u.ID, Role: role, Reason: reason, CreatedAt: now})
	if err != nil || !added {
		return err
	}
	return tx.Audit(ctx, nil, "user.role.held", "user", strconv.FormatInt(u.ID, 10),
		nil, map[string]any{"role": role, "why": reason})
}

// adoptLegacyMicrosoft moves a Microsoft account made before tenant keys to the
// key of id ("tid/oid"), when its object id matches and no account has that key
// yet. Its comments stay its own; a staff role it held waits for an admin.
func adoptLegacyMicrosoft(ctx context.Context, tx *store.Store, id store.Identity) error {
	if id.Provider != MicrosoftProvider {
		return nil
	}
	_, oid, ok := strings.Cut(id.Subject, "/")
	if !ok {
		return nil
	}
	if _, err := tx.UserBySubject(ctx, id.Provider, id.Subject); !errors.Is(err, model.ErrNotFound) {
		return err
	}
	old, err := tx.UserBySubject(ctx, id.Provider, legacyOIDPrefix+oid)
	if errors.Is(err, model.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	if err := tx.SetSubject(ctx, old.ID, id.Subject); err != nil {
		return err
	}
	if err := tx.Audit(ctx, nil, "user.rekey", "user", strconv.FormatInt(old.ID, 10),
		map[string]any{"subject": old.Subject}, map[string]any{"subject": id.Subject}); err != nil {
		return err
	}
	role := old.Role
	if !role.Staff() {
		return nil
	}
	if err := setRole(ctx, tx, nil, old, model.RoleCitizen, "tenant key: role waits for an admin"); err != nil {
		return err
	}
	return holdRole(ctx, tx, old, role, ReasonRekeyed)
}
