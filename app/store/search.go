package store

import (
	"context"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"

	"pilcrow/app/model"
)

// The accents folded away before indexing and searching, so that "wyr" finds
// "ŵyr". migrations/postgres/00060_comment_search.sql holds the same table for
// pilcrow_fold; SQLite's unicode61 tokenizer folds these and more by itself.
const (
	foldFrom = "àáâãäåèéêëìíîïòóôõöùúûüŵẁẃẅŷÿýỳçñ"
	foldTo   = "aaaaaaeeeeiiiiooooouuuuwwwwyyyycn"
)

var folds = func() map[rune]rune {
	from, to := []rune(foldFrom), []rune(foldTo)
	m := make(map[rune]rune, len(from))
	for i, r := range from {
		m[r] = to[i]
	}
	return m
}()

// SearchTerm is one word, or the words of a quoted phrase in order.
type SearchTerm []string

// ParseSearch splits what a person typed into terms: words, and phrases in double
// quotes. Words are cut where the indexes cut them (at anything but letters and
// digits), lower-cased and folded, so they can be handed to either engine without
// any of its query syntax getting through.
func ParseSearch(q string) []SearchTerm {
	var terms []SearchTerm
	for i, part := range strings.Split(q, `"`) {
		words := searchWords(part)
		if len(words) == 0 {
			continue
		}
		if i%2 == 1 { // inside quotes
			terms = append(terms, SearchTerm(words))
			continue
		}
		for _, w := range words {
			terms = append(terms, SearchTerm{w})
		}
	}
	return terms
}

// searchWords lower-cases and folds s and cuts it into words. It composes the
// text first (NFC), so a letter typed as w plus a combining circumflex folds
// like ŵ instead of splitting the word at the accent.
func searchWords(s string) []string {
	folded := strings.Map(func(r rune) rune {
		r = unicode.ToLower(r)
		if f, ok := folds[r]; ok {
			return f
		}
		return r
	}, norm.NFC.String(s))
	return strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// matchComments restricts q (over comments) to those whose text matches every
// term, through the engine's full-text index. No terms, no restriction.
func (s *Store) matchComments(q *gorm.DB, terms []SearchTerm) *gorm.DB {
	if len(terms) == 0 {
		return q
	}
	parts := make([]string, len(terms))
	if s.Engine == Postgres {
		for i, t := range terms {
			parts[i] = strings.Join(t, " <-> ")
		}
		// EXISTS rather than IN lets the planner walk the comments newest first and
		// test each one for a common word, or read the GIN index for a rare one.
		return q.Where("EXISTS (SELECT 1 FROM comment_search s WHERE s.comment_id = comments.id AND s.tsv @@ to_tsquery('simple', ?))",
			strings.Join(parts, " & "))
	}
	for i, t := range terms {
		parts[i] = `"` + strings.Join(t, " ") + `"`
	}
	return q.Where("comments.id IN (SELECT rowid FROM comment_search WHERE comment_search MATCH ?)", strings.Join(parts, " "))
}

// SearchFilter selects and pages a consultation's comments for analysts.
type SearchFilter struct {
	ConsultationID int64
	Terms          []SearchTerm
	ParagraphKey   string
	Stance         string
	RespondingAs   string
	Status         model.CommentStatus // "" for every status but withdrawn
	ThemeID        int64               // 0 for any; NoTheme for comments without one
	From, To       *time.Time          // submitted at or after From, before To
	IDs            []int64             // when not nil, only these comments (a campaign)
	After          *QueueCursor        // the last item of the previous page, newest first
	Limit          int
}

// NoTheme asks for comments nobody has tagged yet.
const NoTheme = -1

// SearchComments returns one page of matching comments, newest first by
// (created_at, id), read by keyset. Withdrawn comments are never found: their
// authors took them back.
func (s *Store) SearchComments(ctx context.Context, f SearchFilter) ([]model.Comment, error) {
	q := s.searchWhere(s.DB.WithContext(ctx).Model(&model.Comment{}), f)
	if f.After != nil {
		at := f.After.CreatedAt.UTC()
		q = q.Where("(comments.created_at < ? OR (comments.created_at = ? AND comments.id < ?))", at, at, f.After.ID)
	}
	var cs []model.Comment
	err := q.Order("comments.created_at DESC, comments.id DESC").Limit(f.Limit).Find(&cs).Error
	return cs, err
}

// CountSearch counts matching comments up to limit; more reads as limit+1.
func (s *Store) CountSearch(ctx context.Context, f SearchFilter, limit int) (int, error) {
	sub := s.searchWhere(s.DB.WithContext(ctx).Model(&model.Comment{}), f).Select("comments.id").Limit(limit + 1)
	var n int
	err := s.DB.WithContext(ctx).Table("(?) AS q", sub).Select("COUNT(*)").Scan(&n).Error
	return n, err
}

func (s *Store) searchWhere(q *gorm.DB, f SearchFilter) *gorm.DB {
	q = q.Where("comments.consultation_id = ?", f.ConsultationID)
	if f.Status == "" {
		q = q.Where("comments.status <> ?", model.CommentWithdrawn)
	} else {
		q = q.Where("comments.status = ?", f.Status)
	}
	q = s.matchComments(q, f.Terms)
	for col, v := range map[string]string{"paragraph_key": f.ParagraphKey, "stance": f.Stance, "responding_as": f.RespondingAs} {
		if v != "" {
			q = q.Where("comments."+col+" = ?", v)
		}
	}
	if f.From != nil {
		q = q.Where("comments.created_at >= ?", f.From.UTC())
	}
	if f.To != nil {
		q = q.Where("comments.created_at < ?", f.To.UTC())
	}
	switch {
	case f.ThemeID == NoTheme:
		q = q.Where("NOT EXISTS (SELECT 1 FROM comment_themes ct WHERE ct.comment_id = comments.id)")
	case f.ThemeID > 0:
		q = q.Where("EXISTS (SELECT 1 FROM comment_themes ct WHERE ct.comment_id = comments.id AND ct.theme_id = ?)", f.ThemeID)
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			return q.Where("1 = 0")
		}
		q = q.Where("comments.id IN ?", f.IDs)
	}
	return q
}
