package consult_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestDecide checks each decision on one comment: what it changes, what it
// refuses, and that it writes one audit entry and bumps the revision.
func TestDecide(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "decide", model.PreModeration)
		ctx := context.Background()
		alex := f.User("Alex", "alex@example.test", model.RoleModerator)
		sam := f.User("Sam", "sam@example.test", model.RoleModerator)
		author := f.User("Ann", "ann@example.test", model.RoleCitizen)
		analyst := f.User("Ana", "ana@example.test", model.RoleAnalyst)
		earlier := time.Now().UTC().Add(-time.Hour).Truncate(time.Microsecond)

		cases := []struct {
			name       string
			by         *model.User
			setup      func(*model.Comment)
			decision   consult.Decision
			seen       *time.Time // nil: not sent; zero: never moderated
			err        error
			applied    bool
			wantStatus model.CommentStatus
			refusal    func(t *testing.T, r consult.Refusal)
		}{
			{name: "approve pending", by: alex, decision: consult.Decision{Action: "approve"}, applied: true, wantStatus: model.CommentApproved},
			{name: "approve clears flags", by: alex, setup: func(c *model.Comment) { c.Status, c.FlagCount = model.CommentApproved, 3 },
				decision: consult.Decision{Action: "approve"}, applied: true, wantStatus: model.CommentApproved},
			{name: "reject offensive with note", by: alex, decision: consult.Decision{Action: "reject", Reason: "offensive", Note: "Please keep it civil."},
				applied: true, wantStatus: model.CommentRejected},
			{name: "reject published", by: alex, setup: func(c *model.Comment) { c.Status = model.CommentApproved },
				decision: consult.Decision{Action: "reject", Reason: "personal-information"}, applied: true, wantStatus: model.CommentRejected},
			{name: "restore rejected", by: alex, setup: func(c *model.Comment) { c.Status, c.ModerationReason = model.CommentRejected, "spam" },
				decision: consult.Decision{Action: "restore", Note: "Rejected by mistake."}, applied: true, wantStatus: model.CommentApproved},
			{name: "reject without reason", by: alex, decision: consult.Decision{Action: "reject"}, err: model.FieldErrors{}},
			{name: "reject with unknown reason", by: alex, decision: consult.Decision{Action: "reject", Reason: "rude"}, err: model.FieldErrors{}},
			{name: "unknown action", by: alex, decision: consult.Decision{Action: "delete"}, err: model.FieldErrors{}},
			{name: "analyst cannot moderate", by: analyst, decision: consult.Decision{Action: "approve"}, err: model.ErrForbidden},
			{name: "citizen cannot moderate", by: author, decision: consult.Decision{Action: "approve"}, err: model.ErrForbidden},
			{name: "already approved by Sam", by: alex,
				setup: func(c *model.Comment) {
					c.Status, c.ModeratedBy, c.ModeratedAt = model.CommentApproved, &sam.ID, &earlier
				},
				decision: consult.Decision{Action: "approve"}, wantStatus: model.CommentApproved,
				refusal: func(t *testing.T, r consult.Refusal) {
					if r.By != "Sam" || r.Status != model.CommentApproved || r.At == nil || !r.At.Equal(earlier) {
						t.Errorf("refusal = %+v, want approved by Sam at %v", r, earlier)
					}
				}},
			{name: "restore of a pending comment", by: alex, decision: consult.Decision{Action: "restore"}, wantStatus: model.CommentPending,
				refusal: func(t *testing.T, r consult.Refusal) {
					if r.Status != model.CommentPending || r.By != "" {
						t.Errorf("refusal = %+v", r)
					}
				}},
			{name: "withdrawn by its author", by: alex, setup: func(c *model.Comment) { c.Status = model.CommentWithdrawn },
				decision: consult.Decision{Action: "reject", Reason: "spam"}, wantStatus: model.CommentWithdrawn,
				refusal: func(t *testing.T, r consult.Refusal) {
					if r.Status != model.CommentWithdrawn {
						t.Errorf("refusal = %+v", r)
					}
				}},
			{name: "moderated since the moderator looked", by: alex, seen: &time.Time{},
				setup:    func(c *model.Comment) { c.ModeratedBy, c.ModeratedAt = &sam.ID, &earlier }, // back in the queue since
				decision: consult.Decision{Action: "approve"}, wantStatus: model.CommentPending,
				refusal: func(t *testing.T, r consult.Refusal) {
					if r.By != "Sam" {
						t.Errorf("refusal = %+v, want by Sam", r)
					}
				}},
			{name: "pending only leaves a published comment", by: alex, setup: func(c *model.Comment) { c.Status = model.CommentApproved },
				decision: consult.Decision{Action: "reject", Reason: "spam", PendingOnly: true}, wantStatus: model.CommentApproved,
				refusal: func(t *testing.T, r consult.Refusal) {
					if r.Status != model.CommentApproved {
						t.Errorf("refusal = %+v", r)
					}
				}},
			{name: "pending only rejects a pending comment", by: alex,
				decision: consult.Decision{Action: "reject", Reason: "spam", PendingOnly: true}, applied: true, wantStatus: model.CommentRejected},
			{name: "seen state matches", by: alex, seen: &earlier,
				setup:    func(c *model.Comment) { c.ModeratedBy, c.ModeratedAt = &sam.ID, &earlier },
				decision: consult.Decision{Action: "approve"}, applied: true, wantStatus: model.CommentApproved},
		}
		for i, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				c := f.Comment(author, "Comment "+strconv.Itoa(i), func(c *model.Comment) {
					if tc.setup != nil {
						tc.setup(c)
					}
				})
				before := revision(t, f)
				d := tc.decision
				if tc.seen != nil {
					d.Seen = map[int64]time.Time{c.ID: *tc.seen}
				}
				res, err := f.Service.Decide(ctx, tc.by, []int64{c.ID}, d)
				if tc.err != nil {
					if !sameErrorKind(err, tc.err) {
						t.Fatalf("err = %v, want %v", err, tc.err)
					}
					if got := f.Reload(c.ID); got.Status != c.Status {
						t.Errorf("status changed to %s on error", got.Status)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				got := f.Reload(c.ID)
				if got.Status != tc.wantStatus {
					t.Errorf("status = %s, want %s", got.Status, tc.wantStatus)
				}
				audits := f.AuditCount("comment."+d.Action, "comment", strconv.FormatInt(c.ID, 10))
				if tc.applied {
					if len(res.Applied) != 1 || len(res.Refused) != 0 {
						t.Fatalf("result = %+v, want applied", res)
					}
					checkApplied(t, got, alex, d)
					if audits != 1 || revision(t, f) <= before {
						t.Errorf("audits = %d, revision %d → %d; want 1 entry and a bump", audits, before, revision(t, f))
					}
					return
				}
				if len(res.Applied) != 0 || len(res.Refused) != 1 || res.Refused[0].ID != c.ID {
					t.Fatalf("result = %+v, want one refusal", res)
				}
				tc.refusal(t, res.Refused[0])
				if audits != 0 {
					t.Errorf("audits = %d for a refused decision", audits)
				}
			})
		}
	})
}

