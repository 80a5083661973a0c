package consult

import (
	"encoding/json"

	"pilcrow/app/document"
	"pilcrow/app/model"
)

// QuestionBlock is a question of a document version with its address.
type QuestionBlock struct {
	Key    string `json:"key"`
	Number int    `json:"number"` // the block's paragraph number
	document.Question
}

// questionsJSON is the stored form of a version's questions, in document
// order; "" when it has none, so documents without questions cost nothing.
func questionsJSON(bs []document.Block) string {
	var qs []QuestionBlock
	for _, b := range bs {
		if b.Question != nil {
			qs = append(qs, QuestionBlock{Key: b.Key, Number: b.Number, Question: *b.Question})
		}
	}
	if len(qs) == 0 {
		return ""
	}
	out, _ := json.Marshal(qs)
	return string(out)
}

// Questions decodes a version's questions, in document order.
func Questions(v *model.DocumentVersion) []QuestionBlock {
	if v == nil || v.Questions == "" {
		return nil
	}
	var qs []QuestionBlock
	_ = json.Unmarshal([]byte(v.Questions), &qs)
	return qs
}

// TranslatedQuestions decodes a translation's questions by key: the same
// questions as the version's, in its language, with their options in the same
// order (the pairing refuses any other shape), so option i means the same in both.
func TranslatedQuestions(t *model.Translation) map[string]document.Question {
	if t == nil || t.Questions == "" {
		return nil
	}
	var qs []QuestionBlock
	_ = json.Unmarshal([]byte(t.Questions), &qs)
	out := make(map[string]document.Question, len(qs))
	for _, q := range qs {
		out[q.Key] = q.Question
	}
	return out
}

// findQuestion returns the question with key, or nil.
func findQuestion(qs []QuestionBlock, key string) *QuestionBlock {
	for i := range qs {
		if qs[i].Key == key {
			return &qs[i]
		}
	}
	return nil
}

// QuestionNumbers numbers the questions Q1, Q2… in document order, by key.
func QuestionNumbers(qs []QuestionBlock) map[string]int {
	out := make(map[string]int, len(qs))
	for i, q := range qs {
		out[q.Key] = i + 1
	}
	return out
}
