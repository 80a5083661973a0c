package consult

import (
	"context"
	"slices"
	"sort"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// OptionResult is how many answers chose one option, overall and by group.
type OptionResult struct {
	Option string
	// Retired marks an option a later version of the document no longer offers;
	// the answers that chose it still count.
	Retired      bool
	Count        int
	Percent      float64 // of the question's answers
	Individual   int
	Organisation int
	ByLanguage   map[string]int
}

// QuestionResult is the counts of one question's answers. A many-choice
// question's percentages add up to more than 100: each answer may choose several.
type QuestionResult struct {
	QuestionBlock
	Ordinal       int // Q1, Q2… in document order
	Answers       int
	Individuals   int
	Organisations int
	Languages     []string       // the languages answered in, sorted
	ByLanguage    map[string]int // answers per language
	Options       []OptionResult
}

// Share is n as a percentage of total, 0 when total is 0.
func Share(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) * 100 / float64(total)
}

// QuestionResults counts the answers to every question of the consultation's
// current version, in document order: one grouped query per question. The
// PDF and Word reports can use it as the pages do. Choices are only ever
// counts; no person's choice leaves this function.
func (s *Service) QuestionResults(ctx context.Context, c *model.Consultation) ([]QuestionResult, error) {
	if c.CurrentVersionID == nil {
		return nil, nil
	}
	v, err := s.Store.Version(ctx, *c.CurrentVersionID)
	if err != nil {
		return nil, err
	}
	var out []QuestionResult
	for i, q := range Questions(v) {
		r, err := s.questionResult(ctx, c.ID, q)
		if err != nil {
			return nil, err
		}
		r.Ordinal = i + 1
		out = append(out, *r)
	}
	return out, nil
}

func (s *Service) questionResult(ctx context.Context, consultationID int64, q QuestionBlock) (*QuestionResult, error) {
	rows, err := s.Store.ChoiceCounts(ctx, consultationID, q.Key)
	if err != nil {
		return nil, err
	}
	r := &QuestionResult{QuestionBlock: q, ByLanguage: map[string]int{}}
	index := map[string]int{}
	for _, o := range q.Options {
		index[o] = len(r.Options)
		r.Options = append(r.Options, OptionResult{Option: o, ByLanguage: map[string]int{}})
	}
	for _, row := range rows {
		r.Answers += row.N
		r.ByLanguage[row.Language] += row.N
		org := row.RespondingAs == "organisation"
		if org {
			r.Organisations += row.N
		} else {
			r.Individuals += row.N
		}
		a := model.Answer{Choices: row.Choices}
		for _, ch := range a.ChoiceList() {
			i, ok := index[ch]
			if !ok {
				i, index[ch] = len(r.Options), len(r.Options)
				r.Options = append(r.Options, OptionResult{Option: ch, Retired: true, ByLanguage: map[string]int{}})
			}
			o := &r.Options[i]
			o.Count += row.N
			o.ByLanguage[row.Language] += row.N
			if org {
				o.Organisation += row.N
			} else {
				o.Individual += row.N
			}
		}
	}
	for i := range r.Options {
		r.Options[i].Percent = Share(r.Options[i].Count, r.Answers)
	}
	for l := range r.ByLanguage {
		r.Languages = append(r.Languages, l)
	}
	sort.Strings(r.Languages)
	r.Languages = slices.Compact(r.Languages)
	return r, nil
}

// ResultsVisible reports whether viewer may see the counts of the answers:
// analysts and admins always, everyone once the consultation has closed if
// its settings publish them.
func (s *Service) ResultsVisible(c *model.Consultation, viewer *model.User) bool {
	if viewer.Can(model.RoleAnalyst) {
		return true
	}
	return c.ResultsPublic && c.StatusAt(s.now()) == model.StatusClosed
}

// MaxAnswerTexts bounds one listing of a question's written answers.
const MaxAnswerTexts = 500

// AnswerTexts lists the written answers to one question for analysts, with
// the filters of the comment lists. It is internal: every text is there, with
// its status and what its author allowed.
func (s *Service) AnswerTexts(ctx context.Context, c *model.Consultation, key string, f store.AnswerTextFilter) (*QuestionBlock, []store.AnswerText, error) {
	if c.CurrentVersionID == nil {
		return nil, nil, model.ErrNotFound
	}
	v, err := s.Store.Version(ctx, *c.CurrentVersionID)
	if err != nil {
		return nil, nil, err
	}
	q := findQuestion(Questions(v), key)
	if q == nil {
		return nil, nil, model.ErrNotFound
	}
	ts, err := s.Store.AnswerTexts(ctx, c.ID, key, f, MaxAnswerTexts)
	return q, ts, err
}
