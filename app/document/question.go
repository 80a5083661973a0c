package document

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// KindQuestion is the block kind of a ```question fenced block.
const KindQuestion = "question"

// Question types: choose one option, choose any number, or free text only.
const (
	QuestionOne  = "one"
	QuestionMany = "many"
	QuestionText = "text"
)

// Limits of a question block.
const (
	MinOptions      = 2
	MaxOptions      = 20
	MaxQuestionText = 500 // runes, the question itself and each option
)

// Question is what a ```question block asks. Its block's Text is the question,
// so a question keeps its key when only its options change.
type Question struct {
	Type    string   `json:"type"`
	Text    string   `json:"text"`
	Options []string `json:"options,omitempty"`
	// Explain offers the "Tell us why" box beside a choice question.
	Explain bool `json:"explain"`
}

// Choice reports whether the question offers options.
func (q Question) Choice() bool { return q.Type != QuestionText }

// HasOption reports whether o is one of the options, exactly.
func (q Question) HasOption(o string) bool {
	for _, x := range q.Options {
		if x == o {
			return true
		}
	}
	return false
}

// QuestionError is a malformed question block: the 1-based line of the document
// it concerns and the reason, a short code that names a message
// ("questions.error.markdown.{Reason}").
type QuestionError struct {
	Line   int
	Reason string
}

func (e *QuestionError) Error() string {
	return fmt.Sprintf("document: question block at line %d: %s", e.Line, e.Reason)
}

// The reasons a question block is refused.
const (
	ReasonNoQuestion  = "missing"   // no question line
	ReasonFewOptions  = "few"       // a choice question with fewer than MinOptions
	ReasonManyOptions = "many"      // more than MaxOptions
	ReasonType        = "type"      // an unknown type: line
	ReasonTextOptions = "textopts"  // type: text with options
	ReasonExplain     = "explain"   // explain: with a value other than yes or no
	ReasonDuplicate   = "duplicate" // the same option twice
	ReasonLong        = "long"      // a question or option over MaxQuestionText
	ReasonStray       = "stray"     // a line after the options that is none of the above
	ReasonRepeated    = "repeated"  // type: or explain: given twice
)

// ParseQuestion reads the lines of a question block; first is the document
// line number of lines[0], for errors.
func ParseQuestion(lines []string, first int) (Question, error) {
	q := Question{Explain: true}
	var typ, explain string
	typeLine, fenceLine := 0, first-1
	for i, raw := range lines {
		n, line := first+i, strings.TrimSpace(raw)
		low := strings.ToLower(line)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "- ") || line == "-":
			o := strings.TrimSpace(strings.TrimPrefix(line, "-"))
			if q.Text == "" {
				return q, &QuestionError{n, ReasonNoQuestion}
			}
			if o == "" || q.HasOption(o) {
				return q, &QuestionError{n, ReasonDuplicate}
			}
			if utf8.RuneCountInString(o) > MaxQuestionText {
				return q, &QuestionError{n, ReasonLong}
			}
			if len(q.Options) == MaxOptions {
				return q, &QuestionError{n, ReasonManyOptions}
			}
			q.Options = append(q.Options, o)
		case strings.HasPrefix(low, "type:"):
			if typ != "" {
				return q, &QuestionError{n, ReasonRepeated}
			}
			typ, typeLine = strings.TrimSpace(low[len("type:"):]), n
			if typ != QuestionOne && typ != QuestionMany && typ != QuestionText {
				return q, &QuestionError{n, ReasonType}
			}
		case strings.HasPrefix(low, "explain:"):
			if explain != "" {
				return q, &QuestionError{n, ReasonRepeated}
			}
			explain = strings.TrimSpace(low[len("explain:"):])
			if explain != "no" && explain != "yes" {
				return q, &QuestionError{n, ReasonExplain}
			}
		case q.Text == "":
			if utf8.RuneCountInString(line) > MaxQuestionText {
				return q, &QuestionError{n, ReasonLong}
			}
			q.Text = normalise(line)
		default:
			return q, &QuestionError{n, ReasonStray}
		}
	}
	if q.Text == "" {
		return q, &QuestionError{fenceLine, ReasonNoQuestion}
	}
	return q, finishQuestion(&q, typ, explain, typeLine, fenceLine)
}

// finishQuestion applies the defaults and checks the type against the options.
func finishQuestion(q *Question, typ, explain string, typeLine, fenceLine int) error {
	if typ == "" {
		typ = QuestionOne
		if len(q.Options) == 0 {
			typ = QuestionText
		}
		typeLine = fenceLine
	}
	q.Type = typ
	switch {
	case typ == QuestionText && len(q.Options) > 0:
		return &QuestionError{typeLine, ReasonTextOptions}
	case typ != QuestionText && len(q.Options) < MinOptions:
		return &QuestionError{typeLine, ReasonFewOptions}
	}
	// A text question is all explanation; explain: no only matters for choices.
	q.Explain = typ == QuestionText || explain != "no"
	return nil
}

// isQuestion reports whether n is a ```question fenced block.
func isQuestion(n ast.Node, source []byte) bool {
	f, ok := n.(*ast.FencedCodeBlock)
	return ok && f.Info != nil && strings.TrimSpace(string(f.Language(source))) == KindQuestion
}

// parseQuestionNode parses a question block of the document.
func parseQuestionNode(n ast.Node, source []byte) (Question, error) {
	lines := n.Lines()
	var ls []string
	first := 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if i == 0 {
			first = lineOf(source, seg.Start)
		}
		ls = append(ls, strings.TrimRight(string(seg.Value(source)), "\n"))
	}
	if lines.Len() == 0 {
		// An empty block: its fence is the line after the info string's.
		f := n.(*ast.FencedCodeBlock)
		return Question{}, &QuestionError{lineOf(source, f.Info.Segment.Start), ReasonNoQuestion}
	}
	return ParseQuestion(ls, first)
}

// lineOf is the 1-based line of the byte offset off.
func lineOf(source []byte, off int) int {
	if off > len(source) {
		off = len(source)
	}
	return 1 + strings.Count(string(source[:off]), "\n")
}

// parseQuestions fills in the question of every question block, and its text,
// or returns the first malformed block's error.
func parseQuestions(nodes []ast.Node, blocks []Block, source []byte) error {
	for i, n := range nodes {
		if blocks[i].Kind != KindQuestion {
			continue
		}
		q, err := parseQuestionNode(n, source)
		if err != nil {
			return err
		}
		blocks[i].Question, blocks[i].Text = &q, q.Text
	}
	return nil
}
