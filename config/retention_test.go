package config

import (
	"strings"
	"testing"
	"time"
)

// TestRetentionSetting reads PILCROW_RETENTION in years, months or days,
// defaults to seven years and refuses anything else at start-up.
func TestRetentionSetting(t *testing.T) {
	closed := time.Date(2020, 1, 15, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		value  string
		cutoff time.Time // for a consultation closed at closed, the first instant past retention
	}{
		{"", closed.AddDate(7, 0, 0)},
		{"7y", closed.AddDate(7, 0, 0)},
		{"18m", closed.AddDate(0, 18, 0)},
		{"90d", closed.AddDate(0, 0, 90)},
	} {
		t.Run("value "+tc.value, func(t *testing.T) {
			c, err := load(map[string]string{"PILCROW_RETENTION": tc.value})
			if err != nil {
				t.Fatal(err)
			}
			if c.Retention.Cutoff(tc.cutoff).After(closed) || !c.Retention.Cutoff(tc.cutoff.Add(time.Second)).After(closed) {
				t.Errorf("%s: cutoff at %s is %s", tc.value, tc.cutoff, c.Retention.Cutoff(tc.cutoff))
			}
		})
	}
	for _, bad := range []string{"7", "y", "0y", "-1m", "7w", "1.5y", "7 y"} {
		_, err := load(map[string]string{"PILCROW_RETENTION": bad})
		if err == nil || !strings.Contains(err.Error(), "PILCROW_RETENTION") {
			t.Errorf("%q: %v, want an error naming PILCROW_RETENTION", bad, err)
		}
	}
}
