package export

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
)

// docxParts unzips a Word document into its parts.
func docxParts(t *testing.T, doc []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(b)
	}
	return parts
}

func TestWriteDOCX(t *testing.T) {
	r := sampleReport(3, 2)
	r.WholeDocument = []PublicComment{{Author: "Gwen", Body: "On the whole 🚌 中文 extra\u00adordinary",
		Replies: []PublicComment{{Body: "A reply"}}}}
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, r, nil); err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, buf.Bytes())
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/numbering.xml", "docProps/core.xml", "word/media/chart1.png", "word/media/chart2.png"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("no part %s", name)
		}
	}
	styles, doc := parts["word/styles.xml"], parts["word/document.xml"]
	for i, id := range []string{"Heading1", "Heading2", "Heading3"} {
		if !regexp.MustCompile(`w:styleId="` + id + `">.*?<w:outlineLvl w:val="` + string(rune('0'+i)) + `"/>`).MatchString(styles) {
			t.Errorf("styles.xml lacks %s with its outline level", id)
		}
	}
	if !strings.Contains(styles, `<w:lang w:val="en-GB"`) {
		t.Errorf("no document language")
	}
	if n := strings.Count(doc, `<w:pStyle w:val="Heading1"/>`); n != 1 {
		t.Errorf("%d Heading1 paragraphs, want the one title", n)
	}
	if strings.Count(doc, `<w:pStyle w:val="Heading2"/>`) < 6 || !strings.Contains(doc, `<w:pStyle w:val="Heading3"/>`) {
		t.Errorf("too few Heading2 or no Heading3")
	}
	if tables, headers := strings.Count(doc, "<w:tbl>"), strings.Count(doc, "<w:tblHeader/>"); tables < 2 || tables != headers {
		t.Errorf("%d tables, %d header rows", tables, headers)
	}
	alts := regexp.MustCompile(`<wp:docPr id="\d+" name="[^"]*" descr="([^"]+)"/>`).FindAllStringSubmatch(doc, -1)
	if len(alts) != 2 || !strings.Contains(alts[0][1], "Bar chart of the comments submitted each day") {
		t.Errorf("chart alternative texts: %q", alts)
	}
	if !strings.Contains(doc, `<w:numId w:val="1"/>`) {
		t.Errorf("the campaign variations are not a numbered list")
	}
	if !strings.Contains(doc, "extra</w:t><w:softHyphen/>") || strings.ContainsRune(doc, '\ufffd') || !strings.Contains(doc, "🚌 中文") {
		t.Errorf("soft hyphen, emoji or CJK text mangled")
	}
	if !strings.Contains(doc, `<w:ind w:left="400"/>`) {
		t.Errorf("the reply is not indented under its parent")
	}
	if !strings.Contains(parts["docProps/core.xml"], "<dc:title>Bus routes in Gwynedd — “have your say”</dc:title>") {
		t.Errorf("core properties: %s", parts["docProps/core.xml"])
	}
}
