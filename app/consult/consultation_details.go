package consult

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Limits on what an admin types about a consultation.
const (
	MaxTitle        = 200
	MaxSummary      = 2000
	MaxOrganisation = 200
	MaxContact      = 500
	MaxOutcome      = 20000
	MaxChangeNote   = 1000
)

// slugPattern is 3 to 80 lower-case letters, digits and hyphens, with a letter or
// digit at each end, so slugs read well in addresses and never need escaping.
var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$`)

// reservedSlugs would collide with fixed addresses under /admin/consultations.
var reservedSlugs = map[string]bool{"new": true}

// Details is what an admin types about a consultation. Opens and Closes are local
// times in the service's zone ("2006-01-02T15:04", as a datetime-local field
// sends them) or RFC 3339; both empty means not scheduled yet.
type Details struct {
	Slug, Title, Summary, Organisation, Contact string
	Opens, Closes                               string
	Moderation                                  string
	TitleCy, SummaryCy                          string // the Welsh title and summary, optional
	ResultsPublic                               bool   // publish the counts of the answers after the close
	MostCommentedPublic                         bool   // publish the most commented paragraphs after the close
}

// DetailsOf fills a form from a stored consultation, its dates shown in zone.
func DetailsOf(c *model.Consultation, zone *time.Location) Details {
	return Details{
		Slug: c.Slug, Title: c.Title, Summary: c.Summary, Organisation: c.Organisation, Contact: c.Contact,
		Opens: LocalInput(c.OpensAt, zone), Closes: LocalInput(c.ClosesAt, zone), Moderation: string(c.Moderation),
		TitleCy: c.TitleCy, SummaryCy: c.SummaryCy,
		ResultsPublic: c.ResultsPublic, MostCommentedPublic: c.MostCommentedPublic,
	}
}

// LocalInput formats an instant for a datetime-local field in zone.
func LocalInput(t *time.Time, zone *time.Location) string {
	if t == nil {
		return ""
	}
	return t.In(zone).Format("2006-01-02T15:04")
}

// CreateConsultation checks the details and stores a new draft consultation.
// Invalid details come back as model.FieldErrors and nothing is stored.
func (s *Service) CreateConsultation(ctx context.Context, d Details, zone *time.Location, actor *int64) (*model.Consultation, error) {
	if err := s.actingByID(ctx, actor, model.RoleAdmin); err != nil {
		return nil, err
	}
	c := &model.Consultation{}
	if fe := applyDetails(c, d, zone); len(fe) > 0 {
		return nil, fe
	}
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateConsultation(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "consultation.create", "consultation", c.Slug, nil, auditDetails(c))
	})
	if errors.Is(err, model.ErrConflict) {
		return nil, model.FieldErrors{"slug": "consultation.error.slug.taken"}
	}
	return c, err
}

// UpdateConsultation changes a consultation's details. The slug may change only
// while it is a draft, because published addresses must keep working.
func (s *Service) UpdateConsultation(ctx context.Context, slug string, d Details, zone *time.Location, actor *int64) (*model.Consultation, error) {
	if err := s.actingByID(ctx, actor, model.RoleAdmin); err != nil {
		return nil, err
	}
	var updated *model.Consultation
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		c, err := tx.ConsultationBySlug(ctx, slug)
		if err != nil {
			return err
		}
		before := auditDetails(c)
		fe := applyDetails(c, d, zone)
		if c.Slug != slug && c.StatusAt(s.now()) != model.StatusDraft {
			fe["slug"] = "consultation.error.slug.locked"
		}
		if len(fe) > 0 {
			return fe
		}
		if err := tx.SaveConsultation(ctx, c); err != nil {
			return err
		}
		updated = c
		return tx.Audit(ctx, actor, "consultation.update", "consultation", c.Slug, before, auditDetails(c))
	})
	if errors.Is(err, model.ErrConflict) {
		return nil, model.FieldErrors{"slug": "consultation.error.slug.taken"}
	}
	return updated, err
}

// applyDetails validates d and copies it into c, returning every problem at once.
func applyDetails(c *model.Consultation, d Details, zone *time.Location) model.FieldErrors {
	fe := model.FieldErrors{}
	d.Slug = strings.TrimSpace(d.Slug)
	switch {
	case d.Slug == "":
		fe["slug"] = "consultation.error.slug.required"
	case !slugPattern.MatchString(d.Slug):
		fe["slug"] = "consultation.error.slug.format"
	case reservedSlugs[d.Slug]:
		fe["slug"] = "consultation.error.slug.taken"
	}
	checkText(fe, "title", d.Title, MaxTitle, true)
	checkText(fe, "summary", d.Summary, MaxSummary, false)
	checkText(fe, "organisation", d.Organisation, MaxOrganisation, false)
	checkText(fe, "contact", d.Contact, MaxContact, false)
	checkText(fe, "title_cy", d.TitleCy, MaxTitle, false)
	checkText(fe, "summary_cy", d.SummaryCy, MaxSummary, false)
	mod := model.Moderation(d.Moderation)
	if mod != model.PreModeration && mod != model.PostModeration {
		fe["moderation"] = "consultation.error.moderation"
	}
	opens, closes := checkDates(fe, d.Opens, d.Closes, zone)
	if len(fe) > 0 {
		return fe
	}
	c.Slug, c.Title, c.Summary = d.Slug, strings.TrimSpace(d.Title), strings.TrimSpace(d.Summary)
	c.Organisation, c.Contact = strings.TrimSpace(d.Organisation), strings.TrimSpace(d.Contact)
	c.OpensAt, c.ClosesAt, c.Moderation = opens, closes, mod
	c.TitleCy, c.SummaryCy = strings.TrimSpace(d.TitleCy), strings.TrimSpace(d.SummaryCy)
	c.ResultsPublic, c.MostCommentedPublic = d.ResultsPublic, d.MostCommentedPublic
	return fe
}

// checkText records a problem with a free-text field: missing, too long, or not
// text that both databases can store.
func checkText(fe model.FieldErrors, field, v string, max int, required bool) {
	keys := textKeys{Text: "consultation.error.text", Long: "consultation.error." + field + ".long"}
	if required {
		keys.Required = "consultation.error." + field + ".required"
	}
	checkTextAs(fe, field, v, max, keys)
}

// textKeys name the messages for checkTextAs's problems; an empty Required
// makes the field optional.
type textKeys struct{ Required, Text, Long string }

// checkTextAs is checkText with the form's own messages.
func checkTextAs(fe model.FieldErrors, field, v string, max int, keys textKeys) {
	v = strings.TrimSpace(v)
	switch {
	case !utf8.ValidString(v) || strings.ContainsRune(v, 0):
		fe[field] = keys.Text
	case keys.Required != "" && v == "":
		fe[field] = keys.Required
	case utf8.RuneCountInString(v) > max:
		fe[field] = keys.Long
	}
}

// checkDates parses the opening and closing times: both or neither, closing
// after opening.
func checkDates(fe model.FieldErrors, opens, closes string, zone *time.Location) (*time.Time, *time.Time) {
	opens, closes = strings.TrimSpace(opens), strings.TrimSpace(closes)
	if opens == "" && closes == "" {
		return nil, nil
	}
	o, okO := ParseLocal(opens, zone)
	c, okC := ParseLocal(closes, zone)
	if !okO {
		fe["opens"] = "consultation.error.opens"
	}
	if !okC {
		fe["closes"] = "consultation.error.closes"
	}
	if okO && okC && !c.After(o) {
		fe["closes"] = "consultation.error.closes.before"
	}
	return &o, &c
}

// ParseLocal reads a time typed in zone (datetime-local) or an RFC 3339 instant,
// returning it in UTC.
func ParseLocal(v string, zone *time.Location) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), true
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, v, zone); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// auditDetails is what the audit log records of a consultation's details.
func auditDetails(c *model.Consultation) map[string]any {
	return map[string]any{
		"slug": c.Slug, "title": c.Title, "summary": c.Summary, "organisation": c.Organisation,
		"contact": c.Contact, "opens_at": c.OpensAt, "closes_at": c.ClosesAt, "moderation": c.Moderation,
		"title_cy": c.TitleCy, "summary_cy": c.SummaryCy, "results_public": c.ResultsPublic,
		"most_commented_public": c.MostCommentedPublic,
	}
}
