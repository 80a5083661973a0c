package consult

import (
	"testing"
	"time"
	_ "time/tzdata" // Europe/London resolves on hosts without a zoneinfo database
)

func TestCheckDateParts(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	good := DateParts{"2", "3", "2026", "9:30am"}
	later := DateParts{"27", "4", "2026", "17:00"}
	cases := []struct {
		name          string
		opens, closes DateParts
		wantO, wantC  string
		errors        map[string]string
	}{
		{"neither", DateParts{}, DateParts{}, "", "", nil},
		{"both", good, later, "2026-03-02T09:30", "2026-04-27T17:00", nil},
		{"midday and pm", DateParts{"2", "3", "2026", "midday"}, DateParts{"2", "3", "2026", "2pm"}, "2026-03-02T12:00", "2026-03-02T14:00", nil},
		{"closing missing", good, DateParts{}, "", "", map[string]string{"closes": "authoring.date.error.closes.required"}},
		{"no month", DateParts{"2", "", "2026", "9:30"}, later, "", "", map[string]string{"opens": "authoring.date.error.opens.missing.month"}},
		{"only a year", good, DateParts{"", "", "2026", "17:00"}, "", "", map[string]string{"closes": "authoring.date.error.closes.missing.day-month"}},
		{"30 February", DateParts{"30", "2", "2026", "9:30"}, later, "", "", map[string]string{"opens": "authoring.date.error.opens.real"}},
		{"letters", DateParts{"2", "March", "2026", "9:30"}, later, "", "", map[string]string{"opens": "authoring.date.error.opens.real"}},
		{"two-digit year", DateParts{"2", "3", "26", "9:30"}, later, "", "", map[string]string{"opens": "authoring.date.error.year"}},
		{"no time", DateParts{"2", "3", "2026", ""}, later, "", "", map[string]string{"opens-time": "authoring.date.error.opens.time.required"}},
		{"bad time", good, DateParts{"27", "4", "2026", "25:00"}, "", "", map[string]string{"closes-time": "authoring.date.error.closes.time.real"}},
		{"ambiguous hour", good, DateParts{"27", "4", "2026", "5"}, "", "", map[string]string{"closes-time": "authoring.date.error.closes.time.real"}},
		{"closes first", later, good, "", "", map[string]string{"closes": "authoring.date.error.closes.before"}},
		{"same moment", good, good, "", "", map[string]string{"closes": "authoring.date.error.closes.before"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, cl, fe := CheckDateParts(c.opens, c.closes, london)
			if len(fe) != len(c.errors) {
				t.Fatalf("errors = %v, want %v", fe, c.errors)
			}
			for k, v := range c.errors {
				if fe[k] != v {
					t.Errorf("%s: %q, want %q", k, fe[k], v)
				}
			}
			if len(fe) == 0 && (o != c.wantO || cl != c.wantC) {
				t.Errorf("got %q, %q; want %q, %q", o, cl, c.wantO, c.wantC)
			}
		})
	}
	// Summer time: 9:30 in London in July is 8:30 UTC.
	o, _, _ := CheckDateParts(DateParts{"1", "7", "2026", "9:30"}, DateParts{"2", "7", "2026", "9:30"}, london)
	if at, ok := ParseLocal(o, london); !ok || at.Format(time.RFC3339) != "2026-07-01T08:30:00Z" {
		t.Errorf("9:30 on 1 July in London = %v", at)
	}
	if p := SplitDate("2026-03-02T09:30"); p != (DateParts{"2", "3", "2026", "09:30"}) {
		t.Errorf("SplitDate = %+v", p)
	}
}
