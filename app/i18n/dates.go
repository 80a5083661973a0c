package i18n

import (
	"fmt"
	"time"
)

// welshMonths are the months as written in a Welsh date ("8 Ionawr 2027").
var welshMonths = [12]string{"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
	"Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"}

// FormatDate writes t's date in lang, GOV.UK style: "8 January 2027" or
// "8 Ionawr 2027". t should already be in the zone it is to be read in.
func FormatDate(lang string, t time.Time) string {
	if lang == "cy" {
		return fmt.Sprintf("%d %s %d", t.Day(), welshMonths[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

// FormatTime writes t's time of day in lang on a 12-hour clock, GOV.UK style:
// "9:00am" or, in Welsh, "9:00yb" (y bore) and "11:59yh" (yr hwyr).
func FormatTime(lang string, t time.Time) string {
	if lang == "cy" {
		suffix := "yb"
		if t.Hour() >= 12 {
			suffix = "yh"
		}
		return t.Format("3:04") + suffix
	}
	return t.Format("3:04pm")
}
