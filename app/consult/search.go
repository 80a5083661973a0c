package consult

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// SearchPageSize is how many comments one page of search results holds.
const SearchPageSize = 50

// SearchCountCap bounds the count above the results: counting every match of a
// common word would cost more than the page itself.
const SearchCountCap = 1000

// SearchQuery is a search as typed into the filter form; every field is optional.
type SearchQuery struct {
	Q            string // words and "quoted phrases", all of which must appear
	Paragraph    string // a block's key
	Stance       string
	RespondingAs string
	Status       string
	Language     string // "en" or "cy"
	Channel      string // how it arrived: online, email, post, event or phone
	Theme        string // a theme's name, or "none" for comments not yet tagged
	From, To     string // YYYY-MM-DD, both inclusive, in the service's zone
	Campaign     string // a campaign's representative comment id: only its members
	After        string // the cursor of the next page
}

// SearchResult is one page of a search.
type SearchResult struct {
	Hits   []SearchHit
	Count  int  // matches, up to SearchCountCap
	Capped bool // more than Count matched
	Next   string
	Frame  []model.Theme
}

// SearchHit is one comment found, with its author's name and theme names.
type SearchHit struct {
	model.Comment
	Author string
	Themes []string
	// CampaignRep and CampaignCount name the campaign this row stands for, when
	// the comment is one of a campaign's: the page shows it once, with its count.
	CampaignRep   int64
	CampaignCount int
}

// CanSearch reports whether u may search comments: moderators, analysts and admins.
func CanSearch(u *model.User) bool {
	return (u.Can(model.RoleModerator) || u.Can(model.RoleAnalyst)) && !u.Blocked()
}

// Search finds a consultation's comments by words and filters, newest first.
// The result is shared with other searches for the same: the caller must not
// change it.
func (s *Reports) Search(ctx context.Context, u *model.User, c *model.Consultation, q SearchQuery) (*SearchResult, error) {
	if !CanSearch(u) {
		return nil, model.ErrForbidden
	}
	if s.searches.off {
		return s.search(ctx, c, q)
	}
	gen, err := s.searches.fresh(ctx, c.ID, s.lookForChanges(c.ID))
	if err != nil {
		return nil, err
	}
	if res := s.searches.get(c.ID, gen, q); res != nil {
		return res, nil
	}
	res, err := s.search(ctx, c, q)
	if err != nil {
		return nil, err
	}
	s.searches.keep(c.ID, gen, q, res)
	return res, nil
}

