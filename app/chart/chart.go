// Package chart draws the analysis page's charts as accessible inline SVG.
package chart

import (
	"html/template"
	"strconv"
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

// barChart is the SVG of a horizontal bar chart. html/template escapes every
// piece of caller text for where it lands (element text, attribute, or an href,
// where it also refuses unsafe schemes), so safety does not rest on this file
// remembering to. Parsed once at start.
var barChart = template.Must(template.New("bars").Parse(
	`<svg xmlns="http://www.w3.org/2000/svg" class="pilcrow-chart" role="img" aria-labelledby="{{.TitleID}} {{.DescID}}" viewBox="0 0 {{.Width}} {{.Height}}" width="100%" preserveAspectRatio="xMinYMin meet">` +
		`<title id="{{.TitleID}}">{{.Title}}</title><desc id="{{.DescID}}">{{.Desc}}</desc>` +
		`{{range .Bars}}{{if .Href}}<a href="{{.Href}}">{{end}}<g><title>{{.Label}}: {{.Value}}</title>` +
		`<text x="{{.LabelX}}" y="{{.MidY}}" text-anchor="end" dominant-baseline="middle" fill="` + textColour + `" font-size="14">{{.Short}}</text>` +
		`<rect x="` + itoa(labelWidth) + `" y="{{.Y}}" width="{{.W}}" height="` + itoa(barHeight) + `" fill="` + barColour + `"/>` +
		`<text x="{{.ValueX}}" y="{{.MidY}}" dominant-baseline="middle" fill="` + textColour + `" font-size="14">{{.Value}}</text>` +
		`</g>{{if .Href}}</a>{{end}}{{end}}` +
		`<line x1="` + itoa(labelWidth) + `" y1="` + itoa(padding) + `" x2="` + itoa(labelWidth) + `" y2="{{.AxisEnd}}" stroke="` + axisColour + `" stroke-width="1"/></svg>`))

type chartData struct {
	TitleID, DescID, Title, Desc string
	Width, Height, AxisEnd       int
	Bars                         []barData
}

type barData struct {
	Label, Short, Href string
	Value, Y, MidY, W  int
	LabelX, ValueX     int
}

// BarChartID returns a horizontal bar chart as inline SVG. The caller renders a
// data table beside it as the text alternative. prefix starts the ids of the
// chart's title and description, so that two charts on one page never collide.
func BarChartID(prefix, title, desc string, bars []Bar) template.HTML {
	most := 0
	for _, b := range bars {
		most = max(most, b.Value)
	}
	height := 2*padding + len(bars)*(barHeight+barGap)
	d := chartData{TitleID: prefix + "-title", DescID: prefix + "-desc", Title: title, Desc: desc,
		Width: width, Height: max(height, 2*padding+barHeight), AxisEnd: max(height-padding, padding+barHeight)}
	for i, b := range bars {
		d.Bars = append(d.Bars, layoutBar(i, b, most))
	}
	var sb strings.Builder
	if err := barChart.Execute(&sb, d); err != nil {
		// A fixed template over strings and numbers cannot fail; if it ever
		// did, the data table beside the chart still says everything.
		return ""
	}
	return template.HTML(sb.String()) // #nosec: html/template escaped every piece
}

// layoutBar places one row: label, bar and value, linked when Href is safe.
func layoutBar(i int, b Bar, most int) barData {
	y := padding + i*(barHeight+barGap)
	plot := width - labelWidth - valueWidth - padding
	w := 0
	if most > 0 && b.Value > 0 {
		w = max(1, b.Value*plot/most) // a non-zero value always shows
	}
	return barData{Label: b.Label, Short: shorten(b.Label), Href: safeHref(b.Href), Value: b.Value,
		Y: y, MidY: y + barHeight/2, W: w, LabelX: labelWidth - padding, ValueX: labelWidth + w + padding/2}
}

func itoa(n int) string { return strconv.Itoa(n) }

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
