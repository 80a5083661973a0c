package chart

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// parseXML decodes the whole document and returns the elements' names in order.
func parseXML(t *testing.T, s string) []xml.StartElement {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	var starts []xml.StartElement
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return starts
		}
		if err != nil {
			t.Fatalf("chart is not well-formed XML: %v\n%s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok {
			starts = append(starts, se)
		}
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func TestBarChartIsAccessibleXML(t *testing.T) {
	out := string(BarChartID("c", "Comments per section", "Section 2 has the most comments", []Bar{
		{Label: "Introduction", Value: 3, Href: "/consultations/x#s1"},
		{Label: "Routes & fares", Value: 10},
		{Label: "Empty", Value: 0},
	}))
	starts := parseXML(t, out)
	root := starts[0]
	if root.Name.Local != "svg" || attr(root, "role") != "img" {
		t.Fatalf("root is %v", root)
	}
	ids := map[string]string{}
	for _, se := range starts {
		if id := attr(se, "id"); id != "" {
			if _, dup := ids[id]; dup {
				t.Errorf("duplicate id %q", id)
			}
			ids[id] = se.Name.Local
		}
	}
	for _, ref := range strings.Fields(attr(root, "aria-labelledby")) {
		if name := ids[ref]; name != "title" && name != "desc" {
			t.Errorf("aria-labelledby %q points at %q", ref, name)
		}
	}
	if !strings.Contains(out, "Routes &amp; fares") {
		t.Errorf("label not escaped: %s", out)
	}
}

func TestBarChartEscapesLabels(t *testing.T) {
	out := string(BarChartID("c", `<b>"title"</b>`, "</desc><script>x</script>", []Bar{
		{Label: "<script>alert(1)</script>", Value: 1, Href: `javascript:"><script>`},
	}))
	if strings.Contains(out, "<script") || strings.Contains(out, "<b>") || strings.Contains(out, "javascript:") {
		t.Fatalf("unescaped markup in %s", out)
	}
	for _, se := range parseXML(t, out) {
		if se.Name.Local == "script" {
			t.Fatalf("script element in chart")
		}
	}
}

func TestBarChartIDs(t *testing.T) {
	a, b := string(BarChartID("a", "A", "", nil)), string(BarChartID("b", "A", "", nil))
	if a == b {
		t.Errorf("different prefixes gave identical charts")
	}
	if a != string(BarChartID("a", "A", "", nil)) {
		t.Errorf("chart output is not deterministic")
	}
	parseXML(t, a)
	if !strings.Contains(string(BarChartID("mine", "A", "", nil)), `id="mine-title"`) {
		t.Errorf("explicit prefix not used")
	}
}

func TestHeatLevel(t *testing.T) {
	cases := []struct {
		name             string
		count, max, want int
	}{
		{"none", 0, 10, 0},
		{"no comments anywhere", 0, 0, 0},
		{"one of many", 1, 1000, 1},
		{"quarter", 25, 100, 2},
		{"half", 50, 100, 3},
		{"three quarters", 75, 100, 4},
		{"almost", 99, 100, 4},
		{"the most", 100, 100, 5},
		{"above max", 120, 100, 5},
		{"negative", -1, 10, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := HeatLevel(c.count, c.max); got != c.want {
				t.Errorf("HeatLevel(%d, %d) = %d, want %d", c.count, c.max, got, c.want)
			}
		})
	}
}
