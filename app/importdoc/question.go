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
	var lines []string
	lines = append(lines, "```question", q.text)
	if q.kind != "" {
		lines = append(lines, "type: "+q.kind)
	}
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
			lines = append(lines, "- "+plain(b.runs))
		}
	}
	lines = append(lines, "```")
	w.block(strings.Join(lines, "\n"))
	return used
}
