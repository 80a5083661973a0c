package export

import (
	"fmt"
	"strconv"
)

// textStyle is the look of a run of text; each writer maps it to its own.
type textStyle int

const (
	styleBody    textStyle = iota
	styleLead              // the cover's larger lines
	styleNote              // secondary, smaller text
	styleByline            // who wrote a comment and when
	styleQuote             // a quoted paragraph of the document, shaded
	styleStrong            // a bold line that is not a heading
	styleStances           // a paragraph's agree/disagree split, drawn with a bar in the PDF
)

// table is a table with one header row; numeric columns align right.
type table struct {
	Caption string
	Header  []string
	Rows    [][]string
	Numeric []bool // per column
}

// chart is a bar chart with the alternative text that says what it shows.
type chart struct {
	Alt        string
	Labels     []string
	Values     []int
	Horizontal bool // bars grow to the right, one row per label
	Caption    string
}

// sink is one format of the report: compose walks the content once and calls
// it, in reading order.
type sink interface {
	title(text string)                            // the document's one H1, on the cover
	contents()                                    // where a table of contents goes (PDF)
	heading(level int, text string, newPage bool) // level 2 or 3
	text(s string, style textStyle, indent int)
	stances(pr ParagraphReport, label string)
	list(items []string)
	table(t table)
	chart(c chart)
	picture(p Picture)
}

// compose walks the report in reading order, calling progress after each
// commented paragraph.
func compose(r *Report, s sink, progress func(done, total int)) {
	if progress == nil {
		progress = func(int, int) {}
	}
	r.Location = r.zone() // loaded once, not per date
	composeCover(r, s)
	s.contents()
	composeFigures(r, s)
	composeCharts(r, s)
	if len(r.WholeDocument) > 0 || r.Figures.WholeDocument > 0 {
		s.heading(2, r.label("report.whole.heading"), true)
		s.text(r.label("report.whole.lede"), styleNote, 0)
		if len(r.WholeDocument) == 0 {
			s.text(r.label("report.comments.none"), styleNote, 0)
		}
		composeComments(r, s, r.WholeDocument, 0)
	}
	total := len(r.Paragraphs) + len(r.EarlierWording)
	s.heading(2, r.label("report.paragraphs.heading"), true)
	if len(r.Paragraphs) == 0 {
		s.text(r.label("report.paragraphs.none"), styleBody, 0)
	}
	section := ""
	for i, pr := range r.Paragraphs {
		if pr.Section != "" && pr.Section != section {
			section = pr.Section
			s.heading(3, section, false)
		}
		composeParagraph(r, s, pr)
		progress(i+1, total)
	}
	if len(r.EarlierWording) > 0 {
		s.heading(2, r.label("report.earlier.heading"), true)
		s.text(r.label("report.earlier.lede"), styleNote, 0)
		for i, pr := range r.EarlierWording {
			composeParagraph(r, s, pr)
			progress(len(r.Paragraphs)+i+1, total)
		}
	}
	composeQuestions(r, s)
	composeThemes(r, s)
	composeOrganisations(r, s)
	composeCampaigns(r, s)
	progress(total, total)
}

// composeCover is the first page: what the report is about, its dates, and
// when its data was taken.
func composeCover(r *Report, s sink) {
	s.title(r.Title)
	s.text(r.label("report.cover.summary"), styleLead, 0)
	if r.Organisation != "" {
		s.text(r.Organisation, styleLead, 0)
	}
	if r.Opens != nil && !r.Opens.IsZero() {
		key := "report.cover.opened"
		if r.Opens.After(r.Generated) {
			key = "report.cover.opens"
		}
		s.text(r.label(key, r.dateTime(*r.Opens)), styleBody, 0)
	}
	if r.Closes != nil && !r.Closes.IsZero() {
		key := "report.cover.closed"
		if r.Closes.After(r.Generated) {
			key = "report.cover.closes"
		}
		s.text(r.label(key, r.dateTime(*r.Closes)), styleBody, 0)
	}
	s.text(r.label("report.cover.taken", r.dateTime(r.Generated)), styleBody, 0)
	if r.Slug != "" {
		s.text(r.label("report.cover.reference", r.Slug), styleBody, 0)
	}
}

