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
	if s.Engine == Postgres {
		// EXISTS rather than IN lets the planner walk the comments newest first and
		// test each one for a common word, or read the GIN index for a rare one.
		return q.Where("EXISTS (SELECT 1 FROM comment_search s WHERE s.comment_id = comments.id AND s.tsv @@ to_tsquery('simple', ?))",
			tsQuery(terms))
	}
	return q.Where("comments.id IN (SELECT rowid FROM comment_search WHERE comment_search MATCH ?)", ftsQuery(terms))
}

// tsQuery writes terms as a PostgreSQL tsquery: every term, a phrase's words
// next to each other.
func tsQuery(terms []SearchTerm) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = strings.Join(t, " <-> ")
	}
	return strings.Join(parts, " & ")
}

// ftsQuery writes terms as an FTS5 query: every term, each quoted as a phrase.
func ftsQuery(terms []SearchTerm) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.Join(t, " ") + `"`
	}
	return strings.Join(parts, " ")
}

// SearchFilter selects and pages a consultation's comments for analysts.
type SearchFilter struct {
	ConsultationID int64
	Terms          []SearchTerm
	ParagraphKey   string
	Stance         string
	RespondingAs   string
	Language       string              // "en" or "cy"
	Channel        string              // "online", "email", "post", "event" or "phone"
	Status         model.CommentStatus // "" for every status but withdrawn
	ThemeID        int64               // 0 for any; NoTheme for comments without one
	From, To       *time.Time          // submitted at or after From, before To
	IDs            []int64             // when not nil, only these comments (a campaign)
	After          *QueueCursor        // the last item of the previous page, newest first
	Common         bool                // more matches than the capped count: look among the newest first
	Limit          int
}

// NoTheme asks for comments nobody has tagged yet.
const NoTheme = -1

// SearchKey is a match's place in the newest-first order of a search.
type SearchKey struct {
	ID        int64
	CreatedAt time.Time
}

// searchWalk is how many of the newest entries that pass a common search's
// other filters PostgreSQL tests for its words before it asks the GIN index.
// The planner multiplies the frequencies of the words, so "junction station",
// where every comment with one has the other, looks ten times rarer than it is
// and gets the GIN plan: every match read and sorted for a page of 51. The walk
// finds a page of any search that matches one entry in a hundred; a rare one,
// which the count tells apart, goes to the GIN index at once.
const searchWalk = 5000

// SearchKeys returns the keys of up to limit matching comments, newest first
// by (created_at, id), read by keyset from the index alone on PostgreSQL.
// Withdrawn comments are never found: their authors took them back.
func (s *Store) SearchKeys(ctx context.Context, f SearchFilter, limit int) ([]SearchKey, error) {
	if s.Engine == Postgres && len(f.Terms) > 0 && f.Common {
		keys, err := s.searchKeys(ctx, f, limit, true)
		if err != nil || len(keys) == limit { // the newest matches all lie within the walk
			return keys, err
		}
	}
	return s.searchKeys(ctx, f, limit, false)
}

// searchKeys reads the keys of a search; walk tests the words on the newest
// searchWalk entries only.
func (s *Store) searchKeys(ctx context.Context, f SearchFilter, limit int, walk bool) ([]SearchKey, error) {
	terms := f.Terms
	if walk {
		f.Terms = nil
	}
	q := s.searchWhere(ctx, f)
	id := "c." + s.searchID()
	order := "c.created_at DESC, " + id + " DESC"
	if f.After != nil {
		at := f.After.CreatedAt.UTC()
		q = q.Where("(c.created_at < ? OR (c.created_at = ? AND "+id+" < ?))", at, at, f.After.ID)
	}
	if walk {
		newest := q.Select("c.comment_id, c.created_at, c.tsv").Order(order).Limit(searchWalk)
		q = s.matchSearch(s.DB.WithContext(ctx).Table("(?) AS c", newest), id, terms)
	}
	var keys []SearchKey
	err := q.Select(id + " AS id, c.created_at").Order(order).Limit(limit).Scan(&keys).Error
	return keys, err
}

// SearchComments returns one page of matching comments, newest first, as
// SearchKeys finds them (f.Limit of them).
func (s *Store) SearchComments(ctx context.Context, f SearchFilter) ([]model.Comment, error) {
	keys, err := s.SearchKeys(ctx, f, f.Limit)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.ID
	}
	return s.CommentsByIDs(ctx, ids)
}