func checkApplied(t *testing.T, got *model.Comment, by *model.User, d consult.Decision) {
	t.Helper()
	if got.FlagCount != 0 || got.ModeratedBy == nil || *got.ModeratedBy != by.ID || got.ModeratedAt == nil {
		t.Errorf("comment = %+v, want no flags, moderated by %d", got, by.ID)
	}
	if got.ModerationReason != d.Reason || got.ModerationNote != d.Note {
		t.Errorf("reason, note = %q, %q; want %q, %q", got.ModerationReason, got.ModerationNote, d.Reason, d.Note)
	}
}

func sameErrorKind(err, want error) bool {
	var fe model.FieldErrors
	if errors.As(want, &fe) {
		return errors.As(err, &fe)
	}
	return errors.Is(err, want)
}

func revision(t *testing.T, f *testutil.ModerationFixture) int64 {
	t.Helper()
	c, err := f.Store.Consultation(context.Background(), f.Consultation.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c.Revision
}

// TestDecideBulk rejects a selection at once, with duplicates and a missing id.
func TestDecideBulk(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "bulk", model.PreModeration)
		mod := f.User("Alex", "alex@example.test", model.RoleModerator)
		author := f.User("Ann", "ann@example.test", model.RoleCitizen)
		var ids []int64
		for i := range 5 {
			ids = append(ids, f.Comment(author, "Buy cheap watches "+strconv.Itoa(i)).ID)
		}
		res, err := f.Service.Decide(context.Background(), mod, append(ids, ids[0], 999999), consult.Decision{Action: "reject", Reason: "spam"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Applied) != 5 || len(res.Refused) != 1 || !res.Refused[0].Missing {
			t.Fatalf("result = %+v, want 5 applied and the missing one refused", res)
		}
		for _, id := range ids {
			if c := f.Reload(id); c.Status != model.CommentRejected || c.ModerationReason != "spam" {
				t.Errorf("comment %d = %s %q", id, c.Status, c.ModerationReason)
			}
			if n := f.AuditCount("comment.reject", "comment", strconv.FormatInt(id, 10)); n != 1 {
				t.Errorf("comment %d: %d audit entries, want 1", id, n)
			}
		}
		tooMany := make([]int64, consult.MaxDecideIDs+1)
		for i := range tooMany {
			tooMany[i] = int64(i + 1)
		}
		if _, err := f.Service.Decide(context.Background(), mod, tooMany, consult.Decision{Action: "approve"}); !sameErrorKind(err, model.FieldErrors{}) {
			t.Errorf("too many ids: err = %v", err)
		}
	})
}
