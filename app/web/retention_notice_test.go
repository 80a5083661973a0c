package web_test

import (
	"strings"
	"testing"

	"pilcrow/app/testutil"
)

// TestPrivacyNoticeStatesRetention: the privacy notice states the configured
// retention period, in English and Welsh, and the seven-year default.
func TestPrivacyNoticeStatesRetention(t *testing.T) {
	t.Parallel()
	a := testutil.NewApp(t, "sqlite", map[string]string{"PILCROW_RETENTION": "90d", "PILCROW_LANGUAGES": "en,cy"})
	c := a.Client(t)
	for path, want := range map[string]string{"/privacy?lang=en": "no longer than 90 days after", "/privacy?lang=cy": "am ddim mwy na 90 o ddiwrnodau ar ôl"} {
		if got := c.Get(path).Doc.Find("#retention").Text(); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
	d := testutil.NewApp(t, "sqlite", nil).Client(t)
	if got := d.Get("/privacy").Doc.Find("#retention").Text(); !strings.Contains(got, "no longer than 7 years after") {
		t.Errorf("default: %q", got)
	}
}
