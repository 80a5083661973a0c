package consult

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"pilcrow/app/model"
)

// DateParts is a date as the GOV.UK date input takes it, with a time beside
// it: what the person typed, kept as typed so a form can show it again.
type DateParts struct {
	Day, Month, Year, Time string
}

func (p DateParts) empty() bool {
	return strings.TrimSpace(p.Day+p.Month+p.Year+p.Time) == ""
}

// SplitDate turns a "2006-01-02T15:04" form value into parts to show.
func SplitDate(v string) DateParts {
	t, err := time.Parse("2006-01-02T15:04", v)
	if err != nil {
		return DateParts{}
	}
	return DateParts{Day: strconv.Itoa(t.Day()), Month: strconv.Itoa(int(t.Month())), Year: strconv.Itoa(t.Year()),
		Time: t.Format("15:04")}
}

// CheckDateParts reads the opening and closing dates from their parts, in the
// service's time zone, with GOV.UK's error messages: both or neither, each
// complete and real, with a time, and closing after opening. It returns the
// values for Details.Opens and Details.Closes ("2006-01-02T15:04" or ""), and
// errors under "opens", "opens-time", "closes" and "closes-time".
func CheckDateParts(opens, closes DateParts, zone *time.Location) (string, string, model.FieldErrors) {
	fe := model.FieldErrors{}
	if opens.empty() && closes.empty() {
		return "", "", fe
	}
	o, okO := joinDate(fe, "opens", opens, zone)
	c, okC := joinDate(fe, "closes", closes, zone)
	if okO && okC && !c.After(o) {
		fe["closes"] = "authoring.date.error.closes.before"
	}
	return o.Format("2006-01-02T15:04"), c.Format("2006-01-02T15:04"), fe
}

var (
	digits = regexp.MustCompile(`^\d{1,4}$`)
	clock  = regexp.MustCompile(`^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$`)
)

// joinDate checks one date and its time.
func joinDate(fe model.FieldErrors, field string, p DateParts, zone *time.Location) (time.Time, bool) {
	day, month, year := strings.TrimSpace(p.Day), strings.TrimSpace(p.Month), strings.TrimSpace(p.Year)
	if day == "" && month == "" && year == "" {
		fe[field] = "authoring.date.error." + field + ".required"
		return time.Time{}, false
	}
	var missing []string
	for _, part := range []struct{ name, v string }{{"day", day}, {"month", month}, {"year", year}} {
		if part.v == "" {
			missing = append(missing, part.name)
		}
	}
	if len(missing) > 0 {
		fe[field] = "authoring.date.error." + field + ".missing." + strings.Join(missing, "-")
		return time.Time{}, false
	}
	if !digits.MatchString(day) || !digits.MatchString(month) || !digits.MatchString(year) {
		fe[field] = "authoring.date.error." + field + ".real"
		return time.Time{}, false
	}
	if len(year) != 4 {
		fe[field] = "authoring.date.error.year"
		return time.Time{}, false
	}
	d, _ := strconv.Atoi(day)
	m, _ := strconv.Atoi(month)
	y, _ := strconv.Atoi(year)
	date := time.Date(y, time.Month(m), d, 0, 0, 0, 0, zone)
	if date.Day() != d || int(date.Month()) != m || date.Year() != y {
		fe[field] = "authoring.date.error." + field + ".real"
		return time.Time{}, false
	}
	hour, minute, ok := parseClock(p.Time)
	if !ok {
		if strings.TrimSpace(p.Time) == "" {
			fe[field+"-time"] = "authoring.date.error." + field + ".time.required"
		} else {
			fe[field+"-time"] = "authoring.date.error." + field + ".time.real"
		}
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, hour, minute, 0, 0, zone), true
}

// parseClock reads a time as people write it: 14:00, 9:30, 9.30am, 2pm,
// midday, midnight.
func parseClock(v string) (int, int, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch v {
	case "midday", "noon", "12 midday":
		return 12, 0, true
	case "midnight", "12 midnight":
		return 0, 0, true
	}
	m := clock.FindStringSubmatch(v)
	if m == nil {
		return 0, 0, false
	}
	h, _ := strconv.Atoi(m[1])
	min := 0
	if m[2] != "" {
		min, _ = strconv.Atoi(m[2])
	}
	switch m[3] {
	case "am", "pm":
		if h < 1 || h > 12 {
			return 0, 0, false
		}
		h %= 12
		if m[3] == "pm" {
			h += 12
		}
	default:
		if m[2] == "" {
			return 0, 0, false // "9" alone could be morning or evening
		}
	}
	if h > 23 || min > 59 {
		return 0, 0, false
	}
	return h, min, true
}

// ValidateDetails checks details without storing anything, so a form can
// show every problem at once alongside errors found in its date parts.
func ValidateDetails(d Details, zone *time.Location) model.FieldErrors {
	return applyDetails(&model.Consultation{}, d, zone)
}