// composeFigures is the key figures as a table.
func composeFigures(r *Report, s sink) {
	s.heading(2, r.label("report.figures.heading"), true)
	f := r.Figures
	rows := []struct {
		key string
		n   int
	}{
		{"report.figures.total", f.Total}, {"report.figures.pending", f.Pending},
		{"report.figures.approved", f.Approved}, {"report.figures.rejected", f.Rejected},
		{"report.figures.withdrawn", f.Withdrawn}, {"report.figures.individuals", f.Individuals},
		{"report.figures.organisations", f.Organisations}, {"report.figures.whole", f.WholeDocument},
	}
	t := table{Caption: r.label("report.figures.heading"), Numeric: []bool{false, true},
		Header: []string{r.label("report.figures.column.figure"), r.label("report.figures.column.number")}}
	for _, row := range rows {
		t.Rows = append(t.Rows, []string{r.label(row.key), strconv.Itoa(row.n)})
	}
	s.table(t)
}

// composeCharts draws responses per day and per section, each with
// alternative text that gives the figures a sighted reader sees.
func composeCharts(r *Report, s sink) {
	s.heading(2, r.label("report.days.heading"), false)
	if len(r.PerDay) == 0 {
		s.text(r.label("report.days.none"), styleBody, 0)
	} else {
		c := chart{}
		most, busiest := 0, r.PerDay[0]
		for _, d := range r.PerDay {
			c.Labels = append(c.Labels, d.Day.In(r.zone()).Format("2 Jan"))
			c.Values = append(c.Values, d.Count)
			if d.Count > most {
				most, busiest = d.Count, d
			}
		}
		first, last := r.date(r.PerDay[0].Day), r.date(r.PerDay[len(r.PerDay)-1].Day)
		c.Alt = r.label("report.days.alt", first, last, most, r.date(busiest.Day))
		c.Caption = r.label("report.days.caption", first, last, most)
		s.chart(c)
	}
	s.heading(2, r.label("report.sections.heading"), false)
	if len(r.Sections) == 0 {
		s.text(r.label("report.sections.none"), styleBody, 0)
		return
	}
	c := chart{Horizontal: true}
	var parts string
	for i, sc := range r.Sections {
		c.Labels = append(c.Labels, sc.Section)
		c.Values = append(c.Values, sc.Count)
		if i < 30 {
			if parts != "" {
				parts += "; "
			}
			parts += fmt.Sprintf("%s: %d", sc.Section, sc.Count)
		}
	}
	c.Alt = r.label("report.sections.alt", parts)
	s.chart(c)
}

// composeParagraph is one commented paragraph: where it is, what it says, how
// people responded and the comments that may be published.
func composeParagraph(r *Report, s sink, pr ParagraphReport) {
	title := r.label("report.paragraph", pr.Number)
	switch {
	case pr.Version > 0 && pr.Removed:
		title = r.label("report.paragraph.removed", pr.Number, pr.Version)
	case pr.Version > 0:
		title = r.label("report.paragraph.rewritten", pr.Number, pr.Version)
	}
	if pr.Section != "" && pr.Version > 0 {
		title += " · " + pr.Section
	}
	s.text(title, styleStrong, 0)
	text, _ := truncateBody(pr.Text, maxBodyRunes)
	s.text(text, styleQuote, 0)
	for _, img := range pr.Images {
		s.picture(img)
	}
	if pr.Version == 0 {
		noView := max(0, pr.Total-pr.Agree-pr.Disagree-pr.Neutral)
		s.text(r.plural("report.comments.count", pr.Total), styleStrong, 0)
		s.stances(pr, r.label("report.stances", pr.Agree, pr.Disagree, pr.Neutral, noView))
	}
	if len(pr.Comments) == 0 {
		s.text(r.label("report.paragraph.nonepublic"), styleNote, 0)
	}
	composeComments(r, s, pr.Comments, 0)
}

// composeComments writes comments with their replies indented beneath them.
func composeComments(r *Report, s sink, cs []PublicComment, depth int) {
	for _, c := range cs {
		author := c.Author
		if author == "" {
			author = r.label("report.anonymous")
		}
		key := "report.byline"
		if depth > 0 {
			key = "report.byline.reply"
		}
		s.text(r.label(key, author, r.date(c.SubmittedAt)), styleByline, depth)
		body, cut := truncateBody(c.Body, maxBodyRunes)
		s.text(body, styleBody, depth)
		if cut {
			s.text(r.label("report.shortened", maxBodyRunes), styleNote, depth)
		}
		composeComments(r, s, c.Replies, min(depth+1, 3))
	}
}

