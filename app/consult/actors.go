package consult

import (
	"context"
	"io"
	"strconv"
	"strings"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// acting is the rule every service that acts for someone applies first, so that
// it holds whatever surface calls it: a visitor who is not signed in is asked
// to, a blocked account is refused with model.ErrBlocked whatever its role, and
// when roles are given the account must hold one of them, in force: a staff
// role whose session has not proved a second factor is refused with
// model.ErrSecondFactorDue, so that the person is led to prove one.
func acting(u *model.User, roles ...model.Role) error {
	if u == nil {
		return model.ErrNotSignedIn
	}
	if u.Blocked() {
		return model.ErrBlocked
	}
	if len(roles) == 0 {
		return nil
	}
	for _, r := range roles {
		if u.Can(r) {
			return nil
		}
	}
	if u.SecondFactorDue && u.Holds(roles...) {
		return model.ErrSecondFactorDue
	}
	return model.ErrForbidden
}

// actingByID is acting for the services that record only their actor's id. It
// reads the account afresh, so a block applies at once. A nil actor is the
// operator at the command line (`pilcrow import`), who is not an account.
// The account read afresh knows nothing of the session: ctx says whether the
// session acting for it has proved a second factor.
func (s *Service) actingByID(ctx context.Context, actor *int64, roles ...model.Role) error {
	if actor == nil {
		return nil
	}
	u, err := s.Store.User(ctx, *actor)
	if err != nil {
		return err
	}
	u.SecondFactorDue = model.SecondFactorDueIn(ctx, u.ID)
	return acting(u, roles...)
}

// ExportCSV is WriteCSV on behalf of by, an analyst or admin who is not blocked.
func (s *Reports) ExportCSV(ctx context.Context, by *model.User, c *model.Consultation, f store.ExportFilter, w io.Writer) error {
	if err := acting(by, model.RoleAnalyst); err != nil {
		return err
	}
	return s.WriteCSV(ctx, c, f, w)
}

// ExportAnswersCSV writes answers.csv for an analyst or admin who is not blocked.
func (s *Service) ExportAnswersCSV(ctx context.Context, by *model.User, c *model.Consultation, w io.Writer) error {
	if err := acting(by, model.RoleAnalyst); err != nil {
		return err
	}
	return s.WriteAnswersCSV(ctx, c, w)
}

// ChangeDisplayName sets the name u goes by beside their comments, with an
// audit entry, in one transaction.
func (s *Service) ChangeDisplayName(ctx context.Context, u *model.User, name string) error {
	if err := acting(u); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if !model.ValidDisplayName(name) {
		return model.FieldErrors{"name": "account.error.name"}
	}
	if name == u.DisplayName {
		return nil
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SetDisplayName(ctx, u.ID, name); err != nil {
			return err
		}
		return tx.Audit(ctx, &u.ID, "user.name", "user", strconv.FormatInt(u.ID, 10),
			map[string]any{"name": u.DisplayName}, map[string]any{"name": name})
	})
}

// AuditEntries reads a page of the audit log for by, an admin who is not
// blocked: the log names people and what was done to their accounts.
func (s *Service) AuditEntries(ctx context.Context, by *model.User, f store.AuditFilter) ([]model.AuditEntry, error) {
	if err := acting(by, model.RoleAdmin); err != nil {
		return nil, err
	}
	return s.Store.AuditEntries(ctx, f)
}

// ReportResult returns a finished report job, with its file, for by, an analyst
// or admin who is not blocked. Jobs of other kinds stay internal: not found.
func (s *Reports) ReportResult(ctx context.Context, by *model.User, id int64) (*model.Job, error) {
	if err := acting(by, model.RoleAnalyst); err != nil {
		return nil, err
	}
	job, err := s.Store.JobResult(ctx, id)
	if err != nil {
		return nil, err
	}
	if job.Kind != JobReportPDF {
		return nil, model.ErrNotFound
	}
	return job, nil
}
