package consult

import (
	"context"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// QueuePageSize is how many comments one page of a moderation queue shows.
const QueuePageSize = 25

// QueueItem is one comment of a queue with what a moderator needs to decide it.
type QueueItem struct {
	model.Comment
	Consultation model.Consultation
	Block        *model.Block   // the paragraph commented on, as the author read it
	Parent       *model.Comment // the comment replied to
	ParentAuthor string
	Author       string
	Rejections   int // the author's rejected comments, this one included if rejected
	Flags        []model.Flag
	Moderator    string // who decided last
}

// QueuePage is one page of a queue and the cursor of the next page, if any.
type QueuePage struct {
	Items         []QueueItem
	Next          *store.QueueCursor
	Count         int                  // capped at store.QueueCountCap
	Consultations []model.Consultation // every consultation, newest first, for the filter
}

// Queue returns a page of a moderation queue with each comment's context, loaded
// in a fixed number of queries whatever the page size.
func (s *Service) Queue(ctx context.Context, by *model.User, f store.QueueFilter) (QueuePage, error) {
	if err := acting(by, model.RoleModerator); err != nil {
		return QueuePage{}, err
	}
	if f.Limit <= 0 || f.Limit > QueuePageSize {
		f.Limit = QueuePageSize
	}
	limit := f.Limit
	f.Limit = limit + 1 // one more tells whether a next page exists
	cs, err := s.Store.QueueComments(ctx, f)
	if err != nil {
		return QueuePage{}, err
	}
	var p QueuePage
	if len(cs) > limit {
		cs = cs[:limit]
		last := cs[limit-1]
		p.Next = &store.QueueCursor{CreatedAt: last.CreatedAt, ID: last.ID}
	}
	if p.Count, err = s.Store.CountQueue(ctx, f); err != nil {
		return QueuePage{}, err
	}
	// Every consultation, for the filter, names the page's comments' too: one
	// query for both, where each round trip waits for a connection under load.
	if p.Consultations, err = s.Store.AllConsultations(ctx); err != nil {
		return QueuePage{}, err
	}
	p.Items, err = s.queueContext(ctx, cs, p.Consultations)
	return p, err
}

// queueContext batch-loads blocks, parents, authors with their rejections and
// flags for a page of comments.
func (s *Service) queueContext(ctx context.Context, cs []model.Comment, all []model.Consultation) ([]QueueItem, error) {
	var refs []store.BlockRef
	var ids, parentIDs, userIDs []int64
	for _, c := range cs {
		ids = append(ids, c.ID)
		userIDs = append(userIDs, c.UserID)
		if c.ParagraphKey != "" {
			refs = append(refs, store.BlockRef{VersionID: c.VersionID, Key: c.ReadKey()})
		}
		if c.ParentID != nil {
			parentIDs = append(parentIDs, *c.ParentID)
		}
		if c.ModeratedBy != nil {
			userIDs = append(userIDs, *c.ModeratedBy)
		}
	}
	blocks, err := s.Store.QueueBlocks(ctx, refs)
	if err != nil {
		return nil, err
	}
	parents, err := s.Store.CommentsByID(ctx, parentIDs)
	if err != nil {
		return nil, err
	}
	for _, p := range parents {
		userIDs = append(userIDs, p.UserID)
	}
	users, err := s.Store.QueueAuthors(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	flags, err := s.Store.QueueFlags(ctx, ids)
	if err != nil {
		return nil, err
	}
	consultations := make(map[int64]model.Consultation, len(all))
	for _, c := range all {
		consultations[c.ID] = c
	}
	items := make([]QueueItem, len(cs))
	for i, c := range cs {
		it := QueueItem{Comment: c, Consultation: consultations[c.ConsultationID], Author: users[c.UserID].DisplayName,
			Rejections: users[c.UserID].Rejections, Flags: flags[c.ID]}
		if b, ok := blocks[store.BlockRef{VersionID: c.VersionID, Key: c.ReadKey()}]; ok {
			it.Block = &b
		}
		if c.ParentID != nil {
			if p, ok := parents[*c.ParentID]; ok {
				it.Parent, it.ParentAuthor = &p, users[p.UserID].DisplayName
			}
		}
		if c.ModeratedBy != nil {
			it.Moderator = users[*c.ModeratedBy].DisplayName
		}
		items[i] = it
	}
	return items, nil
}

// ConsultationCounts is a consultation's line on the admin home page.
type ConsultationCounts struct {
	Consultation                         model.Consultation
	Pending, Flagged, Approved, Rejected int
	OldestPending                        *time.Time
}

// ModerationOverview counts every consultation's comments by state, from one
// grouped query, newest consultation first.
func (s *Service) ModerationOverview(ctx context.Context, by *model.User) ([]ConsultationCounts, error) {
	if err := acting(by, model.RoleModerator, model.RoleAnalyst); err != nil {
		return nil, err
	}
	all, err := s.Store.AllConsultations(ctx)
	if err != nil {
		return nil, err
	}
	counts, err := s.Store.ModerationSummary(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ConsultationCounts, len(all))
	for i, c := range all {
		n := counts[c.ID]
		out[i] = ConsultationCounts{Consultation: c, Pending: n.Pending, Flagged: n.Flagged, Approved: n.Approved, Rejected: n.Rejected}
		if n.OldestPending.Valid {
			t := n.OldestPending.Time
			out[i].OldestPending = &t
		}
	}
	return out, nil
}
