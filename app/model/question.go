package model

import (
	"strings"
	"time"
)

// Answer is one person's answer to one question of a consultation. There is
// at most one per person and question; answering again replaces it.
type Answer struct {
	ID             int64
	ConsultationID int64
	QuestionKey    string
	UserID         int64
	// Choices are the chosen options, one per line, in the question's order.
	Choices string
	// CommentID is the answer's free text ("Tell us why"), kept as a comment on
	// the question so that it is moderated, flagged and published like one.
	CommentID *int64
	Language  string // "en" or "cy", the language of the page answered on
	Channel   string // "online", or how an official received it
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ChoiceList splits Choices into the chosen options.
func (a *Answer) ChoiceList() []string {
	if a.Choices == "" {
		return nil
	}
	return strings.Split(a.Choices, "\n")
}

// JoinChoices is the stored form of chosen options.
func JoinChoices(cs []string) string { return strings.Join(cs, "\n") }

// Respondent is a person answering one consultation: the "About you" details
// given with the first answer and used by every later one.
type Respondent struct {
	ID             int64
	ConsultationID int64
	UserID         int64
	RespondingAs   string // "individual" or "organisation"
	Organisation   string
	Publish        Publish
	CreatedAt      time.Time
	UpdatedAt      time.Time
}
