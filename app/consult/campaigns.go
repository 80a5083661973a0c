package consult

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"time"

	"pilcrow/app/campaign"
	"pilcrow/app/export"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// JobCampaigns is the kind of the jobs-table rows that cache campaign detection:
// the result is stored under the comments' fingerprint, so every instance reuses
// it until a comment changes.
const JobCampaigns = "campaigns"

// Campaign is one group of the same or nearly the same comments.
type Campaign struct {
	Count          int
	Representative int64
	Text           string // the representative's text
	TextPublic     bool   // whether that text may be published
	PublicText     string // the first text in the group that may be published, or ""
	Variations     []Variation
	PendingIDs     []int64 // the members still waiting for moderation
	Members        []int64 // every member, the representative included
}

// Variation is a member whose text differs from the representative's.
type Variation struct {
	ID     int64
	Text   string
	Public bool
}

// campaignParams identify a cached detection.
type campaignParams struct {
	ConsultationID int64  `json:"consultation_id"`
	Fingerprint    string `json:"fingerprint"`
}

// Campaigns returns the consultation's campaigns, largest first, from the cache
// in the jobs table when no comment changed since they were last detected.
func (s *Reports) Campaigns(ctx context.Context, c *model.Consultation) ([]Campaign, error) {
	fp, err := s.Store.CommentsFingerprint(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	params, _ := json.Marshal(campaignParams{ConsultationID: c.ID, Fingerprint: fp})
	if j, err := s.Store.ReusableJob(ctx, JobCampaigns, string(params), time.Time{}); err == nil {
		if full, err := s.Store.JobResult(ctx, j.ID); err == nil {
			var out []Campaign
			if json.Unmarshal(full.Result, &out) == nil && hasMembers(out) {
				return out, nil
			}
		}
	}
	out, err := s.detectCampaigns(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	j := &model.Job{Kind: JobCampaigns, Params: string(params), Result: data, ContentType: "application/json"}
	return out, s.Store.SaveFinishedJob(ctx, j)
}

// hasMembers reports whether a cached detection lists its members: one cached
// before they were kept is detected again.
func hasMembers(cs []Campaign) bool {
	for _, c := range cs {
		if len(c.Members) == 0 {
			return false
		}
	}
	return true
}

// member is what detection keeps of each comment beside its text.
type member struct {
	pending, public bool
}

// detectCampaigns reads the counted comments and groups them with MinHash.
func (s *Reports) detectCampaigns(ctx context.Context, consultationID int64) ([]Campaign, error) {
	var docs []campaign.Doc
	var meta []member
	err := s.Store.CampaignComments(ctx, consultationID, func(cc store.CampaignComment) error {
		docs = append(docs, campaign.Doc{ID: cc.ID, Text: cc.Body})
		meta = append(meta, member{
			pending: cc.Status == string(model.CommentPending),
			public:  cc.Status == string(model.CommentApproved) && model.Publish(cc.Publish).Public(),
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// docs come in id order, so a comment is found by binary search.
	at := func(id int64) int {
		i, _ := slices.BinarySearchFunc(docs, id, func(d campaign.Doc, id int64) int { return cmp.Compare(d.ID, id) })
		return i
	}
	groups := campaign.Detect(docs, campaign.Options{})
	out := make([]Campaign, 0, len(groups))
	for _, g := range groups {
		rep := at(g.Representative)
		c := Campaign{Count: len(g.IDs), Representative: g.Representative, Text: docs[rep].Text, TextPublic: meta[rep].public,
			Members: g.IDs}
		for _, id := range g.IDs {
			i := at(id)
			if meta[i].pending {
				c.PendingIDs = append(c.PendingIDs, id)
			}
			if c.PublicText == "" && meta[i].public {
				c.PublicText = docs[i].Text
			}
		}
		for _, id := range g.Variations {
			i := at(id)
			c.Variations = append(c.Variations, Variation{ID: id, Text: docs[i].Text, Public: meta[i].public})
		}
		out = append(out, c)
	}
	return out, nil
}

// publicSummary is the campaign as a published report may show it: only texts
// whose authors allowed publication.
func (c Campaign) publicSummary() export.CampaignSummary {
	sum := export.CampaignSummary{Count: c.Count, Text: c.PublicText}
	if c.TextPublic {
		sum.Text = c.Text
	}
	if sum.Text == "" {
		sum.Text = "(None of the comments in this group may be published, so their text is not shown.)"
	}
	for _, v := range c.Variations {
		if v.Public && v.Text != sum.Text {
			sum.Variations = append(sum.Variations, v.Text)
		}
	}
	return sum
}

// DecideCampaign applies one moderation decision to every pending comment of the
// campaign whose representative is rep, in batches that Decide accepts.
func (s *Reports) DecideCampaign(ctx context.Context, moderator *model.User, c *model.Consultation, rep int64, d Decision) (DecideResult, error) {
	if err := acting(moderator, model.RoleModerator); err != nil {
		return DecideResult{}, err
	}
	g, err := s.Campaign(ctx, c, rep)
	if err != nil {
		return DecideResult{}, err
	}
	// The group was computed from a possibly older snapshot: decide only what is
	// still pending, so a comment another moderator settled meanwhile is left alone.
	d.PendingOnly = true
	var res DecideResult
	for ids := range slices.Chunk(g.PendingIDs, MaxDecideIDs) {
		r, err := s.Decide(ctx, moderator, ids, d)
		if err != nil {
			return res, err
		}
		res.Applied = append(res.Applied, r.Applied...)
		res.Refused = append(res.Refused, r.Refused...)
	}
	return res, nil
}

// Campaign returns the campaign whose representative comment is rep.
func (s *Reports) Campaign(ctx context.Context, c *model.Consultation, rep int64) (*Campaign, error) {
	groups, err := s.Campaigns(ctx, c)
	if err != nil {
		return nil, err
	}
	for i := range groups {
		if groups[i].Representative == rep {
			return &groups[i], nil
		}
	}
	return nil, model.ErrNotFound
}
