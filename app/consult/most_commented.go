package consult

import (
	"cmp"
	"context"
	"slices"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// MostCommentedLimit is how many paragraphs the "most commented" ranking shows.
const MostCommentedLimit = 10

// NoStance is how many of the block's comments gave no view.
func (b BlockCount) NoStance() int { return b.Total - b.Agree - b.Disagree - b.Neutral }

// RankByComments returns the blocks that have comments, most commented first and
// ties in document order, at most limit of them.
func RankByComments(blocks []BlockCount, limit int) []BlockCount {
	var out []BlockCount
	for _, b := range blocks {
		if b.Total > 0 {
			out = append(out, b)
		}
	}
	slices.SortStableFunc(out, func(a, b BlockCount) int { return cmp.Compare(b.Total, a.Total) })
	return out[:min(len(out), limit)]
}

// PublicMostCommented ranks a consultation's paragraphs by the comments the
// public may read, once it has closed and only when its admins chose to show
// the ranking; otherwise it is model.ErrNotFound, as a page that does not exist.
func (s *Service) PublicMostCommented(ctx context.Context, slug string) (*model.Consultation, []BlockCount, error) {
	c, err := s.PublicConsultation(ctx, slug)
	if err != nil {
		return nil, nil, err
	}
	if !c.MostCommentedPublic || s.Status(c) != model.StatusClosed {
		return nil, nil, model.ErrNotFound
	}
	blocks, err := s.Store.Blocks(ctx, *c.CurrentVersionID)
	if err != nil {
		return nil, nil, err
	}
	stances, err := s.Store.PublicParagraphStances(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	counts := make([]BlockCount, len(blocks))
	byKey := map[string]*BlockCount{}
	for i, b := range blocks {
		counts[i] = BlockCount{Block: b}
		byKey[b.Key] = &counts[i]
	}
	addStances(byKey, stances)
	return c, RankByComments(counts, MostCommentedLimit), nil
}

// addStances adds counted comments to the blocks they are on; a key the
// version no longer has (a paragraph removed since) counts nowhere.
func addStances(byKey map[string]*BlockCount, stances []store.ParagraphStance) {
	for _, ps := range stances {
		bc := byKey[ps.Key]
		if bc == nil {
			continue
		}
		bc.Total += ps.Count
		switch ps.Stance {
		case "agree":
			bc.Agree += ps.Count
		case "disagree":
			bc.Disagree += ps.Count
		case "neutral":
			bc.Neutral += ps.Count
		}
	}
}
