package importdoc

import (
	"regexp"
	"strings"
)

// A question is written in Word as a paragraph beginning "Question:" (or
// "Cwestiwn:"), its text after the colon, followed at once by a bulleted or
// numbered list of its options. A word in brackets before the colon sets
// the kind: "Question (choose any):" lets people pick several options,
// "Question (free text):" asks for text only, "Question (choose one):" is
// the default when there are options. It becomes a ```question block.
var questionLine = regexp.MustCompile(`(?i)^(question|cwestiwn)\s*(?:\(([^)]*)\))?\s*:\s*(\S.*)$`)

type question struct {
	text, kind string
}

// questionOf reads a question paragraph.
func questionOf(b block) (question, bool) {
	m := questionLine.FindStringSubmatch(plain(b.runs))
	if m == nil {
		return question{}, false
	}
	q := question{text: m[3]}
	k := strings.ToLower(m[2])
	switch {
	case strings.Contains(k, "any"), strings.Contains(k, "many"), strings.Contains(k, "unrhyw"), strings.Contains(k, "sawl"):
		q.kind = "many"
	case strings.Contains(k, "text"), strings.Contains(k, "testun"):
		q.kind = "text"
	case strings.Contains(k, "one"), k == "un":
		q.kind = "one"
	}
	return q, true
}

// writeQuestion writes the question block with the list items that follow
// it as options, and returns how many of those blocks it used. Items nested
// under an option have no place in a question and are dropped, noted as a
// loss.
func (d *doc) writeQuestion(w *mdWriter, q question, next []block) int {
	var options []string
	used := 0
	if q.kind != "text" {
		for _, b := range next {
			if b.kind != itemBlock {
				break
			}
			used++
			if b.level > 0 {
				d.lose(LossQuestion, 1)
				continue
			}
			options = append(options, plain(b.runs))
		}
	}
	writeQuestionBlock(w, q, options)
	return used
}

// A question may also be written as a table of two columns: the first row's
// first cell says "Question" (with the kind in brackets, as for a paragraph)
// and its second cell holds the question; each row below holds an option in
// its second cell, the first cell free for a label such as "Option" or a
// letter. questionTable reads such a table; any other table is not one.
func (d *doc) questionTable(b block) (question, []string, bool) {
	if len(b.rows) == 0 || len(b.rows[0]) != 2 {
		return question{}, nil, false
	}
	label := strings.TrimSuffix(strings.TrimSpace(plain(b.rows[0][0])), ":")
	q, ok := questionOf(block{runs: []run{{text: label + ": " + strings.TrimSpace(plain(b.rows[0][1]))}}})
	if !ok || !questionLabel.MatchString(label) {
		return question{}, nil, false
	}
	var options []string
	for _, row := range b.rows[1:] {
		if len(row) < 2 || strings.TrimSpace(plain(row[1])) == "" {
			continue
		}
		if q.kind == "text" {
			d.lose(LossQuestion, 1)
			continue
		}
		options = append(options, strings.TrimSpace(plain(row[1])))
	}
	return q, options, true
}

// questionLabel is the whole of a question table's first cell.
var questionLabel = regexp.MustCompile(`(?i)^(question|cwestiwn)\s*(\([^)]*\))?$`)

// writeQuestionBlock writes a ```question block of the contract.
func writeQuestionBlock(w *mdWriter, q question, options []string) {
	lines := []string{"```question", q.text}
	if q.kind != "" {
		lines = append(lines, "type: "+q.kind)
	}
	for _, o := range options {
		lines = append(lines, "- "+o)
	}
	lines = append(lines, "```")
	w.block(strings.Join(lines, "\n"))
}
