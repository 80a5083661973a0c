package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"pilcrow/app/i18n"
	"pilcrow/app/testutil/need"
	"pilcrow/views"
)

// labels are the report's English labels from the catalogue.
func labels() func(string, ...any) string {
	cat, err := i18n.Load(views.FS)
	if err != nil {
		panic(err)
	}
	return func(key string, args ...any) string { return cat.T("en", key, args...) }
}

const welshName = "Siân Ŵyn Ŷr"

// sampleReport builds a report with n paragraphs and perParagraph comments each.
func sampleReport(paragraphs, perParagraph int) Report {
	opens := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	closes := time.Date(2026, 5, 31, 23, 0, 0, 0, time.UTC)
	r := Report{
		Title: "Bus routes in Gwynedd — “have your say”", Organisation: "Cyngor Gwynedd",
		Slug: "bus-routes", Opens: &opens, Closes: &closes,
		Generated: time.Date(2026, 6, 1, 12, 30, 0, 0, time.UTC), T: labels(),
		Figures: Figures{Total: 1234, Pending: 56, Approved: 1100, Rejected: 70, Withdrawn: 8,
			Individuals: 1200, Organisations: 34, WholeDocument: 99},
		Organisations: []OrgCount{{"Cymdeithas Ŷd", 12}, {"Bus Users – North Wales", 7}},
		Campaigns: []CampaignSummary{{Count: 300, Text: "Keep the number 12 bus – it’s a lifeline.",
			Variations: []string{"Keep the 12 bus — please.", "Save the 12 bus"}}},
	}
	for d := range 40 {
		r.PerDay = append(r.PerDay, DayCount{Day: opens.AddDate(0, 0, d), Count: (d * 7) % 23})
	}
	for i := range paragraphs {
		section := fmt.Sprintf("Section %d: routes ‘and’ fares", i/10+1)
		if i%10 == 0 {
			r.Sections = append(r.Sections, SectionCount{Section: section})
		}
		pr := ParagraphReport{Number: i + 1, Key: fmt.Sprintf("k%d", i), Section: section,
			Text:  "Buses will run every 15–20 minutes on weekdays, “subject to demand”.",
			Total: perParagraph + 2, Agree: perParagraph / 2, Disagree: perParagraph / 4, Neutral: 1}
		for c := range perParagraph {
			author := welshName
			if c%3 == 1 {
				author = ""
			}
			pr.Comments = append(pr.Comments, PublicComment{Author: author, SubmittedAt: opens.AddDate(0, 0, c%40),
				Body: fmt.Sprintf("Comment %d: I’d like “more” buses — especially on Sundays – thanks.", c)})
		}
		r.Sections[len(r.Sections)-1].Count += pr.Total
		r.Paragraphs = append(r.Paragraphs, pr)
	}
	return r
}

// pdfPages converts a PDF to text with pdftotext and returns the text of each page.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		need.Unavailable(t, "pdftotext", "install poppler-utils")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
}

