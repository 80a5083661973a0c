package config

import (
	"fmt"
	"strconv"
	"time"
)

// Retention is how long personal data of a closed consultation is kept: a
// number of years, months or days, counted on the calendar from the close.
type Retention struct {
	Count int
	Unit  byte // 'y', 'm' or 'd'
}

// DefaultRetention is the seven years the privacy notice has always promised.
var DefaultRetention = Retention{Count: 7, Unit: 'y'}

// ParseRetention reads a period such as "7y", "18m" or "90d".
func ParseRetention(s string) (Retention, error) {
	if len(s) < 2 {
		return Retention{}, fmt.Errorf("%q is not a period such as 7y, 18m or 90d", s)
	}
	unit := s[len(s)-1]
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 1 || n > 100*366 || (unit != 'y' && unit != 'm' && unit != 'd') {
		return Retention{}, fmt.Errorf("%q is not a period such as 7y, 18m or 90d", s)
	}
	return Retention{Count: n, Unit: unit}, nil
}

// Cutoff is the instant before which a consultation must have closed for its
// personal data to be past retention at now.
func (r Retention) Cutoff(now time.Time) time.Time {
	switch r.Unit {
	case 'y':
		return now.AddDate(-r.Count, 0, 0)
	case 'm':
		return now.AddDate(0, -r.Count, 0)
	}
	return now.AddDate(0, 0, -r.Count)
}

// String is the period as it was written.
func (r Retention) String() string { return strconv.Itoa(r.Count) + string(r.Unit) }

// retention reads a period variable, defaulting to def.
func (r *reader) retention(name string, def Retention) Retention {
	v := r.getenv(name)
	if v == "" {
		return def
	}
	p, err := ParseRetention(v)
	if err != nil {
		r.fail(name, err.Error())
		return def
	}
	return p
}
