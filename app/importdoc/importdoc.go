// Package importdoc turns a Word (.docx) or OpenDocument (.odt) file into
// the Markdown that package document understands, with the images it holds
// and a list of what could not be carried over. It reads the zip and XML
// itself, within limits, so no converter runs on the server.
package importdoc

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
)

// Errors a caller can tell apart; each says in plain words what was wrong.
var (
	ErrUnsupported = errors.New("only .docx and .odt files can be imported")
	ErrTooLarge    = errors.New("the file is too large")
	ErrNotZip      = errors.New("the file is not a Word or OpenDocument file (it is not a zip archive)")
	ErrZipBomb     = errors.New("the file unpacks to too much data")
	ErrDoctype     = errors.New("the file contains a DOCTYPE declaration, which Word and OpenDocument files never need")
	ErrMalformed   = errors.New("the file is damaged")
)

// Kind is the format of a file.
type Kind int

// The formats Convert reads.
const (
	DOCX Kind = iota + 1
	ODT
)

// KindOf tells the format from a file name's extension.
func KindOf(name string) (Kind, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		return DOCX, nil
	case ".odt":
		return ODT, nil
	}
	return 0, ErrUnsupported
}

// Image is a picture found in the document, to be stored under Name, which
// the Markdown refers to as ![Alt](Name).
type Image struct {
	Name string
	Alt  string
	Data []byte
}

// Loss names something the document held that the Markdown does not: a code
// (see the Loss constants) and how many times it occurred.
type Loss struct {
	Code  string
	Count int
}

// What could not be carried over. Each code has a message under
// "importdoc.loss.{code}" for the person reviewing the import.
const (
	LossTrackedChanges = "tracked-changes"
	LossComments       = "comments"
	LossTextBoxes      = "text-boxes"
	LossShapes         = "shapes"
	LossImageFormat    = "image-format"
	LossImageAlt       = "image-alt"
	LossQuestion       = "question"
)

// Result is a converted document.
type Result struct {
	Markdown string
	Images   []Image
	Losses   []Loss
}

// Options change how a document is converted.
type Options struct {
	Limits Limits
	// NotesHeading heads the endnotes that footnotes become; "Notes" if empty.
	NotesHeading string
}

// Convert reads a document of the given kind. r must hold size bytes.
func Convert(r io.ReaderAt, size int64, kind Kind, opt Options) (*Result, error) {
	if opt.Limits == (Limits{}) {
		opt.Limits = DefaultLimits
	}
	if opt.NotesHeading == "" {
		opt.NotesHeading = "Notes"
	}
	a, err := openArchive(r, size, opt.Limits)
	if err != nil {
		return nil, err
	}
	var d *doc
	switch kind {
	case DOCX:
		d, err = readDOCX(a)
	case ODT:
		d, err = readODT(a)
	default:
		return nil, ErrUnsupported
	}
	if err != nil {
		return nil, err
	}
	return d.result(opt.NotesHeading), nil
}
