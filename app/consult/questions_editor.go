package consult

import (
	"context"
	"slices"

	"pilcrow/app/document"
	"pilcrow/app/model"
)

// QuestionChange is a question whose options a new text changes although
// people have already answered it.
type QuestionChange struct {
	Text    string
	Answers int
}

// QuestionChanges compares the questions of markdown with the current
// version's, key by key as publishing would match them, and lists those that
// have answers and whose options or type change. Existing answers are kept:
// this is what the editor tells the official before publishing.
func (s *Service) QuestionChanges(ctx context.Context, c *model.Consultation, markdown string) ([]QuestionChange, error) {
	if c.CurrentVersionID == nil {
		return nil, nil
	}
	cur, err := s.Store.Version(ctx, *c.CurrentVersionID)
	if err != nil {
		return nil, err
	}
	old := Questions(cur)
	if len(old) == 0 {
		return nil, nil
	}
	blocks, err := s.Store.Blocks(ctx, cur.ID)
	if err != nil {
		return nil, err
	}
	doc, err := document.Render(normaliseNewlines(markdown), toDocumentBlocks(blocks), document.RandomKey)
	if err != nil {
		return nil, nil // the preview reports the Markdown's own problems
	}
	var out []QuestionChange
	for _, b := range doc.Blocks {
		if b.Question == nil {
			continue
		}
		prev := findQuestion(old, b.Key)
		if prev == nil || (prev.Type == b.Question.Type && slices.Equal(prev.Options, b.Question.Options)) {
			continue
		}
		rows, err := s.Store.ChoiceCounts(ctx, c.ID, b.Key)
		if err != nil {
			return nil, err
		}
		n := 0
		for _, r := range rows {
			n += r.N
		}
		if n > 0 {
			out = append(out, QuestionChange{Text: b.Question.Text, Answers: n})
		}
	}
	return out, nil
}
