package export

import (
	"strconv"
)

// figures writes the key figures as a two-column table.
func (p *pdfReport) figures() {
	p.newSection(p.l("pdf.figures", "Key figures"))
	fig := p.r.Figures
	rows := []struct {
		label string
		value int
	}{
		{p.l("pdf.figures.total", "Comments received"), fig.Total},
		{p.l("pdf.figures.pending", "Waiting for moderation"), fig.Pending},
		{p.l("pdf.figures.approved", "Approved"), fig.Approved},
		{p.l("pdf.figures.rejected", "Rejected"), fig.Rejected},
		{p.l("pdf.figures.withdrawn", "Withdrawn by their authors"), fig.Withdrawn},
		{p.l("pdf.figures.individuals", "From individuals"), fig.Individuals},
		{p.l("pdf.figures.organisations", "From organisations"), fig.Organisations},
		{p.l("pdf.figures.whole", "On the whole document rather than a paragraph"), fig.WholeDocument},
	}
	f := p.f
	f.SetDrawColor(177, 180, 182)
	for _, row := range rows {
		f.CellFormat(contentW-40, 8, row.label, "B", 0, "L", false, 0, "")
		f.SetFont(fontFamily, "B", 10)
		f.CellFormat(40, 8, strconv.Itoa(row.value), "B", 1, "R", false, 0, "")
		p.body()
	}
	f.Ln(4)
}

// organisations lists the organisations that responded, with their comment counts.
func (p *pdfReport) organisations() {
	p.newSection(p.l("pdf.organisations", "Responding organisations"))
	if len(p.r.Organisations) == 0 {
		p.para(p.l("pdf.organisations.none", "No organisations responded."))
		return
	}
	f := p.f
	f.SetDrawColor(177, 180, 182)
	p.tableRow(p.l("pdf.column.organisation", "Organisation"), p.l("pdf.column.comments", "Comments"), true)
	for _, o := range p.r.Organisations {
		if p.f.GetY()+8 > pageH-bottomMargin {
			f.AddPage()
			p.tableRow(p.l("pdf.column.organisation", "Organisation"), p.l("pdf.column.comments", "Comments"), true)
		}
		p.tableRow(o.Name, strconv.Itoa(o.Count), false)
	}
}

// tableRow writes one row of a name and number table.
func (p *pdfReport) tableRow(name, count string, header bool) {
	if header {
		p.f.SetFont(fontFamily, "B", 10)
	}
	p.f.CellFormat(contentW-30, 7, shorten(clean(name), 90), "B", 0, "L", false, 0, "")
	p.f.CellFormat(30, 7, count, "B", 1, "R", false, 0, "")
	p.body()
}

// campaigns lists each group of same or nearly the same comments once, with its
// size and a few of the ways its copies differ.
func (p *pdfReport) campaigns() {
	p.newSection(p.l("pdf.campaigns", "Campaigns"))
	if len(p.r.Campaigns) == 0 {
		p.para(p.l("pdf.campaigns.none", "No groups of identical or nearly identical comments were found."))
		return
	}
	p.para(p.l("pdf.campaigns.lede", "Groups of comments with the same or nearly the same text, such as form "+
		"letters. Each group is shown once, with how many comments it contains."))
	p.f.Ln(3)
	for i, c := range p.r.Campaigns {
		p.subheading(p.l("pdf.campaign", "Campaign %d: %d comments", i+1, c.Count))
		p.quote(c.Text, maxBodyRunes)
		if len(c.Variations) > 0 {
			p.ensureSpace(2 * lineH)
			p.note(p.l("pdf.campaign.variations", "Examples of how other comments in this group differ:"))
			for _, v := range c.Variations {
				p.f.SetX(margin + 6)
				p.quoteIndented(v)
			}
		}
		p.f.Ln(4)
	}
}

// quote writes a comment's text, shortened to n characters and saying so.
func (p *pdfReport) quote(text string, n int) {
	text, cut := truncateBody(clean(text), n)
	p.para(text)
	if cut {
		p.note(p.l("pdf.shortened", "This comment is longer than %d characters and has been shortened "+
			"here. The full text is in the CSV export.", n))
	}
}

// quoteIndented writes a short example text indented under its campaign.
func (p *pdfReport) quoteIndented(text string) {
	text, _ = truncateBody(clean(text), maxQuoteRunes)
	p.f.MultiCell(contentW-6, lineH, "– "+text, "", "L", false)
	p.f.Ln(1)
}
