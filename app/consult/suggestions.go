package consult

import (
	"context"
	"slices"
	"sort"
	"strconv"

	"pilcrow/app/analysis"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// SuggestThreshold is the least confidence worth showing an analyst; at it the
// synthetic set's held-out suggestions are right more than nine times in ten.
const SuggestThreshold = 0.3

// ThemeSuggestion is a theme suggested for an untagged comment, with how sure the
// model is and the comment's words that drove it.
type ThemeSuggestion struct {
	CommentID  int64
	Body       string
	Theme      model.Theme
	Confidence float64
	Words      []string
}

// Percent is the confidence as a whole percentage.
func (s ThemeSuggestion) Percent() int { return int(s.Confidence*100 + 0.5) }

// Suggestions is one list of suggestions and what they were learned from.
type Suggestions struct {
	Items    []ThemeSuggestion
	Untagged int // counted comments with no theme
	Tagged   int // counted comments with at least one, the examples
}

// corpus is a consultation's counted comments as words, with their tags.
type corpus struct {
	ids       []int64
	bodies    []string
	words     [][]string
	themes    [][]int64
	dismissed map[int64][]int64
	vocab     *analysis.Vocabulary
}

// loadCorpus reads the counted comments and the dismissed suggestions.
func (s *Reports) loadCorpus(ctx context.Context, c *model.Consultation) (*corpus, error) {
	cp := &corpus{dismissed: map[int64][]int64{}}
	err := s.Store.AnalysisTexts(ctx, c.ID, func(t store.TaggedText) error {
		cp.ids = append(cp.ids, t.ID)
		cp.bodies = append(cp.bodies, t.Body)
		cp.words = append(cp.words, analysis.Words(t.Body))
		cp.themes = append(cp.themes, t.ThemeIDs)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ds, err := s.Store.Dismissals(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		cp.dismissed[d.CommentID] = append(cp.dismissed[d.CommentID], d.ThemeID)
	}
	cp.vocab = analysis.NewVocabulary(cp.words)
	return cp, nil
}

// Suggestions learns from the comments the analysts tagged (and the suggestions
// they dismissed) and suggests themes for the untagged ones, most confident
// first, at most limit.
func (s *Reports) Suggestions(ctx context.Context, u *model.User, c *model.Consultation, limit int) (*Suggestions, error) {
	if !canAnalyse(u) {
		return nil, model.ErrForbidden
	}
	frame, err := s.Store.Themes(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	cp, err := s.loadCorpus(ctx, c)
	if err != nil {
		return nil, err
	}
	out := &Suggestions{}
	var examples []analysis.Example
	for i, id := range cp.ids {
		if len(cp.themes[i]) > 0 || len(cp.dismissed[id]) > 0 {
			examples = append(examples, analysis.Example{Words: cp.words[i], Labels: cp.themes[i], Dismissed: cp.dismissed[id]})
		}
		if len(cp.themes[i]) > 0 {
			out.Tagged++
		} else {
			out.Untagged++
		}
	}
	m := analysis.Train(cp.vocab, examples)
	for i, id := range cp.ids {
		if len(cp.themes[i]) > 0 {
			continue
		}
		for _, sg := range m.Suggest(cp.words[i], SuggestThreshold, cp.dismissed[id]) {
			j := slices.IndexFunc(frame, func(t model.Theme) bool { return t.ID == sg.Label })
			if j < 0 {
				continue
			}
			out.Items = append(out.Items, ThemeSuggestion{CommentID: id, Body: cp.bodies[i], Theme: frame[j],
				Confidence: sg.Confidence, Words: sg.Words})
		}
	}
	sort.SliceStable(out.Items, func(a, b int) bool { return out.Items[a].Confidence > out.Items[b].Confidence })
	if len(out.Items) > limit {
		out.Items = out.Items[:limit]
	}
	return out, nil
}

// AnswerSuggestion accepts (tags the comment with the theme) or dismisses a
// suggestion; a dismissal is remembered and teaches the model.
func (s *Reports) AnswerSuggestion(ctx context.Context, u *model.User, c *model.Consultation, commentID int64, theme string, accept bool) error {
	if !canAnalyse(u) {
		return model.ErrForbidden
	}
	cm, err := s.Store.Comment(ctx, commentID)
	if err != nil {
		return err
	}
	if cm.ConsultationID != c.ID {
		return model.ErrNotFound
	}
	frame, err := s.Store.Themes(ctx, c.ID)
	if err != nil {
		return err
	}
	ids, err := themeIDs(frame, []string{theme})
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return model.ErrInvalidInput
	}
	target := strconv.FormatInt(commentID, 10)
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		if accept {
			if err := tx.TagComments(ctx, []int64{commentID}, ids, u.ID); err != nil {
				return err
			}
			return tx.Audit(ctx, &u.ID, "suggestion.accept", "comment", target, nil, map[string]any{"theme": theme})
		}
		if err := tx.DismissSuggestion(ctx, commentID, ids[0], u.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, &u.ID, "suggestion.dismiss", "comment", target, nil, map[string]any{"theme": theme})
	})
}

// DiscoveredCluster is a group of similar untagged comments that might be a theme.
type DiscoveredCluster struct {
	Words    []string
	Examples []ThemeSuggestion // only CommentID and Body are set
	IDs      []int64           // the members, at most MaxTagIDs
	Size     int
}

// maxDiscover bounds how many untagged comments discovery clusters, so the page
// answers in moments on a consultation of any size.
const maxDiscover = 5000

// Discover clusters the untagged comments so an analyst can turn a cluster into
// a theme in one step.
func (s *Reports) Discover(ctx context.Context, u *model.User, c *model.Consultation) ([]DiscoveredCluster, error) {
	if !canAnalyse(u) {
		return nil, model.ErrForbidden
	}
	cp, err := s.loadCorpus(ctx, c)
	if err != nil {
		return nil, err
	}
	var at []int
	var vecs []analysis.Vector
	for i := range cp.ids {
		if len(cp.themes[i]) == 0 && len(cp.words[i]) > 0 && len(at) < maxDiscover {
			at = append(at, i)
			vecs = append(vecs, cp.vocab.Vector(cp.words[i]))
		}
	}
	k := min(max(len(vecs)/25, 2), 10)
	var out []DiscoveredCluster
	for _, cl := range analysis.Discover(cp.vocab, vecs, k, uint64(c.ID)) {
		d := DiscoveredCluster{Words: cl.Words, Size: len(cl.Members)}
		for _, m := range cl.Members[:min(len(cl.Members), MaxTagIDs)] {
			d.IDs = append(d.IDs, cp.ids[at[m]])
		}
		for _, e := range cl.Examples {
			d.Examples = append(d.Examples, ThemeSuggestion{CommentID: cp.ids[at[e]], Body: cp.bodies[at[e]]})
		}
		out = append(out, d)
	}
	return out, nil
}
