package consult_test

import (
	"context"
	"errors"
	"io"
	"strconv"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestBlockedAccountsCannotAct calls every service that acts for someone with a
// blocked account holding the role the service needs: each refuses with
// model.ErrBlocked and changes nothing, whatever surface would call it.
func TestBlockedAccountsCannotAct(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "blocked", model.PreModeration)
		reports := &consult.Reports{Service: f.Service, Zone: time.UTC}
		ctx := context.Background()
		root := f.User("Root", "root@example.test", model.RoleAdmin)
		other := f.User("Other", "other@example.test", model.RoleCitizen)
		blocked := func(name string, role model.Role) *model.User {
			u := f.User(name, name+"@example.test", role)
			if err := f.Service.Block(ctx, root, u.ID, "testing"); err != nil {
				t.Fatal(err)
			}
			u, err := st.User(ctx, u.ID)
			if err != nil || !u.Blocked() {
				t.Fatalf("%s not blocked: %v", name, err)
			}
			return u
		}
		citizen, mod := blocked("citizen", model.RoleCitizen), blocked("moderator", model.RoleModerator)
		analyst := blocked("analyst", model.RoleAnalyst)
		// Two admins, so one of them may be blocked.
		admin := f.User("Admin", "admin@example.test", model.RoleAdmin)
		if err := f.Service.Block(ctx, root, admin.ID, "testing"); err != nil {
			t.Fatal(err)
		}
		admin, _ = st.User(ctx, admin.ID)
		own := f.Comment(citizen, "Mine, pending")
		public := f.Comment(other, "Published", func(c *model.Comment) { c.Status = model.CommentApproved })
		pending := f.Comment(other, "Waiting")
		slug := f.Consultation.Slug
		in := consult.CommentInput{ParagraphKey: f.Paragraph(0).Key, Body: "Changed", RespondingAs: "individual", Publish: "name"}

		cases := map[string]func() error{
			"submit":   func() error { _, _, err := f.Service.SubmitComment(ctx, citizen, "192.0.2.1", slug, in); return err },
			"edit":     func() error { _, err := f.Service.EditComment(ctx, citizen, own.ID, in); return err },
			"withdraw": func() error { _, err := f.Service.WithdrawComment(ctx, citizen, own.ID); return err },
			"flag": func() error {
				_, err := f.Service.FlagComment(ctx, citizen, "192.0.2.1", public.ID, consult.FlagInput{Reason: consult.FlagReasons[0]})
				return err
			},
			"account name":   func() error { return f.Service.ChangeDisplayName(ctx, citizen, "New name") },
			"account data":   func() error { _, err := f.Service.ExportData(ctx, citizen); return err },
			"account delete": func() error { return f.Service.DeleteAccount(ctx, citizen) },
			"moderation queue": func() error {
				_, err := f.Service.Queue(ctx, mod, store.QueueFilter{Status: model.CommentPending})
				return err
			},
			"moderation overview": func() error { _, err := f.Service.ModerationOverview(ctx, analyst); return err },
			"moderation decision": func() error {
				_, err := f.Service.Decide(ctx, mod, []int64{pending.ID}, consult.Decision{Action: consult.ActionApprove})
				return err
			},
			"campaign decision": func() error {
				_, err := reports.DecideCampaign(ctx, mod, f.Consultation, pending.ID, consult.Decision{Action: consult.ActionApprove})
				return err
			},
			"CSV export": func() error { return reports.ExportCSV(ctx, analyst, f.Consultation, store.ExportFilter{}, io.Discard) },
			"PDF report": func() error {
				_, err := reports.StartReport(ctx, analyst, f.Consultation, consult.JobReportPDF, model.English)
				return err
			},
			"report download": func() error { _, err := reports.ReportResult(ctx, analyst, 1); return err },
			"audit log": func() error {
				_, err := f.Service.AuditEntries(ctx, admin, store.AuditFilter{Limit: 10})
				return err
			},
			"role change":  func() error { return f.Service.ChangeRole(ctx, admin, other.ID, "moderator") },
			"block":        func() error { return f.Service.Block(ctx, admin, other.ID, "because") },
			"unblock self": func() error { return f.Service.Unblock(ctx, admin, admin.ID) },
			"create consultation": func() error {
				_, err := f.Service.CreateConsultation(ctx, consult.Details{Slug: "new-one", Title: "T", Moderation: "pre"}, time.UTC, &admin.ID)
				return err
			},
			"close consultation": func() error { return f.Service.CloseEarly(ctx, slug, &admin.ID) },
			"new version": func() error {
				_, err := f.Service.NewVersion(ctx, slug, "# New\n\nText.\n", "", &admin.ID)
				return err
			},
			"save draft":      func() error { return f.Service.SaveDraft(ctx, slug, "Draft.", &admin.ID) },
			"publish outcome": func() error { return f.Service.PublishOutcome(ctx, slug, "Done.", &admin.ID) },
		}
		for name, call := range cases {
			if err := call(); !errors.Is(err, model.ErrBlocked) {
				t.Errorf("%s by a blocked account: err = %v, want model.ErrBlocked", name, err)
			}
		}
		if c, _ := st.Comment(ctx, own.ID); c.Body != "Mine, pending" || c.Status != model.CommentPending {
			t.Errorf("own comment changed: %q %s", c.Body, c.Status)
		}
		if c, _ := st.Comment(ctx, pending.ID); c.Status != model.CommentPending {
			t.Errorf("pending comment decided: %s", c.Status)
		}
		if u, _ := st.User(ctx, admin.ID); !u.Blocked() {
			t.Error("the blocked admin unblocked themself")
		}
		if u, _ := st.User(ctx, other.ID); u.Role != model.RoleCitizen || u.Blocked() {
			t.Errorf("other account changed: %s blocked=%t", u.Role, u.Blocked())
		}
		if _, err := st.ConsultationBySlug(ctx, "new-one"); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("consultation created by a blocked admin: %v", err)
		}
	})
}