// search runs a search on the database.
func (s *Reports) search(ctx context.Context, c *model.Consultation, q SearchQuery) (*SearchResult, error) {
	frame, err := s.Store.Themes(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	f, err := s.searchFilter(c, frame, q)
	if err != nil {
		return nil, err
	}
	if q.Campaign != "" {
		rep, err := strconv.ParseInt(q.Campaign, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: campaign", model.ErrInvalidInput)
		}
		if f.IDs, err = s.campaignMembers(ctx, c, rep); err != nil {
			return nil, err
		}
		f.IDs = f.IDs[:min(len(f.IDs), maxCampaignFilter)]
	}
	var groups *CampaignGroups
	if q.Campaign == "" {
		if groups, err = s.CampaignGroups(ctx, c.ID); err != nil {
			return nil, err
		}
	}
	// The capped count comes first: it tells a common search, whose page the
	// newest entries hold, from a rare one, best read from the GIN index.
	count, err := s.Store.CountSearch(ctx, f, SearchCountCap)
	if err != nil {
		return nil, err
	}
	res := &SearchResult{Frame: frame, Count: min(count, SearchCountCap), Capped: count > SearchCountCap}
	if count == 0 {
		return res, nil
	}
	f.Common = res.Capped
	comments, campaigns, next, err := s.searchPage(ctx, f, groups)
	if err != nil {
		return nil, err
	}
	res.Next = next
	if res.Hits, err = s.searchHits(ctx, frame, comments); err != nil {
		return nil, err
	}
	for i := range res.Hits {
		if rep, n := groups.Of(res.Hits[i].ID); rep != 0 && campaigns[rep] {
			res.Hits[i].CampaignRep, res.Hits[i].CampaignCount = rep, n
		}
	}
	return res, nil
}

// maxCampaignFilter bounds the ids a campaign filter sends to the database.
const maxCampaignFilter = 10000

// searchPage reads a page of matches in batches of a page and one more (the
// one more tells whether a next page exists), newest first, showing each
// campaign once: its first match on the page stands for it. A batch is all the
// database reads, so a common word costs a page, not the count's 1,001 matches.
// It returns the page's comments, the campaigns shown, and the cursor after the
// last match used ("" when none is left).
func (s *Reports) searchPage(ctx context.Context, f store.SearchFilter, groups *CampaignGroups) ([]model.Comment, map[int64]bool, string, error) {
	var page []int64
	shown := map[int64]bool{}
	var last store.SearchKey
	next := ""
	for next == "" {
		keys, err := s.Store.SearchKeys(ctx, f, SearchPageSize+1)
		if err != nil {
			return nil, nil, "", err
		}
		for _, k := range keys {
			if len(page) == SearchPageSize { // k is on the next page
				next = strconv.FormatInt(last.CreatedAt.UnixNano(), 10) + "-" + strconv.FormatInt(last.ID, 10)
				break
			}
			last = k
			if rep, _ := groups.Of(k.ID); rep != 0 {
				if shown[rep] {
					continue
				}
				shown[rep] = true
			}
			page = append(page, k.ID)
		}
		if next == "" && len(keys) <= SearchPageSize { // every match read
			break
		}
		f.After = &store.QueueCursor{CreatedAt: last.CreatedAt, ID: last.ID}
	}
	comments, err := s.Store.CommentsByIDs(ctx, page)
	return comments, shown, next, err
}

// searchHits adds authors' names and theme names to the comments found.
func (s *Reports) searchHits(ctx context.Context, frame []model.Theme, comments []model.Comment) ([]SearchHit, error) {
	ids, userIDs := make([]int64, len(comments)), make([]int64, len(comments))
	for i, cm := range comments {
		ids[i], userIDs[i] = cm.ID, cm.UserID
	}
	tags, err := s.Store.CommentThemeIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	users, err := s.Store.UsersByID(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	hits := make([]SearchHit, len(comments))
	for i, cm := range comments {
		hits[i] = SearchHit{Comment: cm, Author: users[cm.UserID].DisplayName, Themes: themeNames(frame, tags[cm.ID])}
	}
	return hits, nil
}

// searchFilter checks the query's fields and turns them into the store's filter.
func (s *Reports) searchFilter(c *model.Consultation, frame []model.Theme, q SearchQuery) (store.SearchFilter, error) {
	f := store.SearchFilter{ConsultationID: c.ID, Terms: store.ParseSearch(q.Q), ParagraphKey: strings.TrimSpace(q.Paragraph)}
	bad := func(field string) (store.SearchFilter, error) {
		return f, fmt.Errorf("%w: %s", model.ErrInvalidInput, field)
	}
	if len(q.Q) > 500 || len(f.Terms) > 20 {
		return bad("q")
	}
	if !oneOf(q.Stance, "", "agree", "disagree", "neutral") {
		return bad("stance")
	}
	f.Stance = q.Stance
	if !oneOf(q.RespondingAs, "", "individual", "organisation") {
		return bad("responding_as")
	}
	f.RespondingAs = q.RespondingAs
	if !oneOf(q.Status, "", string(model.CommentPending), string(model.CommentApproved), string(model.CommentRejected)) {
		return bad("status")
	}
	f.Status = model.CommentStatus(q.Status)
	if !oneOf(q.Language, "", model.English, model.Welsh) {
		return bad("language")
	}
	f.Language = q.Language
	if !oneOf(q.Channel, append([]string{""}, SearchChannels...)...) {
		return bad("channel")
	}
	f.Channel = q.Channel
	switch th := strings.TrimSpace(q.Theme); th {
	case "":
	case "none":
		f.ThemeID = store.NoTheme
	default:
		i := slices.IndexFunc(frame, func(t model.Theme) bool { return t.Name == th })
		if i < 0 {
			return bad("theme")
		}
		f.ThemeID = frame[i].ID
	}
	from, err := parseDay(q.From, s.Zone)
	if err != nil {
		return bad("from")
	}
	if !from.IsZero() {
		f.From = &from
	}
	to, err := parseDay(q.To, s.Zone)
	if err != nil {
		return bad("to")
	}
	if !to.IsZero() {
		before := to.AddDate(0, 0, 1)
		f.To = &before
	}
	if q.After != "" {
		nanos, id, ok := strings.Cut(q.After, "-")
		n, err1 := strconv.ParseInt(nanos, 10, 64)
		i, err2 := strconv.ParseInt(id, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return bad("after")
		}
		f.After = &store.QueueCursor{CreatedAt: time.Unix(0, n).UTC(), ID: i}
	}
	return f, nil
}

// SearchChannels are the ways a response can arrive, as the channel filter offers them.
var SearchChannels = []string{"online", "email", "post", "event", "phone"}

// oneOf reports whether v is one of the allowed values.
func oneOf(v string, allowed ...string) bool { return slices.Contains(allowed, v) }
