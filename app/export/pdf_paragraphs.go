package export

import (
	"fmt"
)

// paragraphs writes one part per commented paragraph: where it is, what it says,
// how people responded and the comments that may be published.
func (p *pdfReport) paragraphs(progress func(done, total int)) {
	p.newSection("Comments by paragraph")
	if len(p.r.Paragraphs) == 0 {
		p.para("No paragraph has comments yet.")
	}
	section := ""
	for i, pr := range p.r.Paragraphs {
		if pr.Section != "" && pr.Section != section {
			section = pr.Section
			p.ensureSpace(60) // keep a section's heading with its first paragraph
			p.heading(section, 1)
		}
		p.paragraph(pr)
		if progress != nil {
			progress(i+1, len(p.r.Paragraphs))
		}
	}
}

// paragraph writes one commented paragraph and its publishable comments.
func (p *pdfReport) paragraph(pr ParagraphReport) {
	f := p.f
	p.ensureSpace(40)
	title := fmt.Sprintf("Paragraph %d", pr.Number)
	if pr.Section != "" {
		title += " · " + pr.Section
	}
	p.subheading(title)
	text, _ := truncateBody(clean(pr.Text), maxBodyRunes)
	f.SetFillColor(243, 242, 241) // GOV.UK light grey, behind the quoted paragraph
	f.MultiCell(contentW, lineH, text, "", "L", true)
	f.Ln(1.5)
	f.SetFont(fontFamily, "B", 10)
	f.CellFormat(contentW, lineH, plural(pr.Total, "comment", "comments"), "", 1, "L", false, 0, "")
	p.body()
	p.stanceBar(pr)
	f.Ln(1)
	if len(pr.Comments) == 0 {
		p.note("None of the comments on this paragraph can be published.")
	}
	for _, c := range pr.Comments {
		p.comment(c)
	}
	f.Ln(5)
}

// comment writes one publishable comment with its author and date.
func (p *pdfReport) comment(c PublicComment) {
	f := p.f
	author := c.Author
	if author == "" {
		author = "Anonymous"
	}
	p.ensureSpace(3 * lineH)
	f.SetFont(fontFamily, "B", 9.5)
	f.MultiCell(contentW, lineH, clean(author)+", "+c.SubmittedAt.In(p.loc).Format("2 January 2006"), "", "L", false)
	p.body()
	p.quote(c.Body, maxBodyRunes)
	f.Ln(2)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
