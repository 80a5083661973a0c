// Package chart draws the analysis page's charts as accessible inline SVG.
package chart

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// Bar is one bar of a chart.
type Bar struct {
	Label string
	Value int
	Href  string // optional link for the bar and its label
}

// Colours from the GOV.UK palette; each has at least 3:1 contrast against white
// (WCAG 1.4.11 non-text contrast), and the text colour at least 4.5:1.
const (
	barColour  = "#1d70b8" // govuk blue, 5.2:1
	textColour = "#0b0c0c" // govuk text, 19.6:1
	axisColour = "#505a5f" // govuk secondary text, 7:1
)

// Geometry in SVG user units; the viewBox makes the chart scale to its container.
const (
	width      = 640
	labelWidth = 220
	valueWidth = 60
	barHeight  = 24
	barGap     = 8
	padding    = 8
	maxLabel   = 40 // runes; the full label stays in the bar's <title> and the data table
)

// BarChartID returns a horizontal bar chart as inline SVG. The caller renders a
// data table beside it as the text alternative. prefix starts the ids of the
// chart's title and description, so that two charts on one page never collide.
func BarChartID(prefix, title, desc string, bars []Bar) template.HTML {
	esc := html.EscapeString
	most := 0
	for _, b := range bars {
		most = max(most, b.Value)
	}
	height := 2*padding + len(bars)*(barHeight+barGap)
	var sb strings.Builder
	titleID, descID := prefix+"-title", prefix+"-desc"
	fmt.Fprintf(&sb, `<svg xmlns="http://www.w3.org/2000/svg" class="pilcrow-chart" role="img" aria-labelledby="%s %s" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet">`,
		esc(titleID), esc(descID), width, max(height, 2*padding+barHeight))
	fmt.Fprintf(&sb, `<title id="%s">%s</title><desc id="%s">%s</desc>`, esc(titleID), esc(title), esc(descID), esc(desc))
	for i, b := range bars {
		writeBar(&sb, i, b, most)
	}
	fmt.Fprintf(&sb, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1"/>`,
		labelWidth, padding, labelWidth, max(height-padding, padding+barHeight), axisColour)
	sb.WriteString(`</svg>`)
	// Every piece of caller text above went through html.EscapeString.
	return template.HTML(sb.String())
}

// writeBar draws one row: label, bar and value, wrapped in a link when Href is set.
func writeBar(sb *strings.Builder, i int, b Bar, most int) {
	esc := html.EscapeString
	y := padding + i*(barHeight+barGap)
	plot := width - labelWidth - valueWidth - padding
	w := 0
	if most > 0 && b.Value > 0 {
		w = max(1, b.Value*plot/most) // a non-zero value always shows
	}
	href := safeHref(b.Href)
	if href != "" {
		fmt.Fprintf(sb, `<a href="%s">`, esc(href))
	}
	fmt.Fprintf(sb, `<g><title>%s: %d</title>`, esc(b.Label), b.Value)
	fmt.Fprintf(sb, `<text x="%d" y="%d" text-anchor="end" dominant-baseline="middle" fill="%s" font-size="14">%s</text>`,
		labelWidth-padding, y+barHeight/2, textColour, esc(shorten(b.Label)))
	fmt.Fprintf(sb, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>`,
		labelWidth, y, w, barHeight, barColour)
	fmt.Fprintf(sb, `<text x="%d" y="%d" dominant-baseline="middle" fill="%s" font-size="14">%d</text>`,
		labelWidth+w+padding/2, y+barHeight/2, textColour, b.Value)
	sb.WriteString(`</g>`)
	if href != "" {
		sb.WriteString(`</a>`)
	}
}

// HeatLevel maps a paragraph's comment count to a shade from 0 (none) to 5 (the
// most commented), so any comment at all is visibly distinct from none.
func HeatLevel(count, max int) int {
	if count <= 0 || max <= 0 {
		return 0
	}
	if count >= max {
		return 5
	}
	return 1 + 4*count/max // 1..4 below the maximum
}

// safeHref keeps site paths, fragments and http(s) links and drops anything else,
// such as javascript: URLs, which escaping alone would not stop.
func safeHref(h string) string {
	lower := strings.ToLower(strings.TrimSpace(h))
	switch {
	case strings.HasPrefix(lower, "//"):
		return ""
	case strings.HasPrefix(lower, "/"), strings.HasPrefix(lower, "#"),
		strings.HasPrefix(lower, "https://"), strings.HasPrefix(lower, "http://"):
		return h
	}
	return ""
}

func shorten(s string) string {
	r := []rune(s)
	if len(r) <= maxLabel {
		return s
	}
	return string(r[:maxLabel-1]) + "…"
}

func max(a, b int) int {
	if a > b {
		return a
	}
	return b
}
