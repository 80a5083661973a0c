package export

import (
	_ "embed"
	"fmt"
	"io"
	"time"
	_ "time/tzdata" // Europe/London must resolve on hosts without a zoneinfo database

	"codeberg.org/go-pdf/fpdf"
)

// Noto Sans covers Welsh (ŵ ŷ), curly quotes and dashes, which the PDF core fonts
// do not; its licence, the SIL OFL, is in fonts/OFL.txt.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	fontRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	fontBold []byte
)

// Report is everything the PDF summary report shows about one consultation.
type Report struct {
	Title, Organisation, Slug string
	Opens, Closes             *time.Time
	Generated                 time.Time
	Location                  *time.Location // dates are shown in this zone; nil means Europe/London
	// Lang is the report's language ("en" or "cy"), and Labels its words from the
	// message catalogue in that language; nil Labels means the English built in.
	Lang   string
	Labels func(key string, args ...any) string

	Figures       Figures
	PerDay        []DayCount
	Sections      []SectionCount    // comments per document section (heading)
	Paragraphs    []ParagraphReport // only commented paragraphs, in document order
	Organisations []OrgCount
	Campaigns     []CampaignSummary
}

// Figures are the report's headline counts.
type Figures struct {
	Total, Pending, Approved, Rejected, Withdrawn int
	Individuals, Organisations, WholeDocument     int
}

// DayCount is the number of comments submitted on one day.
type DayCount struct {
	Day   time.Time
	Count int
}

// SectionCount is the number of comments on one section of the document.
type SectionCount struct {
	Section string
	Count   int
}

// OrgCount is the number of comments from one responding organisation.
type OrgCount struct {
	Name  string
	Count int
}

// CampaignSummary is one group of same or nearly the same comments.
type CampaignSummary struct {
	Count      int
	Text       string   // the representative text
	Variations []string // a few texts that differ from it
}

// ParagraphReport is one commented paragraph with its counts and publishable comments.
type ParagraphReport struct {
	Number                          int
	Key, Section, Text              string
	Total, Agree, Disagree, Neutral int
	Comments                        []PublicComment // approved and publishable only; the caller filters
}

// PublicComment is a comment that its author allowed to be published.
type PublicComment struct {
	Author      string // empty for an anonymous comment
	Body        string
	SubmittedAt time.Time
}

// Page geometry in millimetres (A4).
const (
	pageW, pageH   = 210.0, 297.0
	margin         = 20.0
	contentW       = pageW - 2*margin
	bottomMargin   = 22.0
	lineH          = 5.5
	tocLineH       = 7.0
	tocPerPage     = 32
	reportSections = 6 // level-0 headings: figures, two charts, paragraphs, organisations, campaigns
	fontFamily     = "NotoSans"
	pagesAlias     = "{nb}"
	defaultZone    = "Europe/London"
	maxBodyRunes   = 4000 // longer comments are shortened so one cannot swamp the report
	maxQuoteRunes  = 600  // campaign variations are examples, so shorter still
)

// pdfReport holds the state of one report being written.
type pdfReport struct {
	f   *fpdf.Fpdf
	r   Report
	loc *time.Location
	toc []tocEntry
}

// tocEntry is one line of the contents page, filled in once its page is known.
type tocEntry struct {
	title string
	level int
	page  int
	link  int
}

// WritePDF writes the summary report as an A4 PDF. progress, when not nil, is
// called after each paragraph so a long report can show how far it has got.
func WritePDF(w io.Writer, r Report, progress func(done, total int)) error {
	p := &pdfReport{f: newDocument(r), r: r, loc: r.Location}
	if p.loc == nil {
		loc, err := time.LoadLocation(defaultZone)
		if err != nil {
			return fmt.Errorf("loading %s: %w", defaultZone, err)
		}
		p.loc = loc
	}
	p.cover()
	contentsFrom, contentsPages := p.reserveContents()
	p.figures()
	p.perDayChart()
	p.sectionChart()
	p.paragraphs(progress)
	p.organisations()
	p.campaigns()
	p.fillContents(contentsFrom, contentsPages)
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("building report: %w", err)
	}
	return p.f.Output(w)
}

// newDocument sets up an A4 document with the embedded fonts and the footer.
func newDocument(r Report) *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(true, bottomMargin)
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.SetTitle(clean(r.Title), true)
	f.SetAuthor(clean(r.Organisation), true)
	f.SetLang(pdfLang(r.Lang))
	f.SetCreationDate(r.Generated)
	f.SetModificationDate(r.Generated)
	f.AliasNbPages(pagesAlias)
	p := &pdfReport{r: r}
	f.SetFooterFunc(func() {
		f.SetY(-15)
		f.SetFont(fontFamily, "", 9)
		f.SetTextColor(80, 90, 95)
		f.CellFormat(contentW/2, 6, shorten(clean(r.Title), 60), "", 0, "L", false, 0, "")
		f.CellFormat(contentW/2, 6, p.l("pdf.page", "Page %d of %s", f.PageNo(), pagesAlias), "", 0, "R", false, 0, "")
		f.SetTextColor(11, 12, 12)
	})
	return f
}
