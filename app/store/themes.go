package store

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pilcrow/app/model"
)

// CreateTheme adds a theme to a consultation's coding frame. A name already in
// the frame is model.ErrConflict.
func (s *Store) CreateTheme(ctx context.Context, t *model.Theme) error {
	t.CreatedAt = time.Now().UTC()
	err := s.DB.WithContext(ctx).Create(t).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return model.ErrConflict
	}
	return err
}

// Themes returns a consultation's coding frame in name order.
func (s *Store) Themes(ctx context.Context, consultationID int64) ([]model.Theme, error) {
	var ts []model.Theme
	err := s.DB.WithContext(ctx).Where("consultation_id = ?", consultationID).Order("name, id").Find(&ts).Error
	return ts, err
}

// CommentThemeIDs returns the theme ids of each of the comments.
func (s *Store) CommentThemeIDs(ctx context.Context, commentIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	for start := 0; start < len(commentIDs); start += 1000 {
		chunk := commentIDs[start:min(start+1000, len(commentIDs))]
		var rows []model.CommentTheme
		if err := s.DB.WithContext(ctx).Where("comment_id IN ?", chunk).Order("comment_id, theme_id").Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.CommentID] = append(out[r.CommentID], r.ThemeID)
		}
	}
	return out, nil
}

// SetCommentThemes replaces a comment's themes with themeIDs.
func (s *Store) SetCommentThemes(ctx context.Context, commentID int64, themeIDs []int64, by int64) error {
	db := s.DB.WithContext(ctx)
	q := db.Where("comment_id = ?", commentID)
	if len(themeIDs) > 0 {
		q = q.Where("theme_id NOT IN ?", themeIDs)
	}
	if err := q.Delete(&model.CommentTheme{}).Error; err != nil {
		return err
	}
	return s.TagComments(ctx, []int64{commentID}, themeIDs, by)
}

// TagComments adds every theme to every comment, keeping tags already there.
func (s *Store) TagComments(ctx context.Context, commentIDs, themeIDs []int64, by int64) error {
	now := time.Now().UTC()
	var rows []model.CommentTheme
	for _, c := range commentIDs {
		for _, t := range themeIDs {
			rows = append(rows, model.CommentTheme{CommentID: c, ThemeID: t, TaggedBy: &by, CreatedAt: now})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return s.DB.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(rows, 500).Error
}

// CommentThemeNames returns, for each tagged comment of a consultation, its theme
// names in name order joined by "; ", as the CSV export's themes column.
func (s *Store) CommentThemeNames(ctx context.Context, consultationID int64) (map[int64]string, error) {
	rows, err := s.DB.WithContext(ctx).Raw(`SELECT ct.comment_id, t.name FROM comment_themes ct
		JOIN themes t ON t.id = ct.theme_id WHERE t.consultation_id = ? ORDER BY ct.comment_id, t.name`, consultationID).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[int64][]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = append(names[id], name)
	}
	out := make(map[int64]string, len(names))
	for id, ns := range names {
		sort.Strings(ns) // the engines' collations differ; Go's order is the same on both
		out[id] = strings.Join(ns, "; ")
	}
	return out, rows.Err()
}

// ThemeCount is how many counted comments carry a theme, by paragraph and by
// who responded.
type ThemeCount struct {
	ThemeID      int64
	ParagraphKey string
	RespondingAs string
	Count        int
}

// ThemeCounts counts the pending and approved comments of a consultation per
// theme, paragraph and respondent type: withdrawn and rejected ones are not
// responses.
func (s *Store) ThemeCounts(ctx context.Context, consultationID int64) ([]ThemeCount, error) {
	var out []ThemeCount
	err := s.DB.WithContext(ctx).Raw(`SELECT ct.theme_id, c.paragraph_key, c.responding_as, COUNT(*) AS count
		FROM comment_themes ct JOIN comments c ON c.id = ct.comment_id
		WHERE c.consultation_id = ? AND c.status IN ?
		GROUP BY ct.theme_id, c.paragraph_key, c.responding_as`,
		consultationID, []model.CommentStatus{model.CommentPending, model.CommentApproved}).Scan(&out).Error
	return out, err
}

// AddNote keeps an analyst's internal note on a comment.
func (s *Store) AddNote(ctx context.Context, n *model.CommentNote) error {
	n.CreatedAt = time.Now().UTC()
	return s.DB.WithContext(ctx).Create(n).Error
}

// Notes returns a comment's notes, oldest first.
func (s *Store) Notes(ctx context.Context, commentID int64) ([]model.CommentNote, error) {
	var ns []model.CommentNote
	err := s.DB.WithContext(ctx).Where("comment_id = ?", commentID).Order("created_at, id").Find(&ns).Error
	return ns, err
}

// DismissSuggestion records that a theme does not fit a comment.
func (s *Store) DismissSuggestion(ctx context.Context, commentID, themeID, by int64) error {
	d := model.ThemeDismissal{CommentID: commentID, ThemeID: themeID, DismissedBy: &by, CreatedAt: time.Now().UTC()}
	return s.DB.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&d).Error
}

// Dismissals returns a consultation's dismissed suggestions.
func (s *Store) Dismissals(ctx context.Context, consultationID int64) ([]model.ThemeDismissal, error) {
	var ds []model.ThemeDismissal
	err := s.DB.WithContext(ctx).Joins("JOIN themes t ON t.id = theme_dismissals.theme_id").
		Where("t.consultation_id = ?", consultationID).Find(&ds).Error
	return ds, err
}

// TaggedText is a comment's text with its themes, for learning suggestions.
type TaggedText struct {
	ID       int64
	Body     string
	ThemeIDs []int64
}

// AnalysisTexts streams the counted comments of a consultation (pending and
// approved) with their themes, in id order.
func (s *Store) AnalysisTexts(ctx context.Context, consultationID int64, fn func(TaggedText) error) error {
	rows, err := s.DB.WithContext(ctx).Raw(`SELECT c.id, c.body, ct.theme_id FROM comments c
		LEFT JOIN comment_themes ct ON ct.comment_id = c.id
		WHERE c.consultation_id = ? AND c.status IN ? ORDER BY c.id`,
		consultationID, []model.CommentStatus{model.CommentPending, model.CommentApproved}).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur TaggedText
	for rows.Next() {
		var id int64
		var body string
		var theme *int64
		if err := rows.Scan(&id, &body, &theme); err != nil {
			return err
		}
		if id != cur.ID {
			if cur.ID != 0 {
				if err := fn(cur); err != nil {
					return err
				}
			}
			cur = TaggedText{ID: id, Body: body}
		}
		if theme != nil {
			cur.ThemeIDs = append(cur.ThemeIDs, *theme)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if cur.ID != 0 {
		return fn(cur)
	}
	return nil
}

// TaggedCounts counts a consultation's counted comments (pending and approved)
// with at least one theme, and all of them.
func (s *Store) TaggedCounts(ctx context.Context, consultationID int64) (tagged, total int, err error) {
	var r struct{ Tagged, Total int }
	err = s.DB.WithContext(ctx).Raw(`SELECT COUNT(*) AS total,
		COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM comment_themes ct WHERE ct.comment_id = c.id) THEN 1 ELSE 0 END), 0) AS tagged
		FROM comments c WHERE c.consultation_id = ? AND c.status IN ?`,
		consultationID, []model.CommentStatus{model.CommentPending, model.CommentApproved}).Scan(&r).Error
	return r.Tagged, r.Total, err
}
