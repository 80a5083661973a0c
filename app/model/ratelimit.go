package model

import (
	"fmt"
	"math"
	"time"
)

// RateLimitError is an action refused until RetryAfter has passed. It is the one
// rate-limit error: the web layer's error handler turns it into 429 with a
// Retry-After header, so no handler can forget the header.
type RateLimitError struct {
	RetryAfter time.Duration
	// Action names what was limited ("export", "report") when it is not posting,
	// so the 429 page can say which; empty means comments and flags.
	Action string
}

func (e *RateLimitError) Error() string { return fmt.Sprintf("rate limited for %s", e.RetryAfter) }

// Is lets errors.Is(err, ErrRateLimited) match.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// Seconds is the wait in whole seconds, rounded up and at least one, as
// Retry-After states it.
func (e *RateLimitError) Seconds() int {
	return max(1, int(math.Ceil(e.RetryAfter.Seconds())))
}
