package document

import (
	"strings"
	"testing"
)

// An outcome goes through the documents' renderer: raw HTML and javascript:
// links never reach the page, headings sit under the page's h2, and each top
// heading starts a section with the links written in it.
func TestRenderOutcome(t *testing.T) {
	md := "Thank you.\n\n# Buses\n\nWe agree about [fares](/consultations/bus/paragraphs/abcd1234).\n\n" +
		"<script>alert(1)</script>\n\n## Detail\n\n[click](javascript:alert(2)) <b onclick=\"x()\">bold</b>\n\n" +
		"# Trains\n\nSee <https://example.org/a/very/long/address>.\n"
	out, err := RenderOutcome(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, banned := range []string{"<script", "javascript:", "onclick", "<b>", "data-paragraph-key", "pc-count"} {
		if strings.Contains(out.HTML, banned) {
			t.Errorf("outcome HTML holds %q:\n%s", banned, out.HTML)
		}
	}
	if !strings.Contains(out.HTML, `<h3 class="govuk-heading-s">Buses</h3>`) || !strings.Contains(out.HTML, `<h4 class="govuk-heading-s">Detail</h4>`) {
		t.Errorf("headings not under h2:\n%s", out.HTML)
	}
	if len(out.Sections) != 3 {
		t.Fatalf("%d sections, want 3 (before the first heading, Buses, Trains)", len(out.Sections))
	}
	if got := out.Sections[1].Links; len(got) != 2 || got[0] != "/consultations/bus/paragraphs/abcd1234" {
		t.Errorf("Buses links %q", got)
	}
	if !strings.Contains(out.Sections[1].HTML, "Detail") || strings.Contains(out.Sections[1].HTML, "Trains") {
		t.Errorf("Buses section:\n%s", out.Sections[1].HTML)
	}
	if out.Sections[0].HTML+out.Sections[1].HTML+out.Sections[2].HTML != out.HTML {
		t.Error("the sections do not make up the whole")
	}
	flat, err := RenderOutcome("One.\n\nTwo [x](/consultations/bus/paragraphs/k2).\n")
	if err != nil || len(flat.Sections) != 2 || len(flat.Sections[1].Links) != 1 {
		t.Errorf("without headings every block is a section: %+v, %v", flat.Sections, err)
	}
	if _, err := RenderOutcome("   "); err != ErrEmpty {
		t.Errorf("blank outcome: %v", err)
	}
}
