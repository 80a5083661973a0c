package web

import (
	"context"

	"pilcrow/app/chart"
	"pilcrow/app/consult"
)

// analysisThemes is the analysis page's themes section: a chart of the comments
// per theme with its table, and the counts per paragraph.
type analysisThemes struct {
	Counts     *consult.ThemeCounts
	Chart      figureChart
	Paragraphs []themeParagraph
}

// themeParagraph is one theme's count on one paragraph.
type themeParagraph struct {
	Theme, Paragraph string
	Href             string
	Count            int
}

// analysisThemes counts the comments per theme for the analysis page.
func (s *Server) analysisThemes(ctx context.Context, p Page, a *consult.Analysis) (analysisThemes, error) {
	counts, err := s.Services.Reports.ThemeCounts(ctx, a.Consultation)
	if err != nil {
		return analysisThemes{}, err
	}
	out := analysisThemes{Counts: counts}
	var bars []chart.Bar
	for _, tc := range counts.Themes {
		bars = append(bars, chart.Bar{Label: tc.Theme.Name, Value: tc.Total})
		if n := tc.Paragraphs[""]; n > 0 {
			out.Paragraphs = append(out.Paragraphs, themeParagraph{Theme: tc.Theme.Name, Paragraph: p.T("analysts.search.whole"), Count: n})
		}
		for _, b := range a.Blocks { // document order
			if n := tc.Paragraphs[b.Key]; n > 0 {
				out.Paragraphs = append(out.Paragraphs, themeParagraph{Theme: tc.Theme.Name,
					Paragraph: p.T("analysts.search.paragraph", b.Number), Href: paragraphURL(a.Consultation.Slug, b.Key), Count: n})
			}
		}
	}
	heading := p.T("analysts.analysis.themes.chart")
	out.Chart = figureChart{ID: "themes-chart", Heading: heading, Column: p.T("analysts.themes.column.name"), Rows: bars,
		SVG: chart.BarChartID("chart-themes", heading, p.T("analysis.chart.desc"), bars)}
	return out, nil
}

// CampaignResponses is how many responses came through campaigns.
func (p analysisPage) CampaignResponses() int { return consult.CampaignResponses(p.Campaigns) }
