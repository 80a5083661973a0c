package consult

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"pilcrow/app/model"
)

// checkOffline validates the fields every offline response has.
func (s *Service) checkOffline(c *model.Consultation, in OfflineInput, fe model.FieldErrors) (*model.OfflineResponse, *model.Comment) {
	if in.Respondent == "" {
		if name := strings.TrimSpace(in.Name); name == "" {
			fe["name"] = "offline.error.name.empty"
		} else if !model.ValidDisplayName(name) || strings.ContainsAny(name, "\n\r\t") {
			fe["name"] = "offline.error.name.invalid"
		}
	}
	cm := &model.Comment{ConsultationID: c.ID, VersionID: *c.CurrentVersionID, Language: model.English}
	checkFields(fe, cm, CommentInput{Body: in.Text, RespondingAs: in.RespondingAs, Organisation: in.Organisation, Publish: in.Publish})
	rec := &model.OfflineResponse{ConsultationID: c.ID, Channel: in.Channel,
		Contact: strings.TrimSpace(in.Contact), Reference: strings.TrimSpace(in.Reference)}
	if !slices.Contains(model.OfflineChannels, in.Channel) {
		fe["channel"] = "offline.error.channel"
	}
	checkLine(fe, "contact", rec.Contact, MaxContactRunes)
	checkLine(fe, "reference", rec.Reference, MaxReferenceRunes)
	rec.ReceivedOn = s.checkReceived(c, in.Received, in.Zone, fe)
	return rec, cm
}

// checkLine refuses an optional one-line field that is too long or not text.
func checkLine(fe model.FieldErrors, field, v string, max int) {
	switch {
	case !validText(v) || strings.ContainsAny(v, "\n\r\t"):
		fe[field] = "offline.error." + field + ".invalid"
	case utf8.RuneCountInString(v) > max:
		fe[field] = "offline.error." + field + ".long"
	}
}

// checkReceived reads the date received: a real date, not in the future and
// not before the consultation opened. After the closing date is allowed: a
// letter posted in time may arrive late, and the date shows when it came.
func (s *Service) checkReceived(c *model.Consultation, p DateParts, zone *time.Location, fe model.FieldErrors) string {
	if zone == nil {
		zone = time.UTC
	}
	day, month, year := strings.TrimSpace(p.Day), strings.TrimSpace(p.Month), strings.TrimSpace(p.Year)
	if day == "" || month == "" || year == "" {
		fe["received"] = "offline.error.received.empty"
		return ""
	}
	d, errD := strconv.Atoi(day)
	m, errM := strconv.Atoi(month)
	y, errY := strconv.Atoi(year)
	date := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if errD != nil || errM != nil || errY != nil || len(year) != 4 || date.Day() != d || int(date.Month()) != m {
		fe["received"] = "offline.error.received.real"
		return ""
	}
	today := s.now().In(zone).Format("2006-01-02")
	switch on := date.Format("2006-01-02"); {
	case on > today:
		fe["received"] = "offline.error.received.future"
	case c.OpensAt != nil && on < c.OpensAt.In(zone).Format("2006-01-02"):
		fe["received"] = "offline.error.received.early"
	default:
		return on
	}
	return ""
}

// offlineRespondent returns the account of an earlier offline response to the
// same consultation when the form names one; any other account is refused, so
// an official can never write in a real person's name.
func (s *Service) offlineRespondent(ctx context.Context, c *model.Consultation, id string, fe model.FieldErrors) (*model.User, error) {
	if id == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		fe["name"] = "offline.error.respondent"
		return nil, nil
	}
	u, err := s.Store.User(ctx, n)
	if err != nil && !errors.Is(err, model.ErrNotFound) {
		return nil, err
	}
	if err == nil && u.Offline() {
		if ok, err := s.Store.OfflineRespondentOf(ctx, c.ID, u.ID); err != nil || ok {
			return u, err
		}
	}
	fe["name"] = "offline.error.respondent"
	return nil, nil
}

// checkOfflineAnswer checks the choices and text of a response to a question
// and returns the choices; the text replaces the comment's body. For anything
// but a question it does nothing.
func checkOfflineAnswer(t OfflineTarget, in OfflineInput, cm *model.Comment, fe model.FieldErrors) []string {
	if t.Question == nil {
		return nil
	}
	choices, text, qfe := checkChoices(t.Question, AnswerInput{Choices: in.Choices, Text: in.Text})
	cm.Body = text
	delete(fe, "body") // a question's text may be optional: its own rules decide
	for field, key := range qfe {
		if field == "text" { // the form has one text box, named body
			field = "body"
		}
		fe[field] = key
	}
	return choices
}
