package export

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // Europe/London must resolve on hosts without a zoneinfo database

	"pilcrow/app/i18n"
)

// Report is everything the summary report shows about one consultation. The
// PDF and the Word document are made from the same Report by the same walk
// (compose), so they hold the same content.
type Report struct {
	Title, Organisation, Slug string
	Opens, Closes             *time.Time
	Generated                 time.Time      // when the data was taken
	Location                  *time.Location // dates are shown in this zone; nil means Europe/London
	Lang                      string         // BCP 47 language of the labels; empty means en-GB
	// T looks up a label in the message catalogue (keys "report.*"), in the
	// report's language; nil shows the keys, which a test would notice.
	T func(key string, args ...any) string

	Figures       Figures
	PerDay        []DayCount
	Sections      []SectionCount    // comments per document section (heading)
	Paragraphs    []ParagraphReport // only commented paragraphs, in document order
	WholeDocument []PublicComment   // publishable comments on the whole document
	// EarlierWording holds the publishable comments on paragraphs that a later
	// version removed or rewrote, each under the wording it was written against.
	EarlierWording []ParagraphReport
	Organisations  []OrgCount
	Campaigns      []CampaignSummary
	// Questions and Themes get a section each when present; a consultation
	// without questions or themes leaves them empty and the sections out.
	Questions []QuestionResult
	Themes    []ThemeSummary
}

// Figures are the report's headline counts.
type Figures struct {
	Total, Pending, Approved, Rejected, Withdrawn int
	Individuals, Organisations, WholeDocument     int
}

// DayCount is the number of comments submitted on one day.
type DayCount struct {
	Day   time.Time
	Count int
}

// SectionCount is the number of comments on one section of the document.
type SectionCount struct {
	Section string
	Count   int
}

// OrgCount is the number of comments from one responding organisation.
type OrgCount struct {
	Name  string
	Count int
}

// CampaignSummary is one group of same or nearly the same comments.
type CampaignSummary struct {
	Count      int
	Text       string   // the representative text
	Variations []string // a few texts that differ from it
}

// ParagraphReport is one commented paragraph with its counts and publishable comments.
type ParagraphReport struct {
	Number                          int
	Key, Section, Text              string
	Total, Agree, Disagree, Neutral int
	Comments                        []PublicComment // approved and publishable only; the caller filters
	// Images are the uploaded pictures the paragraph shows, drawn beneath its text.
	Images []Picture
	// Version is the document version of Text when it is earlier wording (in
	// EarlierWording), and Removed says the current version has no such paragraph.
	Version int
	Removed bool
}

// Picture is an image of the document: PNG or JPEG bytes, as stored after
// upload, with the alternative text that says what it shows.
type Picture struct {
	Alt         string
	ContentType string // image/png or image/jpeg
	Data        []byte
}

// PublicComment is a comment that its author allowed to be published, with
// the publishable replies to it.
type PublicComment struct {
	ID          int64
	Author      string // empty for an anonymous comment
	Body        string
	SubmittedAt time.Time
	Replies     []PublicComment
}

// QuestionResult is the outcome of one question of the consultation: counts
// per option for a choice question, and the publishable free-text answers.
type QuestionResult struct {
	Title   string
	Text    string // the question as asked
	Options []OptionCount
	Answers []PublicComment
}

// OptionCount is how many people chose one option of a question.
type OptionCount struct {
	Label string
	Count int
}

// ThemeSummary is one theme found in the comments, with how many it covers
// and a few publishable examples.
type ThemeSummary struct {
	Name, Description string
	Count             int
	Examples          []PublicComment
}

// Limits that keep one comment from swamping the report.
const (
	defaultZone   = "Europe/London"
	defaultLang   = "en-GB"
	maxBodyRunes  = 4000 // longer comments are shortened; the CSV export has them whole
	maxQuoteRunes = 600  // campaign variations are examples, so shorter still
)

// label looks a label up in the catalogue.
func (r *Report) label(key string, args ...any) string {
	if r.T != nil {
		return r.T(key, args...)
	}
	if len(args) == 0 {
		return key
	}
	return key + fmt.Sprint(args...)
}

// plural picks key.one or key.other.
func (r *Report) plural(key string, n int) string {
	if n == 1 {
		return r.label(key+".one", n)
	}
	return r.label(key+".other", n)
}

// zone is the report's time zone.
func (r *Report) zone() *time.Location {
	if r.Location != nil {
		return r.Location
	}
	loc, err := time.LoadLocation(defaultZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// lang is the document language.
func (r *Report) lang() string {
	if r.Lang != "" {
		return r.Lang
	}
	return defaultLang
}

// base is the report's language without its region: "en" or "cy".
func (r *Report) base() string { return strings.SplitN(r.lang(), "-", 2)[0] }

// date formats a day the GOV.UK way, in the report's language: "8 January
// 2027", "8 Ionawr 2027".
func (r *Report) date(t time.Time) string { return i18n.FormatDate(r.base(), t.In(r.zone())) }

// dateTime formats an instant the GOV.UK way: "8 January 2027 at 11:59pm",
// with "midday" and "midnight" for the hours that would read as 12:00pm/am,
// and a Welsh clock ("9yb", "11:59yh") in a Welsh report.
func (r *Report) dateTime(t time.Time) string {
	t = t.In(r.zone())
	clock := i18n.FormatTime(r.base(), t)
	if t.Minute() == 0 {
		clock = strings.Replace(clock, ":00", "", 1) // GOV.UK style: 9am, not 9:00am
	}
	switch {
	case t.Hour() == 12 && t.Minute() == 0:
		clock = r.label("report.time.midday")
	case t.Hour() == 0 && t.Minute() == 0:
		clock = r.label("report.time.midnight")
	}
	return r.label("report.date.at", r.date(t), clock)
}
