package export

import (
	"testing"
	"time"

	"pilcrow/app/i18n"
	"pilcrow/views"
)

// TestReportDatesInItsLanguage: the cover's dates read the GOV.UK way in the
// report's language, months and clock included.
func TestReportDatesInItsLanguage(t *testing.T) {
	cat, err := i18n.Load(views.FS)
	if err != nil {
		t.Fatal(err)
	}
	london, _ := time.LoadLocation("Europe/London")
	late := time.Date(2027, 1, 8, 23, 59, 0, 0, london)
	nine := time.Date(2027, 1, 8, 9, 0, 0, 0, london)
	cases := []struct {
		lang string
		at   time.Time
		want string
	}{
		{"en-GB", late, "8 January 2027 at 11:59pm"},
		{"en-GB", nine, "8 January 2027 at 9am"},
		{"cy-GB", late, "8 Ionawr 2027 am 11:59yh"},
		{"cy-GB", nine, "8 Ionawr 2027 am 9yb"},
	}
	for _, tc := range cases {
		base := tc.lang[:2]
		r := Report{Lang: tc.lang, Location: london, T: func(key string, args ...any) string { return cat.T(base, key, args...) }}
		if got := r.dateTime(tc.at); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
}
