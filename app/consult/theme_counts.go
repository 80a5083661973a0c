package consult

import (
	"context"

	"pilcrow/app/model"
)

// ThemeCounts is how many counted comments (pending and approved) carry each
// theme of a consultation's coding frame. The analysis page draws it, and the
// PDF and Word reports may use it: a comment with two themes counts once for each.
type ThemeCounts struct {
	Themes []ThemeCount // in the frame's order (by name)
	Tagged int          // comments with at least one theme
	Total  int          // counted comments, tagged or not
}

// ThemeCount is one theme's count, overall, by who responded and per paragraph.
type ThemeCount struct {
	Theme                             model.Theme
	Total, Individuals, Organisations int
	Paragraphs                        map[string]int // by paragraph key; "" is the whole document
}

// ThemeCounts counts the consultation's comments per theme.
func (s *Reports) ThemeCounts(ctx context.Context, c *model.Consultation) (*ThemeCounts, error) {
	frame, err := s.Store.Themes(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	rows, err := s.Store.ThemeCounts(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	out := &ThemeCounts{Themes: make([]ThemeCount, len(frame))}
	at := map[int64]*ThemeCount{}
	for i, t := range frame {
		out.Themes[i] = ThemeCount{Theme: t, Paragraphs: map[string]int{}}
		at[t.ID] = &out.Themes[i]
	}
	for _, r := range rows {
		tc := at[r.ThemeID]
		if tc == nil {
			continue
		}
		tc.Total += r.Count
		if r.RespondingAs == "organisation" {
			tc.Organisations += r.Count
		} else {
			tc.Individuals += r.Count
		}
		tc.Paragraphs[r.ParagraphKey] += r.Count
	}
	out.Tagged, out.Total, err = s.Store.TaggedCounts(ctx, c.ID)
	return out, err
}
