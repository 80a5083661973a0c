package web_test

import (
	"context"
	"encoding/hex"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// rptOddBody has an emoji, Chinese and a soft hyphen: none may come out as
// U+FFFD or a box, and the soft hyphen shows only at a line break.
const rptOddBody = "Great for the 🚌 and for 中文 readers, extra\u00adordinary."

// addReportComments adds what a complete report must show: a reply under its
// parent, a comment with awkward characters, and comments on paragraphs that
// version 2 removes or rewords.
func addReportComments(t *testing.T, a *testutil.TestApp, fx rptFixture) {
	t.Helper()
	ctx := context.Background()
	st := a.App.Store
	parent := fx.comments[len(rptBodies)] // "Capping fares helps everyone…"
	add := func(key, body string, parentID *int64) {
		cm := model.Comment{ConsultationID: fx.c.ID, VersionID: *fx.c.CurrentVersionID, ParagraphKey: key, ParentID: parentID,
			UserID: fx.users["Anne Anonymous"], Body: body, RespondingAs: "individual", Publish: model.PublishName,
			Status: model.CommentApproved, SubmissionToken: "x" + body[:8], CreatedAt: rptDay.Add(100 * time.Hour), UpdatedAt: rptDay}
		if err := st.DB.Create(&cm).Error; err != nil {
			t.Fatal(err)
		}
	}
	add(parent.ParagraphKey, "A reply agreeing about fares.", &parent.ID)
	add(fx.keys[1], rptOddBody, nil)
	add(fx.keys[2], "Sunday parking at the station matters.", nil)
	add(fx.keys[0], "Seven is too late for early shifts.", nil)
	v2 := strings.Replace(rptDoc, "should open at seven", "should open at six", 1)
	v2 = v2[:strings.Index(v2, "# Trains")]
	if _, err := a.App.Consult.PublishVersion(ctx, fx.c, v2, "Trains moved to another consultation", nil); err != nil {
		t.Fatal(err)
	}
}

// TestReportPDFTaggedAndComplete makes the report through the reports page and
// checks it from outside, as an accessibility checker and a reader would.
func TestReportPDFTaggedAndComplete(t *testing.T) {
	pdfinfo, err := exec.LookPath("pdfinfo")
	if err != nil {
		testutil.Unavailable(t, "pdftotext", "install poppler-utils")
	}
	pdftotext, _ := exec.LookPath("pdftotext")
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		fx := newRptFixture(t, a)
		addReportComments(t, a, fx)
		c := rptSignIn(t, a, "analyst")
		c.Get("/admin/consultations/buses/reports")
		c.PostForm("/admin/consultations/buses/reports", url.Values{"kind": {"pdf"}}).Expect(t, http.StatusSeeOther)
		if ran, err := a.App.Jobs.RunOnce(context.Background()); !ran || err != nil {
			t.Fatalf("RunOnce = %v, %v", ran, err)
		}
		pdf := []byte(c.Get("/admin/consultations/buses/report.pdf").Expect(t, http.StatusOK).Body)
		path := filepath.Join(t.TempDir(), "report.pdf")
		if err := os.WriteFile(path, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		info, err := exec.Command(pdfinfo, path).Output()
		if err != nil || !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).Match(info) {
			t.Fatalf("pdfinfo: %v\n%s", err, info)
		}
		structure, err := exec.Command(pdfinfo, "-struct-text", path).Output()
		if err != nil {
			t.Fatalf("pdfinfo -struct-text: %v", err)
		}
		checkStructure(t, string(structure))
		checkFigureAlt(t, pdf)
		for _, meta := range []string{"<pdfuaid:part>1</pdfuaid:part>", "/DisplayDocTitle true", "/Lang (en-GB)", "/Marked true"} {
			if !strings.Contains(string(pdf), meta) {
				t.Errorf("PDF lacks %s", meta)
			}
		}
		text := rptPDFText(t, pdftotext, pdf)
		for _, want := range []string{
			"Our members support the whole plan.",             // on the whole document
			"Sunday parking at the station matters.",          // on a paragraph version 2 removed
			"The station car park should be free on Sundays.", // …under the wording it was written against
			"Seven is too late for early shifts.",             // on a paragraph version 2 reworded
			"Bus lanes on the high street should open at seven.",
			"Capping fares helps everyone in Penparcau.", "Anonymous view on fares.",
			"Reply from Anne Anonymous", "A reply agreeing about fares.",
			"Great for the [bus] and for", "extraordinary",
			"Closed: 11 March 2026 at midday",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
		if strings.ContainsRune(text, '\ufffd') || strings.Contains(text, "extra-ordinary") || strings.ContainsRune(text, '\u00ad') {
			t.Errorf("PDF text has a replacement character or a visible soft hyphen: %q", text)
		}
	})
}

// checkStructure reads poppler's view of the structure tree.
func checkStructure(t *testing.T, s string) {
	t.Helper()
	count := func(role string) int {
		return len(regexp.MustCompile(`(?m)^\s*`+role+`\b`).FindAllString(s, -1))
	}
	if count("H1") != 1 || count("H2") < 6 || count("Table") < 2 || count("TH") < 4 || count("Figure") < 2 {
		t.Errorf("structure: H1 %d, H2 %d, Table %d, TH %d, Figure %d, L %d\n%.3000s",
			count("H1"), count("H2"), count("Table"), count("TH"), count("Figure"), count("L"), s)
	}
	if !strings.Contains(s, "Buses and trains in Aberystwyth") || !strings.Contains(s, "/Scope /Column") {
		t.Errorf("structure lacks the title or column headers")
	}
}

// checkFigureAlt finds each Figure element's alternative text and checks it
// says what the chart shows.
func checkFigureAlt(t *testing.T, pdf []byte) {
	t.Helper()
	figs := regexp.MustCompile(`/S /Figure [^>]*?/Alt <FEFF([0-9A-F]+)>`).FindAllSubmatch(pdf, -1)
	if len(figs) < 2 {
		t.Fatalf("%d figures with alternative text", len(figs))
	}
	raw, _ := hex.DecodeString(string(figs[0][1]))
	units := make([]uint16, len(raw)/2)
	for i := range units {
		units[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
	}
	if alt := string(utf16.Decode(units)); !strings.Contains(alt, "Bar chart of the comments submitted each day") {
		t.Errorf("figure alt = %q", alt)
	}
}
