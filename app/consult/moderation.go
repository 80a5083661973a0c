package consult

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// The moderation decisions.
const (
	ActionApprove = "approve"
	ActionReject  = "reject"
	ActionRestore = "restore"
)

// RejectReasons are the reason codes a rejection must carry, in display order.
var RejectReasons = []string{"offensive", "off-topic", "personal-information", "spam", "duplicate", "other"}

// MaxDecideIDs bounds one bulk decision, so one request cannot hold the database long.
const MaxDecideIDs = 500

// maxNoteRunes bounds the note the author reads on /me.
const maxNoteRunes = 1000

// Decision is what a moderator decided for a selection of comments.
type Decision struct {
	Action string // ActionApprove, ActionReject or ActionRestore
	Reason string // a RejectReasons code, for rejections
	Note   string // optional, shown to the author on /me
	// Seen holds, per comment id, the moderated_at the moderator saw (the zero time
	// for a comment never moderated). A comment moderated since then is refused even
	// if its status matches. Ids absent from Seen are checked on status alone.
	Seen map[int64]time.Time
	// PendingOnly limits approve and reject to comments still pending, for callers
	// such as whole-campaign decisions that cannot say what each moderator saw.
	PendingOnly bool
}

// Refusal is a comment the decision did not apply to, and why: someone decided first
// (By, At and Status say who, when and what), it was withdrawn, or it does not exist.
type Refusal struct {
	ID      int64
	Status  model.CommentStatus
	ByID    *int64
	By      string // the display name of who decided first, "" if none
	At      *time.Time
	Missing bool
}

// DecideResult lists the comments decided and those refused.
type DecideResult struct {
	Applied []int64
	Refused []Refusal
}

// Decide applies a moderation decision to each comment, each in its own
// transaction: a conditional update that applies only while the comment is as the
// moderator saw it, an audit entry and a revision bump of its consultation, so
// public pages update. Approving and rejecting reset flag_count to 0 (the flags
// stay as history); restoring publishes a rejected comment again, with the note.
// Nothing is applied twice: a second moderator gets a Refusal naming the first.
func (s *Service) Decide(ctx context.Context, moderator *model.User, ids []int64, d Decision) (DecideResult, error) {
	if err := acting(moderator, model.RoleModerator); err != nil {
		return DecideResult{}, err
	}
	d.Note = strings.TrimSpace(d.Note)
	ids = uniqueIDs(ids)
	if fe := validateDecision(ids, d); len(fe) > 0 {
		return DecideResult{}, fe
	}
	var res DecideResult
	for _, id := range ids {
		refusal, err := s.decideOne(ctx, moderator, id, d)
		if err != nil {
			return res, err
		}
		if refusal != nil {
			res.Refused = append(res.Refused, *refusal)
		} else {
			res.Applied = append(res.Applied, id)
		}
	}
	return res, s.nameDeciders(ctx, res.Refused)
}

func validateDecision(ids []int64, d Decision) model.FieldErrors {
	fe := model.FieldErrors{}
	switch d.Action {
	case ActionApprove, ActionRestore:
	case ActionReject:
		if !slices.Contains(RejectReasons, d.Reason) {
			fe["reason"] = "moderation.error.reason"
		}
	default:
		fe["action"] = "moderation.error.action"
	}
	if len(ids) == 0 {
		fe["ids"] = "moderation.error.none"
	} else if len(ids) > MaxDecideIDs {
		fe["ids"] = "moderation.error.toomany"
	}
	if !utf8.ValidString(d.Note) || utf8.RuneCountInString(d.Note) > maxNoteRunes || strings.ContainsRune(d.Note, 0) {
		fe["note"] = "moderation.error.note"
	}
	return fe
}

// decideOne decides one comment; a nil Refusal means it was applied.
func (s *Service) decideOne(ctx context.Context, moderator *model.User, id int64, d Decision) (*Refusal, error) {
	var refusal *Refusal
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		before, err := tx.LockComment(ctx, id)
		if errors.Is(err, model.ErrNotFound) {
			refusal = &Refusal{ID: id, Missing: true}
			return nil
		} else if err != nil {
			return err
		}
		ch := s.change(moderator, id, d)
		ok, err := tx.ApplyCommentChange(ctx, ch)
		if err != nil {
			return err
		}
		if !ok {
			refusal = &Refusal{ID: id, Status: before.Status, ByID: before.ModeratedBy, At: before.ModeratedAt}
			return nil
		}
		after := *before
		after.Status, after.ModerationReason, after.ModerationNote = ch.To, ch.Reason, ch.Note
		after.ModeratedBy, after.ModeratedAt, after.FlagCount = &moderator.ID, &ch.At, 0
		if err := tx.Audit(ctx, &moderator.ID, "comment."+d.Action, "comment", strconv.FormatInt(id, 10), auditView(before), auditView(&after)); err != nil {
			return err
		}
		if err := s.afterDecision(ctx, tx, before, &after); err != nil {
			return err
		}
		return tx.BumpRevision(ctx, before.ConsultationID)
	})
	return refusal, err
}

// change builds the conditional update for the decision: the statuses it applies
// to, and the state the moderator saw.
func (s *Service) change(moderator *model.User, id int64, d Decision) store.CommentChange {
	ch := store.CommentChange{ID: id, By: moderator.ID, At: s.now(), Note: d.Note}
	switch d.Action {
	case ActionApprove:
		// A published comment is approved again only while flagged, which clears its flags.
		ch.From, ch.To = []model.CommentStatus{model.CommentPending, model.CommentApproved}, model.CommentApproved
		ch.Flagged = map[model.CommentStatus]bool{model.CommentApproved: true}
	case ActionReject:
		ch.From, ch.To, ch.Reason = []model.CommentStatus{model.CommentPending, model.CommentApproved}, model.CommentRejected, d.Reason
	case ActionRestore:
		ch.From, ch.To = []model.CommentStatus{model.CommentRejected}, model.CommentApproved
	}
	if d.PendingOnly && d.Action != ActionRestore {
		ch.From, ch.Flagged = []model.CommentStatus{model.CommentPending}, nil
	}
	if seen, ok := d.Seen[id]; ok {
		if seen.IsZero() {
			ch.SeenNull = true
		} else {
			ch.SeenAt = &seen
		}
	}
	return ch
}

// auditView is what the audit log records of a comment's moderation state.
func auditView(c *model.Comment) map[string]any {
	return map[string]any{
		"status": c.Status, "moderation_reason": c.ModerationReason, "moderation_note": c.ModerationNote,
		"flag_count": c.FlagCount, "moderated_by": c.ModeratedBy, "moderated_at": c.ModeratedAt,
	}
}

// nameDeciders fills in the display names of who decided first, in one query.
func (s *Service) nameDeciders(ctx context.Context, rs []Refusal) error {
	var ids []int64
	for _, r := range rs {
		if r.ByID != nil {
			ids = append(ids, *r.ByID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	users, err := s.Store.UsersByID(ctx, ids)
	if err != nil {
		return err
	}
	for i, r := range rs {
		if r.ByID != nil {
			rs[i].By = users[*r.ByID].DisplayName
		}
	}
	return nil
}

func uniqueIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
