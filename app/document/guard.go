package document

import (
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// goldmark takes no context and cannot be stopped from outside, so the time
// limit is checked from inside the parse: guard is registered as the first
// block parser and the first inline parser for every punctuation mark, never
// parses anything, and abandons the parse with a panic that Render recovers
// once the deadline has passed. The panic unwinds only goldmark's per-call
// state; the shared goldmark instance holds none.
type guard struct{}

// errDeadline is the value guard panics with.
type errDeadline struct{}

// guardEvery is how many calls pass between two looks at the clock.
const guardEvery = 64

// tick counts one step of the parse and stops it when its time is up.
func tick(pc parser.Context) {
	in, _ := pc.Get(inputKey).(*renderInput)
	if in == nil {
		return
	}
	in.steps++
	if in.steps%guardEvery == 0 && !time.Now().Before(in.deadline) {
		panic(errDeadline{})
	}
}

// guardTriggers are the characters some inline parser acts on.
var guardTriggers = []byte(" []!*_`<&~\\(|:")

// Trigger implements parser.InlineParser.
func (guard) Trigger() []byte { return guardTriggers }

// Parse implements parser.InlineParser; it never consumes input.
func (guard) Parse(_ ast.Node, _ text.Reader, pc parser.Context) ast.Node {
	tick(pc)
	return nil
}

// blockGuard is the block-level half of guard: with no trigger it is asked
// about every line.
type blockGuard struct{}

// Trigger implements parser.BlockParser.
func (blockGuard) Trigger() []byte { return nil }

// Open implements parser.BlockParser; it never opens a block.
func (blockGuard) Open(_ ast.Node, _ text.Reader, pc parser.Context) (ast.Node, parser.State) {
	tick(pc)
	return nil, parser.NoChildren
}

// Continue implements parser.BlockParser.
func (blockGuard) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }

// Close implements parser.BlockParser.
func (blockGuard) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser: true, so it is asked
// on paragraph lines too.
func (blockGuard) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (blockGuard) CanAcceptIndentedLine() bool { return true }
