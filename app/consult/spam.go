package consult

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Limits are the rate limits on posting and flagging, per account and per
// client address, in fixed windows shared by every instance through the database.
type Limits struct {
	CommentsPerMinute, CommentsPerHour int // per account
	CommentsPerAddressMinute           int
	FlagsPerHour                       int // per account
	FlagsPerAddressMinute              int
}

// DefaultLimits are generous for a person and tight for a script.
var DefaultLimits = Limits{
	CommentsPerMinute: 10, CommentsPerHour: 60, CommentsPerAddressMinute: 30,
	FlagsPerHour: 30, FlagsPerAddressMinute: 30,
}

// limitRule is one counter: who it counts and over what window.
type limitRule struct {
	byAddress bool
	window    time.Duration
	limit     int
}

func (l Limits) commentRules() []limitRule {
	return []limitRule{
		{false, time.Minute, l.CommentsPerMinute}, {false, time.Hour, l.CommentsPerHour},
		{true, time.Minute, l.CommentsPerAddressMinute},
	}
}

func (l Limits) flagRules() []limitRule {
	return []limitRule{{false, time.Hour, l.FlagsPerHour}, {true, time.Minute, l.FlagsPerAddressMinute}}
}

// limits returns the configured limits, or the defaults when none are set.
func (s *Service) limits() Limits {
	if s.Limits == (Limits{}) {
		return DefaultLimits
	}
	return s.Limits
}

// hitLimits counts one action against every rule at once and refuses it when
// any is over, with the longest wait of those exceeded.
func (s *Service) hitLimits(ctx context.Context, action string, userID int64, ip string, rules []limitRule) error {
	counters := make([]store.Counter, len(rules))
	for i, r := range rules {
		key := action + ":user:" + strconv.FormatInt(userID, 10) + ":" + r.window.String()
		if r.byAddress {
			key = action + ":ip:" + ip + ":" + r.window.String()
		}
		counters[i] = store.Counter{Key: key, Window: r.window, Limit: r.limit}
	}
	ok, wait, err := s.Store.HitAll(ctx, counters)
	if err != nil {
		return err
	}
	if !ok {
		return &model.RateLimitError{RetryAfter: max(wait, time.Second)}
	}
	return nil
}

// Spam heuristics: patterns that hold a comment for a moderator even in
// post-moderation. They only delay publication, so false positives cost little.
var (
	linkPattern     = regexp.MustCompile(`(?i)\b(?:https?://|www\.)`)
	spamWords       = regexp.MustCompile(`(?i)\b(?:buy now|click here|free money|casino|viagra|cialis|crypto(?:currency)?|bitcoin|forex|payday loan|earn \$?\d+ (?:a|per) day|work from home)\b`)
	maxLinks        = 3
	repeatWindow    = 24 * time.Hour
	maxSameBody     = 2 // the same text may be sent twice (say, on two paragraphs)
	minShoutLetters = 20
)

// spamReason returns why the text looks like spam, or "".
func spamReason(body string) string {
	switch {
	case len(linkPattern.FindAllStringIndex(body, -1)) > maxLinks:
		return "links"
	case spamWords.MatchString(body):
		return "spam_words"
	case repeatedRun(body, 10):
		return "repeated_characters"
	case shouting(body):
		return "capitals"
	}
	return ""
}

// holdReason adds to the text's own signs the same body sent again and again by
// one account.
func (s *Service) holdReason(ctx context.Context, userID int64, body string) (string, error) {
	if r := spamReason(body); r != "" {
		return r, nil
	}
	n, err := s.Store.CountSameBody(ctx, userID, body, s.now().Add(-repeatWindow))
	if err != nil {
		return "", err
	}
	if n >= int64(maxSameBody) {
		return "repeated_body", nil
	}
	return "", nil
}

// repeatedRun reports a character repeated n times in a row ("!!!!!!!!!!").
func repeatedRun(s string, n int) bool {
	var prev rune
	run := 0
	for _, r := range s {
		if r == prev && !unicode.IsSpace(r) {
			run++
			if run >= n {
				return true
			}
		} else {
			prev, run = r, 1
		}
	}
	return false
}

// shouting reports text written mostly in capitals, once it is long enough for
// that to mean something (acronyms are fine).
func shouting(s string) bool {
	upper, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= minShoutLetters && upper*10 >= letters*8 && strings.ToUpper(s) != strings.ToLower(s)
}