func TestWritePDF(t *testing.T) {
	r := sampleReport(12, 4)
	r.Paragraphs[0].Comments[0].Body = strings.Repeat("A very long comment. ", 400)
	var buf bytes.Buffer
	calls := 0
	if err := WritePDF(&buf, r, func(done, total int) { calls++ }); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-")
	}
	if calls < len(r.Paragraphs) {
		t.Errorf("progress called %d times, want %d", calls, len(r.Paragraphs))
	}
	pages := pdfPages(t, buf.Bytes())
	text := strings.Join(pages, "\n")
	for _, want := range []string{"Bus routes in Gwynedd — “have your say”", "Cyngor Gwynedd",
		"Opened: 1 March 2026 at 9am", "Closed: 1 June 2026 at midnight", "Data taken: 1 June 2026 at 1:30pm",
		"Comments received", "1234", "Waiting for moderation", "56", welshName, "Anonymous",
		"Cymdeithas Ŷd", "Campaign 1: 300 comments", "15–20 minutes", "[…]",
		"has been shortened", "Keep the 12 bus — please."} {
		if !strings.Contains(text, want) {
			t.Errorf("report text lacks %q", want)
		}
	}
	for i, page := range pages {
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(page, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	checkContents(t, pages, 1)
}

func TestWritePDFLongContents(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePDF(&buf, sampleReport(400, 1), nil); err != nil {
		t.Fatal(err)
	}
	// 40 document sections and six report sections fill two contents pages.
	checkContents(t, pdfPages(t, buf.Bytes()), 2)
}

var contentsLine = regexp.MustCompile(`(?m)^\s*(\S.*?\S)\s{2,}(\d+)\s*$`)

// checkContents checks that the contents, on the pages after the cover, list
// every heading with the page it is on.
func checkContents(t *testing.T, pages []string, contentsPages int) {
	t.Helper()
	var entries [][]string
	for _, page := range pages[1 : 1+contentsPages] {
		entries = append(entries, contentsLine.FindAllStringSubmatch(page, -1)...)
	}
	if len(entries) < 6 || entries[len(entries)-1][1] != "Campaigns" {
		t.Fatalf("contents has %d entries, the last %q", len(entries), entries[len(entries)-1])
	}
	for _, e := range entries {
		n, _ := strconv.Atoi(e[2])
		heading := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(e[1]) + `\s*$`)
		if n <= contentsPages+1 || n > len(pages) || !heading.MatchString(pages[n-1]) {
			t.Errorf("contents says %q is on page %d, but it is not there", e[1], n)
		}
	}
}

func TestWritePDFSectionRevisited(t *testing.T) {
	r := sampleReport(3, 1)
	r.Paragraphs[0].Section, r.Paragraphs[1].Section, r.Paragraphs[2].Section = "Fares", "Routes", "Fares"
	var buf bytes.Buffer
	if err := WritePDF(&buf, r, nil); err != nil {
		t.Fatal(err)
	}
	checkContents(t, pdfPages(t, buf.Bytes()), 1)
}

func TestWritePDFEmptyReport(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePDF(&buf, Report{Title: "Empty", Generated: time.Now(), T: labels()}, nil); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(pdfPages(t, buf.Bytes()), "\n")
	for _, want := range []string{"Empty", "No responses yet.", "No organisations responded."} {
		if !strings.Contains(text, want) {
			t.Errorf("report text lacks %q", want)
		}
	}
}

func TestWritePDFOddText(t *testing.T) {
	r := sampleReport(1, 1)
	r.Paragraphs[0].Comments[0].Body = "tabs\tand\r\nbreaks\x00\x07 emoji 🚌 中文 " + strings.Repeat("x", 5000)
	r.Location = time.UTC
	r.Title += " 🚌"
	r.Organisation += " 🚌"
	r.Paragraphs[0].Section += " 🚌"
	r.Paragraphs[0].Comments[0].Author += " 🚌"
	r.Organisations[0].Name += " 🚌"
	r.Campaigns[0].Variations[0] += " 🚌"
	var buf bytes.Buffer
	if err := WritePDF(&buf, r, nil); err != nil {
		t.Fatal(err)
	}
}

func TestTruncateBody(t *testing.T) {
	short, cut := truncateBody("short", 10)
	if short != "short" || cut {
		t.Errorf("short text changed: %q", short)
	}
	long, cut := truncateBody(strings.Repeat("ŵŷ ", 100), 50)
	if !cut || !strings.HasSuffix(long, " […]") || len([]rune(long)) > 55 {
		t.Errorf("long text: %q", long)
	}
}

// BenchmarkWritePDF20k is a report of 20,000 publishable comments over 300 paragraphs.
func BenchmarkWritePDF20k(b *testing.B) {
	r := sampleReport(300, 20_000/300+1)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePDF(&buf, r, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len())/1e6, "MB")
	}
}
