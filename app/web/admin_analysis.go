package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"pilcrow/app/chart"
	"pilcrow/app/consult"
	"pilcrow/app/export"
	"pilcrow/app/i18n"
	"pilcrow/app/model"
)

type analysisPage struct {
	Page
	Analysis    *consult.Analysis
	C           *model.Consultation
	Decided     string // how many comments a campaign decision just applied to
	Charts      []figureChart
	Sections    []heatSection
	Campaigns   []consult.Campaign
	CanModerate bool
	Themes      analysisThemes
	// MostCommented ranks the paragraphs by comments, beside the heat map.
	MostCommented []consult.BlockCount
}

// figureChart is one chart with its data table, the chart's text alternative.
type figureChart struct {
	ID, Heading, Column string
	SVG                 template.HTML
	Rows                []chart.Bar
}

// heatSection is one section of the document drawn as a heat map.
type heatSection struct {
	Name   string
	Blocks []heatBlock
}

// heatBlock is one block with its shade (0-5) and where its comments are.
type heatBlock struct {
	consult.BlockCount
	Level int
	Href  string
}

// showAnalysis draws the consultation's figures as charts, each followed by its
// data as a table, the document as a heat map, and its campaigns.
func (s *Server) showAnalysis(c echo.Context) error {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	a, err := s.Services.Reports.Analyse(ctx, cons, false)
	if err != nil {
		return err
	}
	campaigns, err := s.Services.Reports.Campaigns(ctx, cons)
	if err != nil {
		return err
	}
	p := analysisPage{Page: s.page(c, "analysis.title", cons.Title), Analysis: a, C: cons,
		Campaigns: campaigns, CanModerate: currentUser(c).Can(model.RoleModerator),
		MostCommented: consult.RankByComments(a.Blocks, consult.MostCommentedLimit)}
	if n, err := strconv.Atoi(c.QueryParam("decided")); err == nil && n >= 0 {
		p.Decided = strconv.Itoa(n)
	}
	sortOrganisations(a.Organisations, p.Lang)
	p.Charts = s.analysisCharts(p.Page, a)
	if s.cfg.Bilingual() {
		langs, err := s.Services.Consult.Languages(ctx, cons)
		if err != nil {
			return err
		}
		p.Charts = append(p.Charts, languageChart(p.Page, langs))
	}
	p.Sections = heatMap(cons.Slug, a)
	if p.Themes, err = s.analysisThemes(ctx, p.Page, a); err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "reports/analysis", p)
}

// analysisCharts builds the page's charts from the figures.
func (s *Server) analysisCharts(p Page, a *consult.Analysis) []figureChart {
	f := a.Figures
	status := []chart.Bar{
		{Label: p.T("reports.status.pending"), Value: f.Pending},
		{Label: p.T("reports.status.approved"), Value: f.Approved},
		{Label: p.T("reports.status.rejected"), Value: f.Rejected},
		{Label: p.T("reports.status.withdrawn"), Value: f.Withdrawn},
	}
	who := []chart.Bar{
		{Label: p.T("analysis.who.individuals"), Value: f.Individuals},
		{Label: p.T("analysis.who.organisations"), Value: f.Organisations},
	}
	var days, sections []chart.Bar
	for _, d := range a.PerDay {
		days = append(days, chart.Bar{Label: p.Date(d.Day), Value: d.Count})
	}
	for _, sc := range a.Sections {
		sections = append(sections, chart.Bar{Label: sc.Section, Value: sc.Count})
	}
	chartOf := func(id, heading, column string, bars []chart.Bar) figureChart {
		return figureChart{ID: id, Heading: p.T(heading), Column: p.T(column), Rows: bars,
			SVG: chart.BarChartID("chart-"+id, p.T(heading), p.T("analysis.chart.desc"), bars)}
	}
	return []figureChart{
		chartOf("status", "analysis.status.heading", "analysis.column.status", status),
		chartOf("who", "analysis.who.heading", "analysis.column.who", who),
		chartOf("days", "analysis.days.heading", "analysis.column.day", days),
		chartOf("sections", "analysis.sections.heading", "analysis.column.section", sections),
	}
}

// sortOrganisations orders the responding organisations most comments first and
// then by name as a reader of lang sorts names (Welsh digraphs, ŵ beside w).
func sortOrganisations(orgs []export.OrgCount, lang string) {
	compare := i18n.Collator(lang)
	slices.SortStableFunc(orgs, func(a, b export.OrgCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return compare(a.Name, b.Name)
	})
}

// languageChart splits the comments by the language they were written in.
func languageChart(p Page, langs []consult.LanguageCount) figureChart {
	var bars []chart.Bar
	for _, l := range langs {
		bars = append(bars, chart.Bar{Label: p.T("analysis.language." + l.Language), Value: l.Count})
	}
	heading := p.T("analysis.languages.heading")
	return figureChart{ID: "languages", Heading: heading, Column: p.T("analysis.column.language"), Rows: bars,
		SVG: chart.BarChartID("chart-languages", heading, p.T("analysis.chart.desc"), bars)}
}

