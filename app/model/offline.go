package model

import "time"

// ProviderOffline is the provider of the accounts that hold responses an
// official entered on someone's behalf. No sign-in provider has this name and
// the subject is random, so no one can ever sign in to such an account, and a
// person who signs in with the same name gets an account of their own.
const ProviderOffline = "offline"

// OfflineChannels are the ways a response reaches an official, as the CSV's
// channel column names them.
var OfflineChannels = []string{"email", "post", "event", "phone"}

// Offline reports whether the account holds responses entered by an official.
func (u *User) Offline() bool { return u != nil && u.Provider == ProviderOffline }

// OfflineResponse is what only the official knows about a response they
// entered: who entered it, when it was received, how to reach the person
// (private: shown to moderators and admins, never public, never exported) and
// the reference of the letter, form or file it came on.
type OfflineResponse struct {
	ID             int64
	ConsultationID int64
	UserID         int64  // the respondent's account, which cannot sign in
	CommentID      *int64 // the comment holding the text, nil for an answer without text
	QuestionKey    string // the question answered, "" for a comment
	Channel        string
	Contact        string
	Reference      string
	ReceivedOn     string // YYYY-MM-DD
	EnteredBy      *int64
	CreatedAt      time.Time
}

// OutcomeSection is a section of a published outcome stored under the key of
// a block it links to, for that block's page ("Our response").
type OutcomeSection struct {
	ConsultationID int64  `gorm:"primaryKey;autoIncrement:false"`
	ParagraphKey   string `gorm:"primaryKey"`
	Position       int    `gorm:"primaryKey;autoIncrement:false"`
	HTML           string `gorm:"column:html"`
}
