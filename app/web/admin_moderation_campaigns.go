package web

import (
	"context"
	"net/url"
	"strconv"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

// queueCampaign is a campaign shown as one row of the moderation queue.
type queueCampaign struct {
	Rep       int64
	Count     int
	Href      string
	Tag, Text string // its size in words, on the tag and beside it
}

// groupQueueCampaigns keeps one row per campaign on the page, the first of its
// members, marked with the campaign's size and a link to decide it whole, so
// form letters do not drown the other comments.
func (s *Server) groupQueueCampaigns(ctx context.Context, p *queuePage) error {
	groups := map[int64]*consult.CampaignGroups{}
	shown := map[int64]bool{}
	kept := p.Result.Items[:0]
	for _, it := range p.Result.Items {
		g, ok := groups[it.ConsultationID]
		if !ok {
			var err error
			if g, err = s.queueCampaignGroups(ctx, &it.Consultation); err != nil {
				return err
			}
			groups[it.ConsultationID] = g
		}
		rep, n := g.Of(it.ID)
		if rep != 0 && n > 1 {
			if shown[rep] {
				continue
			}
			shown[rep] = true
			if p.Campaigns == nil {
				p.Campaigns = map[int64]*queueCampaign{}
			}
			p.Campaigns[it.ID] = &queueCampaign{Rep: rep, Count: n, Href: campaignsURL(it.Consultation.Slug) + "?from=queue#campaign-" + strconv.FormatInt(rep, 10),
				Tag: p.T("analysts.search.campaign", n), Text: p.T("analysts.moderation.campaign", n)}
		}
		kept = append(kept, it)
	}
	p.Result.Items = kept
	return nil
}

// queueCampaignGroups returns the consultation's campaigns as last detected,
// detecting them first when that never happened, so a moderator who has not
// opened the campaigns page still sees form letters marked in the queue.
func (s *Server) queueCampaignGroups(ctx context.Context, c *model.Consultation) (*consult.CampaignGroups, error) {
	g, err := s.Services.Reports.CampaignGroups(ctx, c.ID)
	if g != nil || err != nil {
		return g, err
	}
	if _, err := s.Services.Reports.Campaigns(ctx, c); err != nil {
		return nil, err
	}
	return s.Services.Reports.CampaignGroups(ctx, c.ID)
}

// campaignsBack is the campaigns page's back link: the page the person came from
// when they may see it, else the page of theirs nearest to it, so an analyst is
// never sent back to a moderation queue they may not open.
func campaignsBack(u *model.User, slug, from string) string {
	switch {
	case from == "admin":
		return "/admin"
	case from == "analysis" && u.Can(model.RoleAnalyst):
		return analysisURL(slug)
	case u.Can(model.RoleModerator):
		return "/admin/moderation?consultation=" + url.QueryEscape(slug)
	case u.Can(model.RoleAnalyst):
		return analysisURL(slug)
	}
	return "/admin"
}
