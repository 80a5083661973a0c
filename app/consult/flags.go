package consult

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"pilcrow/app/model"
)

// FlagReasons are the reasons a citizen can give for reporting a comment, in
// the order the form lists them; each maps to a house rule.
var FlagReasons = []string{"offensive", "personal", "spam", "off_topic", "other"}

// MaxFlagDetailsRunes bounds the optional details of a report.
const MaxFlagDetailsRunes = 1000

// ErrAlreadyFlagged is a second report of the same comment by the same citizen.
var ErrAlreadyFlagged = errors.New("already reported")

// FlagInput is the report form as sent.
type FlagInput struct {
	Reason, Details string
}

// FlagComment records u's report of a published comment. When the reports
// reach FlagThreshold the comment goes back to the moderation queue.
func (s *Service) FlagComment(ctx context.Context, u *model.User, ip string, id int64, in FlagInput) (*model.Comment, error) {
	if err := acting(u); err != nil {
		return nil, err
	}
	cm, err := s.FlaggableComment(ctx, u, id)
	if err != nil {
		return nil, err
	}
	fe := model.FieldErrors{}
	reason := ""
	for _, r := range FlagReasons {
		if in.Reason == r {
			reason = r
		}
	}
	if reason == "" {
		fe["reason"] = "flags.error.reason"
	}
	details := strings.TrimSpace(strings.ReplaceAll(in.Details, "\r\n", "\n"))
	if !validText(details) {
		fe["details"] = "flags.error.details.invalid"
	} else if utf8.RuneCountInString(details) > MaxFlagDetailsRunes {
		fe["details"] = "flags.error.details.long"
	}
	if len(fe) > 0 {
		return cm, fe
	}
	if err := s.hitLimits(ctx, "flag", u.ID, ip, s.limits().flagRules()); err != nil {
		return nil, err
	}
	if details != "" {
		reason += ": " + details
	}
	threshold := s.FlagThreshold
	if threshold < 1 {
		threshold = 3
	}
	_, err = s.Store.AddFlag(ctx, &model.Flag{CommentID: cm.ID, UserID: u.ID, Reason: reason}, threshold)
	if errors.Is(err, model.ErrConflict) {
		return cm, ErrAlreadyFlagged
	}
	return cm, err
}

// FlaggableComment returns a comment u may report: a published one of someone
// else's. A second report is ErrAlreadyFlagged, one's own comment ErrForbidden.
func (s *Service) FlaggableComment(ctx context.Context, u *model.User, id int64) (*model.Comment, error) {
	if err := acting(u); err != nil {
		return nil, err
	}
	cm, err := s.Store.Comment(ctx, id)
	if err != nil {
		return nil, err
	}
	if cm.Status != model.CommentApproved || !cm.Publish.Public() {
		return nil, model.ErrNotFound
	}
	if cm.UserID == u.ID {
		return cm, model.ErrForbidden
	}
	done, err := s.Store.HasFlagged(ctx, cm.ID, u.ID)
	if err != nil {
		return nil, err
	}
	if done {
		return cm, ErrAlreadyFlagged
	}
	return cm, nil
}
