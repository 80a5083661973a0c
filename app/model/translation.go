package model

import "time"

// Languages a consultation's text may be in. English is the original: every
// consultation has it, and a Welsh translation pairs with it block by block.
const (
	English = "en"
	Welsh   = "cy"
)

// Translation is a document version in another language. Its blocks pair with the
// version's blocks by position and carry the same keys, so both address the same
// paragraphs and the same comments.
type Translation struct {
	ID          int64
	VersionID   int64 // the English version it translates
	Language    string
	Markdown    string
	HTML        string
	Headings    string // JSON of the table of contents
	Questions   string // JSON of the questions as asked in this language ("" when there are none)
	PublishedAt time.Time
	CreatedBy   *int64
}

// TranslationBlock is one block of a translation, keyed like its English block.
type TranslationBlock struct {
	ID            int64
	TranslationID int64
	Key           string
	Number        int
	Kind          string
	Section       string
	Text          string
	HTML          string // the block on its own, for its paragraph page
}

// Localised returns the Welsh text when lang is Welsh and there is one, else the
// English, with the language the returned text is in.
func Localised(lang, english, welsh string) (text, in string) {
	if lang == Welsh && welsh != "" {
		return welsh, Welsh
	}
	return english, English
}
