package export

import (
	"fmt"

	"pilcrow/app/i18n"
)

// paragraphs writes one part per commented paragraph: where it is, what it says,
// how people responded and the comments that may be published.
func (p *pdfReport) paragraphs(progress func(done, total int)) {
	p.newSection(p.l("pdf.paragraphs", "Comments by paragraph"))
	if len(p.r.Paragraphs) == 0 {
		p.para(p.l("pdf.paragraphs.none", "No paragraph has comments yet."))
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
	title := p.l("pdf.paragraph", "Paragraph %d", pr.Number)
	if pr.Section != "" {
		title += " · " + pr.Section
	}
	p.subheading(title)
	text, _ := truncateBody(clean(pr.Text), maxBodyRunes)
	f.SetFillColor(243, 242, 241) // GOV.UK light grey, behind the quoted paragraph
	f.MultiCell(contentW, lineH, text, "", "L", true)
	f.Ln(1.5)
	f.SetFont(fontFamily, "B", 10)
	f.CellFormat(contentW, lineH, p.count(pr.Total), "", 1, "L", false, 0, "")
	p.body()
	p.stanceBar(pr)
	f.Ln(1)
	if len(pr.Comments) == 0 {
		p.note(p.l("pdf.paragraph.private", "None of the comments on this paragraph can be published."))
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
		author = p.l("pdf.anonymous", "Anonymous")
	}
	p.ensureSpace(3 * lineH)
	f.SetFont(fontFamily, "B", 9.5)
	f.MultiCell(contentW, lineH, clean(author)+", "+i18n.FormatDate(p.r.Lang, c.SubmittedAt.In(p.loc)), "", "L", false)
	p.body()
	p.quote(c.Body, maxBodyRunes)
	f.Ln(2)
}

// count is "n comments" in the report's language and plural rule.
func (p *pdfReport) count(n int) string {
	form := i18n.PluralForm(p.r.Lang, n)
	if p.r.Labels != nil {
		if s := p.r.Labels("pdf.comments."+form, n); s != "pdf.comments."+form {
			return s
		}
	}
	if n == 1 {
		return "1 comment"
	}
	return fmt.Sprintf("%d comments", n)
}
