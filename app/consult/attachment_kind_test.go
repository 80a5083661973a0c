package consult

import (
	"os"
	"testing"
)

func TestAttachmentKind(t *testing.T) {
	docx, _ := os.ReadFile("../importdoc/testdata/constructs.docx")
	odt, _ := os.ReadFile("../importdoc/testdata/constructs.odt")
	cases := []struct {
		name string
		data []byte
		want string // "" for refused
	}{
		{"a.docx", docx, "word"},
		{"a.odt", odt, "odt"},
		{"a.DOCX", docx, "word"},
		{"odt-renamed.docx", odt, ""},
		{"docx-renamed.odt", docx, ""},
		{"docx-renamed.xlsx", docx, ""},
		{"docx-renamed.ods", docx, ""},
		{"a.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Pages /Kids [] /Count 12 >> endobj"), "pdf"},
		{"a.pdf", []byte("<html>"), ""},
		{"a.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), "word"},
		{"a.csv", []byte("a,b\n1,2\n"), "csv"},
		{"a.csv", []byte("\x89PNG\r\n\x1a\n"), ""},
		{"a.svg", []byte("<svg/>"), ""},
		{"a", docx, ""},
	}
	for _, c := range cases {
		k, ok := kindOf(c.name, c.data)
		if ok != (c.want != "") || k.kind != c.want {
			t.Errorf("kindOf(%q) = %q, %v; want %q", c.name, k.kind, ok, c.want)
		}
	}
	if n := pdfPages([]byte("<< /Type /Pages /Kids [3 0 R] /Count 12 >>")); n != 12 {
		t.Errorf("pdfPages = %d, want 12", n)
	}
	if n := pdfPages([]byte("<< /Type /Page >> << /Type /Page /Parent 1 0 R >>")); n != 2 {
		t.Errorf("pdfPages from page objects = %d, want 2", n)
	}
	if n := pdfPages([]byte("%PDF-1.7 compressed")); n != 0 {
		t.Errorf("pdfPages of an unknown count = %d, want 0", n)
	}
}
