package importdoc

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// zipOf builds a zip from name → content pairs.
func zipOf(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, body := range parts {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lyingBomb is a zip whose one part claims 100 bytes but inflates to n
// zero bytes. archive/zip refuses to read past the declared size, so this
// is refused as damaged; the limited reader is a second guard behind it.
func lyingBomb(t *testing.T, name string, n int) []byte {
	t.Helper()
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for i := 0; i < n/len(zeros); i++ {
		fw.Write(zeros)
		crc.Write(zeros)
	}
	fw.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, err := w.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: 100})
	if err != nil {
		t.Fatal(err)
	}
	f.Write(raw.Bytes())
	w.Close()
	return buf.Bytes()
}

// honestBomb declares an uncompressed size of n bytes in its directory:
// refused from the directory alone, before anything is inflated (so the
// test need not compress n bytes to make it).
func honestBomb(t *testing.T, n int) []byte {
	t.Helper()
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	fw.Write(make([]byte, 1<<10))
	fw.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, err := w.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: uint64(n)})
	if err != nil {
		t.Fatal(err)
	}
	f.Write(raw.Bytes())
	w.Close()
	return buf.Bytes()
}

func manyEntries(t *testing.T, n int) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := 0; i < n; i++ {
		w.Create("word/media/x" + itoa(i) + ".png")
	}
	w.Close()
	return buf.Bytes()
}

const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`

const external = `<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`

const undeclared = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`

func TestHostileFilesRefused(t *testing.T) {
	cases := []struct {
		name string
		kind Kind
		data []byte
		want error
	}{
		{"not a zip", DOCX, []byte("%PDF-1.7\nthis is not a zip at all"), ErrNotZip},
		{"empty", DOCX, nil, ErrNotZip},
		{"zip magic then garbage", DOCX, []byte("PK\x03\x04garbage garbage garbage"), ErrNotZip},
		{"lying zip bomb", DOCX, lyingBomb(t, "word/document.xml", 16<<20), ErrMalformed},
		{"lying zip bomb in odt", ODT, lyingBomb(t, "content.xml", 16<<20), ErrMalformed},
		{"part over the part limit", DOCX, honestBomb(t, 20<<20), ErrZipBomb},
		{"honest zip bomb", DOCX, honestBomb(t, 120<<20), ErrZipBomb},
		{"ten thousand entries", DOCX, manyEntries(t, 10000), ErrZipBomb},
		{"entity expansion", DOCX, zipOf(t, map[string]string{"word/document.xml": laughs}), ErrDoctype},
		{"external entity", DOCX, zipOf(t, map[string]string{"word/document.xml": external}), ErrDoctype},
		{"undeclared entity", DOCX, zipOf(t, map[string]string{"word/document.xml": undeclared}), ErrMalformed},
		{"entity in odt styles", ODT, zipOf(t, map[string]string{"content.xml": "<a/>", "styles.xml": laughs}), ErrDoctype},
		{"no document part", DOCX, zipOf(t, map[string]string{"hello.txt": "hi"}), ErrMalformed},
		{"an odt given as docx", DOCX, zipOf(t, map[string]string{"content.xml": "<a/>"}), ErrMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := Convert(bytes.NewReader(c.data), int64(len(c.data)), c.kind, Options{})
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if elapsed > 3*time.Second {
				t.Errorf("took %v to refuse", elapsed)
			}
			// The limit on one part is 16 MB: reading stops there.
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 80<<20 {
				t.Errorf("allocated %d MB to refuse", grew>>20)
			}
		})
	}
}

// TestLargeFileRefusedUnread gives a 50 MB file: refused by its size alone.
func TestLargeFileRefusedUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.docx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Convert(f, 50<<20, DOCX, Options{})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if time.Since(start) > time.Second {
		t.Errorf("took %v", time.Since(start))
	}
	if !strings.Contains(err.Error(), "too large") {
		t.Errorf("error %q does not say why", err)
	}
}
