package importdoc

import (
	"fmt"
	"regexp"
	"strings"
)

// result writes the collected blocks as Markdown.
func (d *doc) result(notesHeading string) *Result {
	w := &mdWriter{}
	for i := 0; i < len(d.blocks); i++ {
		b := d.blocks[i]
		switch b.kind {
		case headingBlock:
			if t := inline(b.runs, false); t != "" {
				w.block(strings.Repeat("#", min(max(b.level, 1), 6)) + " " + t)
			}
		case paraBlock:
			if q, ok := questionOf(b); ok {
				i += d.writeQuestion(w, q, d.blocks[i+1:])
				continue
			}
			if !empty(b.runs) {
				w.block(escapeLineStart(inline(b.runs, false)))
			}
		case itemBlock:
			w.item(b, i > 0 && d.blocks[i-1].kind == itemBlock)
		case tableBlock:
			if q, options, ok := d.questionTable(b); ok {
				writeQuestionBlock(w, q, options)
				continue
			}
			w.block(table(b.rows))
		}
	}
	if len(d.notes) > 0 {
		w.block("## " + escape(notesHeading, false))
		for i, n := range d.notes {
			w.item(block{kind: itemBlock, ordered: true, runs: n}, i > 0)
		}
	}
	r := &Result{Markdown: w.String(), Images: d.images}
	for _, code := range []string{LossTrackedChanges, LossComments, LossTextBoxes, LossShapes, LossImageFormat, LossImageAlt, LossQuestion} {
		if n := d.losses[code]; n > 0 {
			r.Losses = append(r.Losses, Loss{Code: code, Count: n})
		}
	}
	return r
}

// mdWriter writes blocks separated by blank lines, and list items with the
// indentation their nesting needs.
type mdWriter struct {
	strings.Builder
	indents []int // marker widths of the open list levels
}

func (w *mdWriter) block(s string) {
	if w.Len() > 0 {
		w.WriteString("\n\n")
	}
	w.WriteString(s)
	w.indents = nil
}

// item writes one list item; cont says the previous block was one too, so
// this continues the same list.
func (w *mdWriter) item(b block, cont bool) {
	if !cont {
		w.block("")
	} else {
		w.WriteString("\n")
	}
	for len(w.indents) < b.level {
		w.indents = append(w.indents, 2)
	}
	w.indents = w.indents[:b.level]
	indent := 0
	for _, n := range w.indents {
		indent += n
	}
	marker := "- "
	if b.ordered {
		marker = "1. "
	}
	w.WriteString(strings.Repeat(" ", indent) + marker + inline(b.runs, false))
	w.indents = append(w.indents, len(marker))
}

// inline writes runs as Markdown text: bold and italic around the words (the
// spaces stay outside the markers, where Markdown needs them), links, images
// and note references.
func inline(runs []run, inTable bool) string {
	var b strings.Builder
	for i := 0; i < len(runs); {
		r := runs[i]
		switch {
		case r.image != "":
			fmt.Fprintf(&b, "![%s](%s)", escape(clean(r.alt), true), r.image)
			i++
		case r.note > 0:
			fmt.Fprintf(&b, `\[%d\]`, r.note)
			i++
		case r.link != "":
			j := i
			for j < len(runs) && runs[j].link == r.link && runs[j].image == "" && runs[j].note == 0 {
				j++
			}
			text := formatted(runs[i:j], inTable)
			if strings.TrimSpace(text) == "" {
				b.WriteString(text)
			} else {
				fmt.Fprintf(&b, "[%s](%s)", text, linkDest(r.link))
			}
			i = j
		default:
			j := i
			for j < len(runs) && runs[j].link == "" && runs[j].image == "" && runs[j].note == 0 {
				j++
			}
			b.WriteString(formatted(runs[i:j], inTable))
			i = j
		}
	}
	return strings.TrimSpace(b.String())
}

// formatted writes plain runs with bold and italic, merging neighbours that
// share a formatting so that a word split into runs is not broken apart.
func formatted(runs []run, inTable bool) string {
	var b strings.Builder
	for i := 0; i < len(runs); {
		j, text := i, ""
		for j < len(runs) && runs[j].bold == runs[i].bold && runs[j].italic == runs[i].italic {
			text += runs[j].text
			j++
		}
		text = clean(text)
		mark := ""
		if runs[i].italic {
			mark = "*"
		}
		if runs[i].bold {
			mark += "**"
		}
		core := strings.TrimSpace(text)
		if mark == "" || core == "" {
			b.WriteString(escape(text, inTable))
		} else {
			lead, trail := text[:strings.Index(text, core)], text[strings.Index(text, core)+len(core):]
			b.WriteString(lead + mark + escape(core, inTable) + reverse(mark) + trail)
		}
		i = j
	}
	return b.String()
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

var spaces = regexp.MustCompile(`\s+`)

// clean turns tabs, line breaks and runs of spaces into one space.
func clean(s string) string {
	return spaces.ReplaceAllString(s, " ")
}

// escape backslash-escapes the characters that would otherwise start
// Markdown syntax, so text written in Word reads the same on the page.
func escape(s string, inTable bool) string {
	var b strings.Builder
	for i, c := range s {
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '~':
			b.WriteByte('\\')
		case '|':
			if inTable {
				b.WriteByte('\\')
			}
		case '&':
			if i+1 < len(s) && (isAlnum(s[i+1]) || s[i+1] == '#') {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(c)
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

var orderedStart = regexp.MustCompile(`^(\d{1,9})([.)])`)

// escapeLineStart escapes what would make a paragraph a heading, a list
// item, a rule or a fence.
func escapeLineStart(s string) string {
	if s == "" {
		return s
	}
	if strings.ContainsRune("#-+=", rune(s[0])) {
		return `\` + s
	}
	return orderedStart.ReplaceAllString(s, `$1\$2`)
}

// linkDest writes a link target that Markdown reads back unchanged.
func linkDest(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(strings.TrimSpace(u))
}

// table writes a GFM table whose first row is the header.
func table(rows [][][]run) string {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return ""
	}
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("|")
		for c := 0; c < cols; c++ {
			cell := ""
			if c < len(r) {
				cell = inline(r[c], true)
			}
			b.WriteString(" " + cell + " |")
		}
		if i == 0 {
			b.WriteString("\n|" + strings.Repeat(" --- |", cols))
		}
	}
	return b.String()
}
