package document

import (
	"bytes"
	"errors"
	"fmt"
	"time"
)

// Limits bound what one document may cost to render. Markdown that an admin
// pastes is trusted not to be malicious, but goldmark does quadratic work on
// some shapes (quotes nested thousands deep, many links run together on one
// line) and a table's rows are padded to its header's width, so a small source
// can become a very large page. Every limit is far above what a consultation
// document needs: the largest real documents have a few thousand blocks,
// nesting under ten and tables of a few hundred cells.
type Limits struct {
	Lines      int           // lines of source that are not blank
	Markup     int           // marks that may start inline markup ([ ] ! * _ ` < & ~) and nesting markers
	Nesting    int           // quotes and lists inside one another on one line (indentation counts a level per 4 columns)
	LinkWork   int           // links on a line × the line's length in bytes
	References int           // lines starting with "[" (possible link reference definitions) in one paragraph
	TableCells int           // cells in all tables, counting the padding of short rows
	Blocks     int           // commentable blocks
	HTMLBytes  int           // size of the rendered HTML
	Time       time.Duration // a safety net for shapes the counts above miss
}

// DefaultLimits are the limits Render applies. With them a 1 MiB document of
// any shape renders in well under the time limit on one core.
var DefaultLimits = Limits{
	Lines:      40_000,
	Markup:     80_000,
	Nesting:    32,
	LinkWork:   64 << 20,
	References: 500,
	TableCells: 20_000,
	Blocks:     20_000,
	HTMLBytes:  16 << 20,
	Time:       5 * time.Second,
}

// ErrTooComplex matches every *LimitError with errors.Is.
var ErrTooComplex = errors.New("document: the document is too complex")

// The names of the limits, as LimitError.Limit.
const (
	LimitLines      = "lines"
	LimitMarkup     = "markup"
	LimitNesting    = "nesting"
	LimitLinks      = "links"
	LimitReferences = "references"
	LimitTable      = "table"
	LimitBlocks     = "blocks"
	LimitHTML       = "html"
	LimitTime       = "time"
)

// LimitError says which limit a document went over and, where it can, on
// which line.
type LimitError struct {
	Limit string // one of the Limit… names
	Line  int    // 1-based source line, 0 when the limit is not about one line
	Max   int    // the limit's value (milliseconds for LimitTime)
}

// Error names the limit in words an operator reading a log or the import
// command's output can act on.
func (e *LimitError) Error() string {
	what := map[string]string{
		LimitLines:      "the document has more than %d lines that are not blank",
		LimitMarkup:     "the document has more than %d formatting marks ([ ] ! * _ ` < & ~ > and list markers)",
		LimitReferences: "a paragraph has more than %d lines starting with [",
		LimitNesting:    "quotes and lists are nested more than %d deep",
		LimitLinks:      "a line holds too many links for its length (links × bytes over %d): split it",
		LimitTable:      "the tables have more than %d cells",
		LimitBlocks:     "the document has more than %d paragraphs, list items, quotes and tables",
		LimitHTML:       "the document would be more than %d bytes of HTML",
		LimitTime:       "the document took more than %d ms to read",
	}[e.Limit]
	msg := fmt.Sprintf(what, e.Max)
	if e.Line > 0 {
		return fmt.Sprintf("document: line %d: %s", e.Line, msg)
	}
	return "document: " + msg
}

// Is makes errors.Is(err, ErrTooComplex) true.
func (e *LimitError) Is(target error) bool { return target == ErrTooComplex }

