package document

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseQuestionForms(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want Question
	}{
		{"one by default", "```question\nDo you agree?\n- Agree\n- Disagree\n- Don't know\n```",
			Question{Type: QuestionOne, Text: "Do you agree?", Options: []string{"Agree", "Disagree", "Don't know"}, Explain: true}},
		{"text by default", "```question\n\nWhat else should we know?\n```",
			Question{Type: QuestionText, Text: "What else should we know?", Explain: true}},
		{"many without explain", "```question\nWhich apply?\ntype: many\n- A\n- B\nexplain: no\n```",
			Question{Type: QuestionMany, Text: "Which apply?", Options: []string{"A", "B"}}},
		{"explicit type one, upper case", "```question\nPick\nType: One\n- A\n- B\nExplain: yes\n```",
			Question{Type: QuestionOne, Text: "Pick", Options: []string{"A", "B"}, Explain: true}},
		{"explicit text", "```question\nTell us\ntype: text\nexplain: no\n```",
			Question{Type: QuestionText, Text: "Tell us", Explain: true}},
		{"twenty options", "```question\nQ\n" + options(20) + "```",
			Question{Type: QuestionOne, Text: "Q", Options: optionList(20), Explain: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustRender(t, tt.md, nil)
			checkDocument(t, d)
			if len(d.Blocks) != 1 || d.Blocks[0].Kind != KindQuestion || d.Blocks[0].Question == nil {
				t.Fatalf("blocks %+v", d.Blocks)
			}
			got := *d.Blocks[0].Question
			if got.Type != tt.want.Type || got.Text != tt.want.Text || got.Explain != tt.want.Explain ||
				!slices.Equal(got.Options, tt.want.Options) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if d.Blocks[0].Text != tt.want.Text {
				t.Errorf("block text %q", d.Blocks[0].Text)
			}
			if !strings.Contains(d.HTML, `data-question="`+tt.want.Type+`"`) {
				t.Errorf("no data-question in %s", d.HTML)
			}
		})
	}
}

func options(n int) string {
	var b strings.Builder
	for _, o := range optionList(n) {
		b.WriteString("- " + o + "\n")
	}
	return b.String()
}

func optionList(n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, "Option "+string(rune('A'+i)))
	}
	return out
}

func TestParseQuestionMalformed(t *testing.T) {
	tests := []struct {
		name   string
		md     string
		line   int
		reason string
	}{
		{"empty block", "Intro\n\n```question\n```", 3, ReasonNoQuestion},
		{"blank block", "```question\n\n\n```", 1, ReasonNoQuestion},
		{"option before question", "```question\n- A\n- B\n```", 2, ReasonNoQuestion},
		{"one option", "Intro\n\n```question\nQ?\n- A\n```", 3, ReasonFewOptions},
		{"one option, typed", "```question\nQ?\ntype: many\n- A\n```", 3, ReasonFewOptions},
		{"21 options", "```question\nQ\n" + options(21) + "```", 23, ReasonManyOptions},
		{"unknown type", "```question\nQ\ntype: some\n- A\n- B\n```", 3, ReasonType},
		{"text with options", "```question\nQ\ntype: text\n- A\n- B\n```", 3, ReasonTextOptions},
		{"bad explain", "```question\nQ\n- A\n- B\nexplain: maybe\n```", 5, ReasonExplain},
		{"duplicate option", "```question\nQ\n- A\n- A\n```", 4, ReasonDuplicate},
		{"empty option", "```question\nQ\n- A\n-\n```", 4, ReasonDuplicate},
		{"stray line", "```question\nQ\n- A\n- B\nmore words\n```", 5, ReasonStray},
		{"type twice", "```question\nQ\ntype: one\ntype: many\n- A\n- B\n```", 4, ReasonRepeated},
		{"long question", "```question\n" + strings.Repeat("x", MaxQuestionText+1) + "\n```", 2, ReasonLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Render(tt.md, nil, counter())
			var qe *QuestionError
			if !errors.As(err, &qe) {
				t.Fatalf("err = %v, want a QuestionError", err)
			}
			if qe.Line != tt.line || qe.Reason != tt.reason {
				t.Errorf("got line %d %q, want line %d %q", qe.Line, qe.Reason, tt.line, tt.reason)
			}
		})
	}
}

func TestQuestionBlockBesideOthers(t *testing.T) {
	md := "# Plan\n\nWe propose a network.\n\n```question\nDo you agree?\n- Yes\n- No\n```\n\n```go\ncode\n```\n\n- item"
	d := mustRender(t, md, nil)
	checkDocument(t, d)
	if got := texts(d); !slices.Equal(got, []string{"paragraph: We propose a network.", "question: Do you agree?", "list_item: item"}) {
		t.Errorf("blocks %q", got)
	}
	// A question inside a list item is code, not a question.
	d = mustRender(t, "- item\n\n  ```question\n  Q?\n  ```", nil)
	if len(d.Blocks) != 1 || d.Blocks[0].Kind != KindListItem {
		t.Errorf("nested question became %+v", d.Blocks)
	}
	// Markup in a question is text, escaped.
	d = mustRender(t, "```question\n<script>alert(1)</script> <!--pc-count:aaaaaaaa-->\n- <b>A</b>\n- B\n```", nil)
	if strings.Contains(d.HTML, "<script>") || strings.Contains(d.HTML, "<b>") {
		t.Errorf("markup not escaped: %s", d.HTML)
	}
	checkDocument(t, d)
}

func TestQuestionKeysSurviveVersions(t *testing.T) {
	v1 := mustRender(t, "Intro.\n\n```question\nDo you agree?\n- Yes\n- No\n```\n\nOutro.", nil)
	q := v1.Blocks[1].Key
	tests := []struct{ name, md string }{
		{"unchanged", "Intro.\n\n```question\nDo you agree?\n- Yes\n- No\n```\n\nOutro."},
		{"options changed", "Intro.\n\n```question\nDo you agree?\n- Yes\n- No\n- Not sure\n```\n\nOutro."},
		{"type changed", "Intro.\n\n```question\nDo you agree?\ntype: many\n- Yes\n- No\nexplain: no\n```\n\nOutro."},
		{"moved, paragraph added", "New first.\n\n```question\nDo you agree?\n- Yes\n- No\n```\n\nIntro.\n\nOutro."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v2 := mustRender(t, tt.md, v1.Blocks)
			for _, b := range v2.Blocks {
				if b.Kind == KindQuestion && b.Key != q {
					t.Errorf("question key %q, want %q", b.Key, q)
				}
			}
		})
	}
}

func TestReplaceQuestions(t *testing.T) {
	d := mustRender(t, "```question\nQ1\n- A\n- B\n```\n\nText.\n\n```question\nQ2\n```", nil)
	out := ReplaceQuestions(d.HTML, func(key string) (string, bool) {
		if key == d.Blocks[0].Key {
			return "[form 1]", true
		}
		return "", false
	})
	if !strings.Contains(out, "[form 1]") || strings.Contains(out, ">Q1<") {
		t.Errorf("first question not replaced: %s", out)
	}
	if !strings.Contains(out, ">Q2<") {
		t.Errorf("second question lost its text: %s", out)
	}
	if segs, keys := Split(out); len(keys) != 3 || len(segs) != 4 {
		t.Errorf("count markers lost: %d", len(keys))
	}
	if got := ReplaceQuestions("plain", nil); got != "plain" {
		t.Errorf("plain html changed: %q", got)
	}
}
