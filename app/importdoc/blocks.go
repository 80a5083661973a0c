package importdoc

import (
	"path"
	"strings"
)

// run is a stretch of text with one formatting, or an image, or a note
// reference, as both formats describe paragraphs.
type run struct {
	text         string
	bold, italic bool
	link         string
	image        string // the name of the image shown here, if any
	alt          string // and its alternative text
	note         int    // the number of the note referred to here, if any
}

type blockKind int

const (
	paraBlock blockKind = iota
	headingBlock
	itemBlock
	tableBlock
)

// block is one paragraph, heading, list item or table of the document.
type block struct {
	kind    blockKind
	level   int  // a heading's level (1–6), or a list item's depth (0…)
	ordered bool // a numbered list item
	runs    []run
	rows    [][][]run // a table's cells; the first row is its header
}

// doc collects what a reader finds, for result to write as Markdown.
type doc struct {
	blocks []block
	notes  [][]run
	images []Image
	byPart map[string]string // image names by the part they came from
	losses map[string]int
}

func newDoc() *doc {
	return &doc{byPart: map[string]string{}, losses: map[string]int{}}
}

// lose records something that could not be carried over.
func (d *doc) lose(code string, n int) {
	if n > 0 {
		d.losses[code] += n
	}
}

// addNote keeps a footnote's text and returns its number.
func (d *doc) addNote(runs []run) int {
	d.notes = append(d.notes, runs)
	return len(d.notes)
}

// addImage keeps the image from a part once, whatever the number of places
// showing it, under a file name the Markdown can use. It returns "", and
// records the loss, for a format a web page cannot show.
func (d *doc) addImage(part string, data func() ([]byte, error), alt string) (string, error) {
	if img, ok := d.byPart[part]; ok {
		return img, nil
	}
	ext := strings.ToLower(path.Ext(part))
	if ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".webp" {
		d.lose(LossImageFormat, 1)
		return "", nil
	}
	b, err := data()
	if err != nil {
		return "", err
	}
	// Named by position: the names inside the file (long hashes in ODF)
	// mean nothing to the person reviewing the Markdown.
	if ext == ".jpeg" {
		ext = ".jpg"
	}
	name := "image" + itoa(len(d.images)+1) + ext
	d.images = append(d.images, Image{Name: name, Alt: alt, Data: b})
	d.byPart[part] = name
	return name, nil
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// plain is the text of runs without formatting, spaces collapsed.
func plain(runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.text)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// empty reports whether runs show nothing.
func empty(runs []run) bool {
	for _, r := range runs {
		if r.image != "" || r.note > 0 || strings.TrimSpace(r.text) != "" {
			return false
		}
	}
	return true
}
