package consult_test

import (
	"errors"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

func TestParseExportFilter(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, status, from, to string
		wantStatus             model.CommentStatus
		wantFrom, wantBefore   string // RFC 3339 in UTC, or "" for no limit
		bad                    bool
	}{
		{name: "nothing"},
		{name: "all", status: "all"},
		{name: "approved", status: "approved", wantStatus: model.CommentApproved},
		{name: "winter days", from: "2026-01-01", to: "2026-02-01",
			wantFrom: "2026-01-01T00:00:00Z", wantBefore: "2026-02-02T00:00:00Z"},
		{name: "summer time", from: "2026-07-01", wantFrom: "2026-06-30T23:00:00Z"},
		{name: "one day", from: "2026-03-03", to: "2026-03-03",
			wantFrom: "2026-03-03T00:00:00Z", wantBefore: "2026-03-04T00:00:00Z"},
		{name: "unknown status", status: "deleted", bad: true},
		{name: "status case", status: "Approved", bad: true},
		{name: "slashes", from: "01/02/2026", bad: true},
		{name: "no such month", to: "2026-13-01", bad: true},
		{name: "ancient", from: "0001-01-01", bad: true},
		{name: "backwards", from: "2026-02-02", to: "2026-02-01", bad: true},
		{name: "injection", status: "approved' OR 1=1 --", bad: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := consult.ParseExportFilter(tc.status, tc.from, tc.to, london)
			if tc.bad {
				if !errors.Is(err, model.ErrInvalidInput) {
					t.Fatalf("err = %v, want ErrInvalidInput", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Status != tc.wantStatus || utc(f.From) != tc.wantFrom || utc(f.Before) != tc.wantBefore {
				t.Errorf("filter = %q %q %q", f.Status, utc(f.From), utc(f.Before))
			}
		})
	}
}

func utc(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
