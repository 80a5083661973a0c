package importdoc

import (
	"os"
	"strings"
	"testing"

	"pilcrow/app/document"
)

// wantConstructs is what testdata/constructs.fodt becomes, whether Word or
// LibreOffice's own format carries it.
const wantConstructs = "# Cycling and walking plan\n\n# Introduction\n\n" +
	"We propose **safer routes** for *everyone*, as set out in the [transport strategy](https://example.org/strategy).\\[1\\] Words with \\*stars\\* stay as written.\n\n" +
	"## Routes\n\n- Main roads\n  - Protected lanes\n- Quiet streets\n\n" +
	"### Phases\n\n1. Design\n   1. Survey\n1. Build\n\n" +
	"| Phase | Cost |\n| --- | --- |\n| Design | £2m \\| phase one |\n| Build | £10m |\n\n" +
	"![Route map of the city centre](image1.png)\n\n" +
	"```question\nDo you agree with the proposed cycle network?\n- Agree\n- Disagree\n- Don't know\n```\n\n" +
	"```question\nWhat else should we know?\ntype: text\n```\n\n" +
	"A change added later and a remark.\n\nAfter the box.\n\nAfter the shape.\n\n" +
	"## Notes\n\n1. Published in March 2026."

func convertFile(t *testing.T, path string) (*Result, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	k, err := KindOf(path)
	if err != nil {
		return nil, err
	}
	return Convert(f, st.Size(), k, Options{})
}

func TestConvertLibreOfficeFiles(t *testing.T) {
	for _, path := range []string{"testdata/constructs.docx", "testdata/constructs.odt"} {
		t.Run(path, func(t *testing.T) {
			r, err := convertFile(t, path)
			if err != nil {
				t.Fatal(err)
			}
			if r.Markdown != wantConstructs {
				t.Errorf("Markdown:\n%s\n\nwant:\n%s", r.Markdown, wantConstructs)
			}
			png, _ := os.ReadFile("testdata/map.png")
			if len(r.Images) != 1 || r.Images[0].Name != "image1.png" || r.Images[0].Alt != "Route map of the city centre" || string(r.Images[0].Data) != string(png) {
				t.Errorf("images = %+v, want map.png as image1.png with its description", r.Images)
			}
			want := map[string]int{LossTrackedChanges: 1, LossComments: 1, LossTextBoxes: 1, LossShapes: 1}
			if len(r.Losses) != len(want) {
				t.Errorf("losses = %v, want %v", r.Losses, want)
			}
			for _, l := range r.Losses {
				if want[l.Code] != l.Count {
					t.Errorf("loss %s counted %d, want %d", l.Code, l.Count, want[l.Code])
				}
			}
			// The document package accepts it, questions included.
			n := 0
			d, err := document.Render(r.Markdown, nil, func() string { n++; return "k" + string(rune('a'+n%26)) + strings.Repeat("x", n/26) })
			if err != nil {
				t.Fatalf("document.Render: %v", err)
			}
			if !strings.Contains(string(d.HTML), "<table") || !strings.Contains(string(d.HTML), "<strong>safer routes</strong>") {
				t.Errorf("rendered HTML lacks the table or the bold text:\n%s", d.HTML)
			}
		})
	}
}

func TestKindOf(t *testing.T) {
	for name, want := range map[string]Kind{"a.docx": DOCX, "B.DOCX": DOCX, "c.odt": ODT} {
		if k, err := KindOf(name); err != nil || k != want {
			t.Errorf("KindOf(%q) = %v, %v", name, k, err)
		}
	}
	for _, name := range []string{"a.doc", "a.pdf", "a", "a.docx.exe"} {
		if _, err := KindOf(name); err != ErrUnsupported {
			t.Errorf("KindOf(%q) = %v, want ErrUnsupported", name, err)
		}
	}
}
