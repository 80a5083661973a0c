// Package pdftag makes a PDF written by fpdf a tagged PDF (PDF/UA): while the
// document is written it wraps content in marked-content sequences and builds
// the logical structure tree; once fpdf has written the file, Finish appends
// an incremental update with the structure tree, the parent tree, MarkInfo,
// DisplayDocTitle and the pages' StructParents. The original bytes are kept
// as they are, so nothing fpdf wrote has to be parsed beyond its page objects.
package pdftag

import (
	"fmt"
	"strings"
)

// Writer is the part of fpdf the tagger uses: raw content and the page number.
type Writer interface {
	RawWriteStr(string)
	PageNo() int
}

// Elem is one element of the structure tree, such as H1, P, Table or Figure.
type Elem struct {
	Role   string
	Alt    string // alternative text, for a Figure
	Scope  string // "Column" or "Row", for a TH
	Title  string
	kids   []kid
	parent *Elem
	objNum int
}

// kid is a child of an element: another element, or marked content on a page.
type kid struct {
	elem *Elem
	page int // with mcid, when elem is nil
	mcid int
}

// Tree builds the structure of one document as it is written.
type Tree struct {
	w      Writer
	root   *Elem   // the Document element
	stack  []*Elem // open grouping elements; the last is where new elements go
	open   *Elem   // the element whose marked content is open, if any
	opened int     // the page on which it was opened
	mcids  map[int][]*Elem
	inArt  bool
}

// New starts the structure tree of a document written through w.
func New(w Writer) *Tree {
	root := &Elem{Role: "Document"}
	return &Tree{w: w, root: root, stack: []*Elem{root}, mcids: map[int][]*Elem{}}
}

// Root is the Document element.
func (t *Tree) Root() *Elem { return t.root }

func (t *Tree) current() *Elem { return t.stack[len(t.stack)-1] }

// Push opens a grouping element (Sect, Table, TR, L, LI, …) under the current
// one; elements added until Pop go inside it.
func (t *Tree) Push(role string) *Elem {
	e := &Elem{Role: role, parent: t.current()}
	e.parent.kids = append(e.parent.kids, kid{elem: e})
	t.stack = append(t.stack, e)
	return e
}

// Placeholder adds an empty grouping element here, to be filled later with
// Within, such as a contents page written once the page numbers are known.
func (t *Tree) Placeholder(role string) *Elem {
	e := t.Push(role)
	t.Pop()
	return e
}

// Within makes e the current element while fn runs.
func (t *Tree) Within(e *Elem, fn func()) {
	t.stack = append(t.stack, e)
	fn()
	t.Pop()
}

// Pop closes the innermost grouping element.
func (t *Tree) Pop() {
	if len(t.stack) > 1 {
		t.stack = t.stack[:len(t.stack)-1]
	}
}

// Begin opens an element with content (H1, P, TD, Figure, …) and its marked
// content on the current page; what is drawn until End belongs to it.
func (t *Tree) Begin(role string) *Elem {
	t.End()
	e := &Elem{Role: role, parent: t.current()}
	e.parent.kids = append(e.parent.kids, kid{elem: e})
	t.open = e
	t.mark()
	return e
}

// mark starts a marked-content sequence of the open element on this page.
func (t *Tree) mark() {
	page := t.w.PageNo()
	mcid := len(t.mcids[page])
	t.mcids[page] = append(t.mcids[page], t.open)
	t.open.kids = append(t.open.kids, kid{page: page, mcid: mcid})
	t.opened = page
	t.w.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", t.open.Role, mcid))
}

// End closes the open element's marked content.
func (t *Tree) End() {
	if t.open == nil {
		return
	}
	t.w.RawWriteStr("EMC")
	t.open = nil
}

// Artifact draws page furniture (running headers, footers, page numbers,
// decoration) outside the structure, pausing any open element around it.
func (t *Tree) Artifact(kind string, fn func()) {
	if t.inArt {
		fn()
		return
	}
	paused := t.pause()
	t.inArt = true
	t.w.RawWriteStr(fmt.Sprintf("/Artifact <</Type /%s>> BDC", kind))
	fn()
	t.w.RawWriteStr("EMC")
	t.inArt = false
	t.resume(paused)
}

// pause closes the open element's marked content for a moment and returns it.
func (t *Tree) pause() *Elem {
	e := t.open
	if e != nil {
		t.w.RawWriteStr("EMC")
		t.open = nil
	}
	return e
}

// resume reopens a paused element, with a new marked-content id if the page changed.
func (t *Tree) resume(e *Elem) {
	if e == nil {
		return
	}
	t.open = e
	t.mark()
}

// PageEnd is called by the page footer before fpdf starts a new page in the
// middle of an element (an automatic page break), closing its marked content.
func (t *Tree) PageEnd() *Elem { return t.pause() }

// PageStart is called by the page header on the new page to carry on the
// element that PageEnd closed.
func (t *Tree) PageStart(e *Elem) { t.resume(e) }

// escape writes a text string as UTF-16BE hex, which holds any character.
func escape(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xffff {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}
