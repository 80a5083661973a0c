package document

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestLimitsRefusePathologicalDocuments feeds the shapes that made goldmark
// slow or the output huge, each within the 1 MiB source limit, and checks that
// each is refused naming the limit it broke, before any parse.
func TestLimitsRefusePathologicalDocuments(t *testing.T) {
	tests := []struct {
		name, md, limit string
		line            int
	}{
		{"links run together on one line", strings.Repeat("[a](", 100_000), LimitMarkup, 1},
		{"links on a long line", strings.Repeat("[a](/b) "+strings.Repeat("x", 2000), 400), LimitLinks, 1},
		{"quotes nested deep", "Intro\n\n" + strings.Repeat(">", 100_000), LimitNesting, 3},
		{"lists nested on one line", strings.Repeat("- ", 40) + "a", LimitNesting, 1},
		{"lists nested by indentation", nestedByIndent(40), LimitNesting, 33},
		{"wide table padded to its header", "|" + strings.Repeat("a|", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|\n", 400), LimitTable, 22},
		{"0.9 MB table", bigTable(900_000), LimitTable, 0},
		{"reference definitions in one paragraph", strings.Repeat("[a]: /b\n", 600), LimitReferences, 501},
		{"emphasis marks", strings.Repeat("*a", 500_000), LimitMarkup, 1},
		{"many lines", strings.Repeat("a\n", 500_000), LimitLines, 40_001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.md) > MaxBytes {
				t.Fatalf("test input is %d bytes, over MaxBytes", len(tt.md))
			}
			_, err := Render(tt.md, nil, nil)
			var le *LimitError
			if !errors.As(err, &le) || !errors.Is(err, ErrTooComplex) {
				t.Fatalf("err = %v, want a *LimitError", err)
			}
			if le.Limit != tt.limit || (tt.line > 0 && le.Line != tt.line) {
				t.Fatalf("limit %q at line %d, want %q at line %d (%v)", le.Limit, le.Line, tt.limit, tt.line, err)
			}
			if !strings.Contains(err.Error(), "document: ") {
				t.Errorf("error %q does not say what is too large", err)
			}
		})
	}
}

func nestedByIndent(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(" ", 4*i) + "- a\n")
	}
	return b.String()
}

// bigTable is a table of about size bytes with short rows padded to a wide header.
func bigTable(size int) string {
	head := "|" + strings.Repeat(" h |", 60) + "\n|" + strings.Repeat("---|", 60) + "\n"
	return head + strings.Repeat("| x |\n", (size-len(head))/6)
}

// TestLimitsAllowRealDocuments checks that documents far larger and more
// marked-up than any real consultation still render: the limits must never
// refuse honest work.
func TestLimitsAllowRealDocuments(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Plan\n\n")
	for b.Len() < MaxBytes-4096 {
		b.WriteString("## Section\n\nThe council proposes to widen the footway on the high street and to add a protected cycle lane between the station and the market square, so that people can walk and cycle safely.\n\nSome **bold** and _emphasised_ text with [a link](https://example.test/a_b) and `code`.\n\n")
		b.WriteString("- one\n  - two\n    - three\n\n> A quote\n> > inside\n\n")
		b.WriteString("| a | b | c |\n|---|:-:|--:|\n| 1 | 2 | 3 |\n\n")
	}
	md := b.String()
	d, err := Render(md, nil, nil)
	if err != nil {
		t.Fatalf("a %d-byte document with ordinary markup was refused: %v", len(md), err)
	}
	if len(d.Blocks) < 1000 {
		t.Fatalf("%d blocks", len(d.Blocks))
	}
	// Blank lines cost goldmark nothing and do not count as lines.
	if _, err := Render(strings.Repeat("a\n\n\n", 15_000), nil, nil); err != nil {
		t.Fatalf("45,000 lines of which 15,000 are not blank: %v", err)
	}
}

// TestLimitsAfterParse covers the limits checked on the parse and the output,
// with limits lowered so that small inputs reach them.
func TestLimitsAfterParse(t *testing.T) {
	lim := DefaultLimits
	lim.Blocks = 3
	if _, err := RenderWithin("a\n\nb\n\nc\n\nd", nil, nil, lim); !isLimit(err, LimitBlocks) {
		t.Errorf("4 blocks over a limit of 3: %v", err)
	}
	lim = DefaultLimits
	lim.HTMLBytes = 500
	if _, err := RenderWithin(strings.Repeat("word ", 200), nil, nil, lim); !isLimit(err, LimitHTML) {
		t.Errorf("1000 bytes of HTML over a limit of 500: %v", err)
	}
	// A deadline already passed stops the parse at the guard's first look at
	// the clock, which comes after guardEvery steps.
	lim = DefaultLimits
	lim.Time = -time.Second
	if _, err := RenderWithin(strings.Repeat("a [b] *c* ", guardEvery), nil, nil, lim); !isLimit(err, LimitTime) {
		t.Errorf("past deadline: %v", err)
	}
	// The shared goldmark instance still works after a parse was abandoned.
	if _, err := Render(base, nil, nil); err != nil {
		t.Fatalf("render after an abandoned parse: %v", err)
	}
}

func isLimit(err error, limit string) bool {
	var le *LimitError
	return errors.As(err, &le) && le.Limit == limit
}