// composeQuestions gives each question its results: a table and chart of the
// options chosen, then the publishable answers.
func composeQuestions(r *Report, s sink) {
	if len(r.Questions) == 0 {
		return
	}
	s.heading(2, r.label("report.questions.heading"), true)
	for _, q := range r.Questions {
		s.heading(3, q.Title, false)
		if q.Text != "" && q.Text != q.Title {
			s.text(q.Text, styleQuote, 0)
		}
		if len(q.Options) > 0 {
			t := table{Caption: q.Title, Numeric: []bool{false, true},
				Header: []string{r.label("report.questions.column.option"), r.label("report.questions.column.count")}}
			c := chart{Horizontal: true}
			var parts string
			for i, o := range q.Options {
				t.Rows = append(t.Rows, []string{o.Label, strconv.Itoa(o.Count)})
				c.Labels, c.Values = append(c.Labels, o.Label), append(c.Values, o.Count)
				if i > 0 {
					parts += "; "
				}
				parts += fmt.Sprintf("%s: %d", o.Label, o.Count)
			}
			c.Alt = r.label("report.questions.alt", q.Title, parts)
			s.chart(c)
			s.table(t)
		}
		if len(q.Answers) > 0 {
			s.text(r.plural("report.questions.answers", len(q.Answers)), styleStrong, 0)
			composeComments(r, s, q.Answers, 0)
		}
	}
}

// composeThemes lists the themes found in the comments with their sizes.
func composeThemes(r *Report, s sink) {
	if len(r.Themes) == 0 {
		return
	}
	s.heading(2, r.label("report.themes.heading"), true)
	t := table{Caption: r.label("report.themes.heading"), Numeric: []bool{false, true},
		Header: []string{r.label("report.themes.column.theme"), r.label("report.themes.column.count")}}
	for _, th := range r.Themes {
		t.Rows = append(t.Rows, []string{th.Name, strconv.Itoa(th.Count)})
	}
	s.table(t)
	for _, th := range r.Themes {
		s.heading(3, th.Name, false)
		if th.Description != "" {
			s.text(th.Description, styleBody, 0)
		}
		composeComments(r, s, th.Examples, 0)
	}
}

// composeOrganisations is the table of organisations that may be named.
func composeOrganisations(r *Report, s sink) {
	s.heading(2, r.label("report.orgs.heading"), true)
	if len(r.Organisations) == 0 {
		s.text(r.label("report.orgs.none"), styleBody, 0)
		return
	}
	t := table{Caption: r.label("report.orgs.heading"), Numeric: []bool{false, true},
		Header: []string{r.label("report.orgs.column.name"), r.label("report.orgs.column.count")}}
	for _, o := range r.Organisations {
		t.Rows = append(t.Rows, []string{shorten(o.Name, 90), strconv.Itoa(o.Count)})
	}
	s.table(t)
}

// composeCampaigns lists each group of same or nearly the same comments once.
func composeCampaigns(r *Report, s sink) {
	s.heading(2, r.label("report.campaigns.heading"), true)
	if len(r.Campaigns) == 0 {
		s.text(r.label("report.campaigns.none"), styleBody, 0)
		return
	}
	s.text(r.label("report.campaigns.lede"), styleBody, 0)
	for i, c := range r.Campaigns {
		s.text(r.label("report.campaigns.one", i+1, c.Count), styleStrong, 0)
		text, cut := truncateBody(c.Text, maxBodyRunes)
		s.text(text, styleBody, 0)
		if cut {
			s.text(r.label("report.shortened", maxBodyRunes), styleNote, 0)
		}
		if len(c.Variations) > 0 {
			s.text(r.label("report.campaigns.variations"), styleNote, 0)
			var items []string
			for _, v := range c.Variations {
				v, _ = truncateBody(v, maxQuoteRunes)
				items = append(items, v)
			}
			s.list(items)
		}
	}
}