// CommentsByIDs reads comments, newest first by (created_at, id).
func (s *Store) CommentsByIDs(ctx context.Context, ids []int64) ([]model.Comment, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var cs []model.Comment
	err := s.DB.WithContext(ctx).Where("id IN ?", ids).Order("created_at DESC, id DESC").Find(&cs).Error
	return cs, err
}

// countWalk is how many of the newest entries that pass a search's other
// filters PostgreSQL tests for its words when counting, before it asks the GIN
// index. For a common word the GIN plan first gathers every match into a
// bitmap (a word in two comments in three: 60 ms at a million), where the walk
// stops at the cap's 1,001st match: any search matching one entry in twelve.
const countWalk = 12000

// CountSearch counts matching comments up to limit; more reads as limit+1.
func (s *Store) CountSearch(ctx context.Context, f SearchFilter, limit int) (int, error) {
	if s.Engine == Postgres && len(f.Terms) > 0 {
		n, err := s.countSearch(ctx, f, limit, true)
		if err != nil || n > limit { // past the cap within the walk
			return n, err
		}
	}
	return s.countSearch(ctx, f, limit, false)
}

// countSearch counts a search's matches up to limit+1; walk tests the words on
// the newest countWalk entries only.
func (s *Store) countSearch(ctx context.Context, f SearchFilter, limit int, walk bool) (int, error) {
	terms := f.Terms
	if walk {
		f.Terms = nil
	}
	q := s.searchWhere(ctx, f)
	if walk {
		newest := q.Select("c.comment_id, c.tsv").Order("c.created_at DESC, c.comment_id DESC").Limit(countWalk)
		q = s.matchSearch(s.DB.WithContext(ctx).Table("(?) AS c", newest), "c.comment_id", terms)
	}
	sub := q.Select("1").Limit(limit + 1)
	var n int
	err := s.DB.WithContext(ctx).Table("(?) AS q", sub).Select("COUNT(*)").Scan(&n).Error
	return n, err
}

// searchID is the comment's id column in the table searchWhere reads.
func (s *Store) searchID() string {
	if s.Engine == Postgres {
		return "comment_id"
	}
	return "id"
}

// searchWhere selects the matches as the table c. On PostgreSQL c is the search
// index itself, which carries every column filtered and ordered by
// (migrations/postgres/00090_search_columns.sql), so neither the page nor the
// count joins a candidate to its comment; SQLite reads comments beside FTS5.
func (s *Store) searchWhere(ctx context.Context, f SearchFilter) *gorm.DB {
	id := "c." + s.searchID()
	q := s.DB.WithContext(ctx).Table("comments AS c")
	if s.Engine == Postgres {
		q = s.DB.WithContext(ctx).Table("comment_search AS c")
	}
	q = q.Where("c.consultation_id = ?", f.ConsultationID)
	if f.Status == "" {
		q = q.Where("c.status <> ?", model.CommentWithdrawn)
	} else {
		q = q.Where("c.status = ?", f.Status)
	}
	q = s.matchSearch(q, id, f.Terms)
	for _, col := range []struct{ name, v string }{{"paragraph_key", f.ParagraphKey}, {"stance", f.Stance},
		{"responding_as", f.RespondingAs}, {"language", f.Language}, {"channel", f.Channel}} {
		if col.v != "" {
			q = q.Where("c."+col.name+" = ?", col.v)
		}
	}
	if f.From != nil {
		q = q.Where("c.created_at >= ?", f.From.UTC())
	}
	if f.To != nil {
		q = q.Where("c.created_at < ?", f.To.UTC())
	}
	switch {
	case f.ThemeID == NoTheme:
		q = q.Where("NOT EXISTS (SELECT 1 FROM comment_themes ct WHERE ct.comment_id = " + id + ")")
	case f.ThemeID > 0:
		q = q.Where("EXISTS (SELECT 1 FROM comment_themes ct WHERE ct.comment_id = "+id+" AND ct.theme_id = ?)", f.ThemeID)
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			return q.Where("1 = 0")
		}
		q = q.Where(id+" IN ?", f.IDs)
	}
	return q
}

// matchSearch restricts q to the rows of table c whose text matches every term.
// On PostgreSQL c is comment_search and its own tsv is tested.
func (s *Store) matchSearch(q *gorm.DB, id string, terms []SearchTerm) *gorm.DB {
	if len(terms) == 0 {
		return q
	}
	if s.Engine == Postgres {
		return q.Where("c.tsv @@ to_tsquery('simple', ?)", tsQuery(terms))
	}
	return q.Where(id+" IN (SELECT rowid FROM comment_search WHERE comment_search MATCH ?)", ftsQuery(terms))
}