// scan checks the source line by line before goldmark sees it, so the shapes
// that make goldmark slow or the output huge are refused in linear time.
func scan(src []byte, lim Limits) error {
	var (
		cells, markup, refs int
		prev                []byte // the previous line, with its quote and list prefix removed
		inTable             bool
		tableW              int
	)
	nonBlank := 0
	for n, line := range lines(src) {
		depth, rest := prefix(line)
		blank := len(bytes.TrimSpace(rest)) == 0
		if !blank {
			if nonBlank++; nonBlank > lim.Lines {
				return &LimitError{Limit: LimitLines, Line: n, Max: lim.Lines}
			}
		}
		if depth > lim.Nesting {
			return &LimitError{Limit: LimitNesting, Line: n, Max: lim.Nesting}
		}
		if markup += depth + countMarks(rest); markup > lim.Markup {
			return &LimitError{Limit: LimitMarkup, Line: n, Max: lim.Markup}
		}
		if links := bytes.Count(line, []byte("](")); links > 0 && links*len(line) > lim.LinkWork {
			return &LimitError{Limit: LimitLinks, Line: n, Max: lim.LinkWork}
		}
		switch {
		case blank:
			refs = 0
		case rest[0] == '[':
			// goldmark removes each reference definition from its paragraph
			// by copying the lines after it: quadratic in their number.
			if refs++; refs > lim.References {
				return &LimitError{Limit: LimitReferences, Line: n, Max: lim.References}
			}
		}
		switch {
		case blank:
			inTable = false
		case inTable:
			cells += tableW
		case len(bytes.TrimSpace(prev)) > 0 && bytes.IndexByte(prev, '|') >= 0:
			if w := delimiterColumns(rest); w > 0 {
				// The header row and this delimiter row: goldmark pads or cuts
				// every later row to w cells.
				inTable, tableW = true, w
				cells += w
			}
		}
		if cells > lim.TableCells {
			return &LimitError{Limit: LimitTable, Line: n, Max: lim.TableCells}
		}
		prev = rest
	}
	return nil
}

// marks are the bytes that may start inline markup: each can become an AST
// node of its own, so their number bounds the parse's memory.
var marks = [256]bool{'[': true, ']': true, '!': true, '*': true, '_': true, '`': true, '<': true, '&': true, '~': true}

func countMarks(line []byte) int {
	n := 0
	for _, c := range line {
		if marks[c] {
			n++
		}
	}
	return n
}

// lines yields each line of src with its 1-based number.
func lines(src []byte) func(yield func(int, []byte) bool) {
	return func(yield func(int, []byte) bool) {
		for n := 1; len(src) > 0; n++ {
			line := src
			if i := bytes.IndexByte(src, '\n'); i >= 0 {
				line, src = src[:i], src[i+1:]
			} else {
				src = nil
			}
			if !yield(n, line) {
				return
			}
		}
	}
}

// prefix counts the block quote markers and list markers that open a line
// (each one more level of nesting) and returns the rest of the line. A
// thematic break such as "- - - -" is not nesting.
func prefix(line []byte) (depth int, rest []byte) {
	if isBreak(line) {
		return 0, line
	}
	i, width := 0, 0
	marker := func(next int) {
		// One space after a marker belongs to it; more is indentation.
		depth++
		i = next
		if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ':
			width++
			i++
		case c == '\t':
			width += 4
			i++
		case c == '>':
			marker(i + 1)
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			marker(i + 1)
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				marker(j + 1)
				continue
			}
			return depth + width/4, line[i:]
		default:
			return depth + width/4, line[i:]
		}
	}
	return depth + width/4, line[i:]
}

// isBreak reports whether line is a thematic break: three or more of one of
// -, * or _, with only spaces between.
func isBreak(line []byte) bool {
	var mark byte
	count := 0
	for _, c := range line {
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case (c == '-' || c == '*' || c == '_') && (mark == 0 || c == mark):
			mark = c
			count++
		default:
			return false
		}
	}
	return count >= 3
}

// delimiterColumns returns the number of columns of a table delimiter row
// such as "| --- | :-: |", or 0 when line is not one.
func delimiterColumns(line []byte) int {
	t := bytes.TrimSpace(line)
	if bytes.IndexByte(t, '|') < 0 || bytes.IndexByte(t, '-') < 0 {
		return 0
	}
	for _, c := range t {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return 0
		}
	}
	t = bytes.TrimPrefix(bytes.TrimSuffix(t, []byte("|")), []byte("|"))
	return bytes.Count(t, []byte("|")) + 1
}

// errLimitWriter is what limitWriter returns once the output is too large.
var errLimitWriter = errors.New("document: output limit reached")

// limitWriter keeps at most max bytes, and fails every write after that, so
// a document whose HTML would be too large costs no more memory than max.
type limitWriter struct {
	buf bytes.Buffer
	max int
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.max {
		return 0, errLimitWriter
	}
	return w.buf.Write(p)
}
