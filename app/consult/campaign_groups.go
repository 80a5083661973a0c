package consult

import (
	"context"
	"encoding/json"
	"sync"

	"pilcrow/app/model"
)

// CampaignGroups says which comments of a consultation belong to a campaign, as
// last detected: search and the moderation queue show a campaign as one row
// with its count, so form letters do not drown the other responses.
type CampaignGroups struct {
	repOf map[int64]int64 // member → the campaign's representative
	count map[int64]int   // representative → members
}

// Of returns the representative and size of the campaign a comment belongs to,
// or 0, 0.
func (g *CampaignGroups) Of(id int64) (rep int64, count int) {
	if g == nil {
		return 0, 0
	}
	rep = g.repOf[id]
	return rep, g.count[rep]
}

// Members is how many comments belong to some campaign.
func (g *CampaignGroups) Members() int {
	if g == nil {
		return 0
	}
	return len(g.repOf)
}

// campaignGroupCache keeps each consultation's groups by the id of the detection
// they came from, so a page view reads one small query, not the whole result.
type campaignGroupCache struct {
	mu      sync.Mutex
	byJob   map[int64]*CampaignGroups
	ordered []int64
}

// maxCachedGroups bounds the cache: one entry per recently viewed consultation.
const maxCachedGroups = 32

// CampaignGroups returns the campaigns of the newest finished detection for the
// consultation, without running one: detection runs when the analysis or
// campaigns page is opened, and a slightly older grouping is good enough here.
func (s *Reports) CampaignGroups(ctx context.Context, consultationID int64) (*CampaignGroups, error) {
	id, err := s.Store.LatestDoneJobID(ctx, JobCampaigns, jobPrefix(consultationID))
	if err != nil || id == 0 {
		return nil, err
	}
	c := &s.groups
	c.mu.Lock()
	g, ok := c.byJob[id]
	c.mu.Unlock()
	if ok {
		return g, nil
	}
	job, err := s.Store.JobResult(ctx, id)
	if err != nil {
		return nil, err
	}
	var cs []Campaign
	if err := json.Unmarshal(job.Result, &cs); err != nil {
		return nil, nil // an unreadable cache entry groups nothing
	}
	g = &CampaignGroups{repOf: map[int64]int64{}, count: map[int64]int{}}
	for _, cp := range cs {
		g.count[cp.Representative] = cp.Count
		for _, m := range cp.Members {
			g.repOf[m] = cp.Representative
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byJob == nil {
		c.byJob = map[int64]*CampaignGroups{}
	}
	c.byJob[id] = g
	c.ordered = append(c.ordered, id)
	if len(c.ordered) > maxCachedGroups {
		delete(c.byJob, c.ordered[0])
		c.ordered = c.ordered[1:]
	}
	return g, nil
}

// campaignMembers returns the members of the campaign whose representative is
// rep, from the newest detection.
func (s *Reports) campaignMembers(ctx context.Context, c *model.Consultation, rep int64) ([]int64, error) {
	groups, err := s.Campaigns(ctx, c)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		if g.Representative == rep {
			return g.Members, nil
		}
	}
	return nil, model.ErrNotFound
}

// CampaignResponses is how many comments came through campaigns: the members of
// every group, for the key figures.
func CampaignResponses(cs []Campaign) int {
	n := 0
	for _, c := range cs {
		n += c.Count
	}
	return n
}