// TestOtherPeoplesCommentsLookMissing: the author-only services answer another
// person's comment exactly as a missing one, so ids cannot be probed.
func TestOtherPeoplesCommentsLookMissing(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "oracle", model.PreModeration)
		ctx := context.Background()
		author, eve := f.User("Ada", "ada@example.test", model.RoleCitizen), f.User("Eve", "eve@example.test", model.RoleCitizen)
		c := f.Comment(author, "Pending")
		for _, id := range []int64{c.ID, c.ID + 1000} {
			if _, err := f.Service.OwnComment(ctx, eve, id); !errors.Is(err, model.ErrNotFound) {
				t.Errorf("comment %d: err = %v, want not found", id, err)
			}
			if _, err := f.Service.WithdrawComment(ctx, eve, id); !errors.Is(err, model.ErrNotFound) {
				t.Errorf("withdraw %d: err = %v, want not found", id, err)
			}
			if _, err := f.Service.FlaggableComment(ctx, eve, id); !errors.Is(err, model.ErrNotFound) {
				t.Errorf("flag %d: err = %v, want not found", id, err)
			}
		}
	})
}

// TestDisplayNameChangeIsAudited: /account/name goes through consult, which
// records the change.
func TestDisplayNameChangeIsAudited(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "names", model.PreModeration)
		ctx := context.Background()
		u := f.User("Ada", "ada@example.test", model.RoleCitizen)
		if err := f.Service.ChangeDisplayName(ctx, u, " \u00a0 "); err == nil {
			t.Error("a name of spaces was accepted")
		}
		if err := f.Service.ChangeDisplayName(ctx, u, "Ada King"); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.User(ctx, u.ID); got.DisplayName != "Ada King" {
			t.Errorf("name = %q", got.DisplayName)
		}
		if n := f.AuditCount("user.name", "user", strconv.FormatInt(u.ID, 10)); n != 1 {
			t.Errorf("%d user.name audit entries, want 1", n)
		}
	})
}
