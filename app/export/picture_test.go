package export

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"pilcrow/app/testutil/need"
)

// picturesReport is a report whose first paragraph shows a PNG and a JPEG.
func picturesReport(t *testing.T) Report {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	for x := range 320 {
		for y := range 200 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var p, j bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	r := sampleReport(2, 1)
	r.Paragraphs[0].Images = []Picture{
		{Alt: "Route map of the 12 bus", ContentType: "image/png", Data: p.Bytes()},
		{Alt: "Photo of the Ŵyn stop", ContentType: "image/jpeg", Data: j.Bytes()},
	}
	return r
}

// pdfAlt is how pdftag writes an alternative text: UTF-16 in hex.
func pdfAlt(s string) string {
	var b strings.Builder
	b.WriteString("/Alt <FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String() + ">"
}

func TestPicturesInPDF(t *testing.T) {
	r := picturesReport(t)
	var buf bytes.Buffer
	if err := WritePDF(&buf, r, nil); err != nil {
		t.Fatal(err)
	}
	for _, pic := range r.Paragraphs[0].Images {
		if !bytes.Contains(buf.Bytes(), []byte(pdfAlt(pic.Alt))) {
			t.Errorf("no Figure with the alternative text %q", pic.Alt)
		}
	}
	// fpdf writes each image as an XObject with its size in plain text.
	xobjects := regexp.MustCompile(`/Subtype /Image\s*/Width 320\s*/Height 200`).FindAll(buf.Bytes(), -1)
	if len(xobjects) != 2 || !bytes.Contains(buf.Bytes(), []byte("/DCTDecode")) {
		t.Errorf("found %d 320×200 image XObjects (JPEG among them: %v), want 2",
			len(xobjects), bytes.Contains(buf.Bytes(), []byte("/DCTDecode")))
	}
	bin, err := exec.LookPath("pdfimages")
	if err != nil {
		need.Unavailable(t, "pdftotext", "pdfimages missing: install poppler-utils")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-list", path).Output()
	if err != nil {
		t.Fatalf("pdfimages: %v", err)
	}
	var sizes []string
	for _, line := range strings.Split(string(out), "\n")[2:] {
		if f := strings.Fields(line); len(f) > 4 && f[2] == "image" {
			sizes = append(sizes, f[3]+"x"+f[4]+" "+f[8])
		}
	}
	if len(sizes) != 2 || !strings.HasPrefix(sizes[0], "320x200") || sizes[1] != "320x200 jpeg" {
		t.Errorf("images in the PDF: %q, want a 320×200 PNG and JPEG\n%s", sizes, out)
	}
}

func TestPicturesInDOCX(t *testing.T) {
	r := picturesReport(t)
	r.Paragraphs[1].Images = r.Paragraphs[0].Images[:1] // shown twice, stored once
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, r, nil); err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, buf.Bytes())
	var media []string
	for name, data := range parts {
		if strings.HasPrefix(name, "word/media/image") {
			media = append(media, name)
			if strings.HasSuffix(name, ".png") && data != string(r.Paragraphs[0].Images[0].Data) {
				t.Errorf("%s is not the PNG given", name)
			}
		}
	}
	if len(media) != 2 {
		t.Fatalf("pictures in word/media: %q, want two", media)
	}
	if n := strings.Count(parts["word/document.xml"], `descr="Route map of the 12 bus"`); n != 4 { // docPr and cNvPr, twice
		t.Errorf("the picture shown twice has %d descriptions, want 4", n)
	}
	ids := regexp.MustCompile(`<wp:docPr id="(\d+)"`).FindAllStringSubmatch(parts["word/document.xml"], -1)
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id[1]] {
			t.Errorf("drawing id %s used twice", id[1])
		}
		seen[id[1]] = true
	}
	doc, rels := parts["word/document.xml"], parts["word/_rels/document.xml.rels"]
	for _, want := range []string{`descr="Route map of the 12 bus"`, `descr="Photo of the Ŵyn stop"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	for _, name := range media {
		if !strings.Contains(rels, `Target="media/`+strings.TrimPrefix(name, "word/media/")+`"`) {
			t.Errorf("no relationship to %s", name)
		}
	}
	if !strings.Contains(parts["[Content_Types].xml"], `Extension="jpg" ContentType="image/jpeg"`) {
		t.Error("no content type for .jpg")
	}
}
