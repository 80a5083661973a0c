package model

import "time"

// DocumentImage is a picture a consultation's document shows, already
// cleaned of metadata. Data is loaded only when the image is served.
type DocumentImage struct {
	ID             int64
	ConsultationID int64
	Name           string // what the Markdown calls it: ![alt](name)
	Alt            string
	ContentType    string
	Hash           string // hex SHA-256 of Data: the image's address
	Width, Height  int
	Size           int
	Data           []byte
	CreatedAt      time.Time
	CreatedBy      *int64
}

// Attachment is a supporting document published beside a consultation.
type Attachment struct {
	ID             int64
	ConsultationID int64
	Title          string
	FileName       string
	ContentType    string
	Kind           string // pdf, word, odt, spreadsheet, ods, csv: names its type for people
	Size           int
	Pages          int // for a PDF whose page count was cheaply known, else 0
	Hash           string
	Data           []byte
	CreatedAt      time.Time
	CreatedBy      *int64
}
