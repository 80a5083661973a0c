package document

import (
	"strings"
	"testing"
)

// TestBlockHTMLStandsAlone checks each block's own HTML, which its paragraph
// page shows: the block's markup and text, without the document page's id,
// visible number or count marker, and a list item inside a list of its kind.
func TestBlockHTMLStandsAlone(t *testing.T) {
	d := mustRender(t, "Some *text* and [a link](https://example.test).\n\n"+
		"- one\n- two\n  - inner\n\n3. three\n4. four\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", nil)
	want := []struct{ prefix, contains string }{
		{`<p class="govuk-body">`, `<em>text</em>`},
		{`<ul class="govuk-list govuk-list--bullet">` + "\n<li>", "one"},
		{`<ul class="govuk-list govuk-list--bullet">` + "\n<li>two", "<li>inner"},
		{`<ul class="govuk-list govuk-list--bullet">` + "\n<li>", "inner"},
		{`<ol class="govuk-list govuk-list--number" start="3">` + "\n<li>", "three"},
		{`<ol class="govuk-list govuk-list--number" start="4">` + "\n<li>", "four"},
		{`<blockquote class="govuk-inset-text">`, "quoted"},
		{`<table class="govuk-table">`, `<td class="govuk-table__cell">2</td>`},
	}
	if len(d.Blocks) != len(want) {
		t.Fatalf("%d blocks, want %d", len(d.Blocks), len(want))
	}
	for i, b := range d.Blocks {
		if !strings.HasPrefix(b.HTML, want[i].prefix) || !strings.Contains(b.HTML, want[i].contains) {
			t.Errorf("block %d (%s): %q", i+1, b.Kind, b.HTML)
		}
		for _, bad := range []string{"id=", "pc-block", "data-paragraph", markerOpen} {
			if strings.Contains(b.HTML, bad) {
				t.Errorf("block %d holds %q: %s", i+1, bad, b.HTML)
			}
		}
		checkElements(t, b.HTML)
	}
	// The page itself is unchanged by rendering the blocks on their own.
	checkDocument(t, d)
	if strings.Count(d.HTML, "pc-block__number") != len(d.Blocks) {
		t.Errorf("the document page lost block numbers")
	}
}