// heatMap groups the blocks by section and shades each by its share of the most
// commented block's count.
func heatMap(slug string, a *consult.Analysis) []heatSection {
	var out []heatSection
	for _, b := range a.Blocks {
		if len(out) == 0 || out[len(out)-1].Name != b.Section {
			out = append(out, heatSection{Name: b.Section})
		}
		last := &out[len(out)-1]
		last.Blocks = append(last.Blocks, heatBlock{BlockCount: b, Level: chart.HeatLevel(b.Total, a.MaxCount),
			Href: paragraphURL(slug, b.Key)})
	}
	return out
}

type campaignsPage struct {
	Page
	C           *model.Consultation
	Campaigns   []consult.Campaign
	CanModerate bool
	Decided     string
	Back        string // where the person came from, and may go back to
}

// listCampaigns shows a consultation's campaigns to moderators, who do not see
// the analysis page, with a whole-campaign decision for each.
func (s *Server) listCampaigns(c echo.Context) error {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	groups, err := s.Services.Reports.Campaigns(ctx, cons)
	if err != nil {
		return err
	}
	p := campaignsPage{Page: s.page(c, "campaigns.title", cons.Title), C: cons, Campaigns: groups,
		CanModerate: currentUser(c).Can(model.RoleModerator), Back: campaignsBack(currentUser(c), cons.Slug, c.QueryParam("from"))}
	if n, err := strconv.Atoi(c.QueryParam("decided")); err == nil && n >= 0 {
		p.Decided = strconv.Itoa(n)
	}
	return s.views.render(c, http.StatusOK, "reports/campaigns", p)
}

type campaignPage struct {
	Page
	C        *model.Consultation
	Campaign *consult.Campaign
	Action   string
	Reasons  []string
	Reason   string
	Return   string // "campaigns" or "analysis": the page the decision came from
}

// confirmCampaign asks a moderator to confirm a decision on a whole campaign.
func (s *Server) confirmCampaign(c echo.Context) error {
	cons, g, err := s.campaignFromPath(c)
	if err != nil {
		return err
	}
	action := c.QueryParam("action")
	if action != consult.ActionApprove && action != consult.ActionReject {
		return model.ErrInvalidInput
	}
	p := campaignPage{Page: s.page(c, "campaign.title."+action), C: cons, Campaign: g, Action: action,
		Reasons: consult.RejectReasons, Reason: "duplicate", Return: campaignReturn(c, c.QueryParam("return"))}
	return s.views.render(c, http.StatusOK, "reports/campaign", p)
}

// decideCampaign approves or rejects every pending comment of a campaign.
func (s *Server) decideCampaign(c echo.Context) error {
	cons, g, err := s.campaignFromPath(c)
	if err != nil {
		return err
	}
	d := consult.Decision{Action: c.FormValue("action"), Reason: c.FormValue("reason"), Note: c.FormValue("note")}
	if d.Action != consult.ActionApprove && d.Action != consult.ActionReject {
		return model.ErrInvalidInput
	}
	if d.Action == consult.ActionApprove {
		d.Reason = ""
	}
	res, err := s.Services.Reports.DecideCampaign(c.Request().Context(), currentUser(c), cons, g.Representative, d)
	if fe, ok := err.(model.FieldErrors); ok {
		p := campaignPage{Page: s.page(c, "campaign.title."+d.Action), C: cons, Campaign: g, Action: d.Action,
			Reasons: consult.RejectReasons, Reason: d.Reason, Return: campaignReturn(c, c.FormValue("return"))}
		p.withErrors(fe, "reason", "note")
		return s.views.render(c, http.StatusUnprocessableEntity, "reports/campaign", p)
	}
	if err != nil {
		return err
	}
	back := analysisURL(cons.Slug)
	if c.FormValue("return") == "campaigns" || !currentUser(c).Can(model.RoleAnalyst) {
		back = campaignsURL(cons.Slug) // moderators do not see the analysis page
	}
	return seeOther(c, back+"?decided="+strconv.Itoa(len(res.Applied))+"#campaigns")
}

// campaignFromPath reads the consultation and the campaign named in the path.
func (s *Server) campaignFromPath(c echo.Context) (*model.Consultation, *consult.Campaign, error) {
	rep, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return nil, nil, model.ErrNotFound
	}
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return nil, nil, err
	}
	g, err := s.Services.Reports.Campaign(ctx, cons, rep)
	return cons, g, err
}

// campaignReturn is the page to go back to: the campaigns page when asked or when
// the person cannot see the analysis page.
func campaignReturn(c echo.Context, asked string) string {
	if asked == "campaigns" || !currentUser(c).Can(model.RoleAnalyst) {
		return "campaigns"
	}
	return "analysis"
}

// campaignsURL is a consultation's campaigns page, for moderators.
func campaignsURL(slug string) string { return "/admin/consultations/" + slug + "/campaigns" }

// analysisURL is a consultation's analysis page.
func analysisURL(slug string) string { return "/admin/consultations/" + slug + "/analysis" }
