package consult

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// attachmentKind is a type of supporting document Pilcrow accepts.
type attachmentKind struct {
	kind, contentType string
	// matches checks the content, so a renamed file of another type is refused.
	matches func([]byte) bool
}

// attachmentKinds maps each accepted extension to its type.
var attachmentKinds = map[string]attachmentKind{
	".pdf":  {"pdf", "application/pdf", isPDF},
	".docx": {"word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zipWith("word/document.xml")},
	".doc":  {"word", "application/msword", isOLE},
	".odt":  {"odt", "application/vnd.oasis.opendocument.text", odfOf("application/vnd.oasis.opendocument.text")},
	".xlsx": {"spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zipWith("xl/workbook.xml")},
	".xls":  {"spreadsheet", "application/vnd.ms-excel", isOLE},
	".ods":  {"ods", "application/vnd.oasis.opendocument.spreadsheet", odfOf("application/vnd.oasis.opendocument.spreadsheet")},
	".csv":  {"csv", "text/csv; charset=utf-8", isText},
}

// kindOf tells a file's type from its name and checks its content agrees.
func kindOf(name string, data []byte) (attachmentKind, bool) {
	k, ok := attachmentKinds[strings.ToLower(filepath.Ext(name))]
	if !ok || !k.matches(data) {
		return attachmentKind{}, false
	}
	return k, true
}

func isPDF(b []byte) bool { return bytes.HasPrefix(b, []byte("%PDF-")) }

// isOLE recognises the compound file that Word 97–2003 and Excel 97–2003 write.
func isOLE(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// isText accepts UTF-8 text with no control characters but tab and line ends,
// as a CSV file is (the byte-order mark Excel writes included).
func isText(b []byte) bool {
	if len(b) == 0 || !utf8.Valid(b) {
		return false
	}
	return !bytes.ContainsFunc(b, func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f
	})
}

// zipWith accepts a zip that holds the named part (an Office Open XML file).
func zipWith(part string) func([]byte) bool {
	return func(b []byte) bool {
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return false
		}
		for _, f := range z.File {
			if f.Name == part {
				return true
			}
		}
		return false
	}
}

// odfOf accepts an OpenDocument file whose mimetype part names this type.
func odfOf(mime string) func([]byte) bool {
	return func(b []byte) bool {
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return false
		}
		for _, f := range z.File {
			if f.Name != "mimetype" {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return false
			}
			got, _ := io.ReadAll(io.LimitReader(rc, 100))
			rc.Close()
			return strings.TrimSpace(string(got)) == mime
		}
		return false
	}
}

var (
	pdfPage  = regexp.MustCompile(`/Type\s*/Page[^s]`)
	pdfCount = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)
)

// pdfPages is a PDF's page count where it is cheaply known: from the page
// tree's /Count when it is not in a compressed object stream, else from the
// page objects. 0 means unknown.
func pdfPages(b []byte) int {
	best := 0
	for _, m := range pdfCount.FindAllSubmatch(b, -1) {
		for _, g := range m[1:] {
			if n, err := strconv.Atoi(string(g)); err == nil && n > best {
				best = n
			}
		}
	}
	if best > 0 {
		return best
	}
	return len(pdfPage.FindAllIndex(b, -1))
}
