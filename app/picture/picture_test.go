package picture

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"testing"
)

// withEXIF puts an APP1 Exif segment carrying a GPS tag name right after
// a JPEG's start-of-image marker, as a phone camera would.
func withEXIF(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 8))
	for x := 0; x < 16; x++ {
		img.Set(x, 3, color.RGBA{200, 10, 10, 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	payload := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08GPSLatitude 51.4816N GPSLongitude 3.1791W")
	seg := append([]byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}, payload...)
	b := buf.Bytes()
	return append(append(append([]byte{}, b[:2]...), seg...), b[2:]...)
}

// segments lists the JPEG marker segments before the image data.
func segments(b []byte) []byte {
	var out []byte
	for i := 2; i+4 <= len(b) && b[i] == 0xFF; {
		m := b[i+1]
		out = append(out, m)
		if m == 0xDA {
			break
		}
		i += 2 + int(b[i+2])<<8 + int(b[i+3])
	}
	return out
}

func TestCleanStripsEXIF(t *testing.T) {
	in := withEXIF(t)
	if !bytes.Contains(in, []byte("GPSLatitude")) || !bytes.Contains(segments(in), []byte{0xE1}) {
		t.Fatal("the fixture lacks its EXIF segment")
	}
	if _, err := jpeg.Decode(bytes.NewReader(in)); err != nil {
		t.Fatalf("the fixture is not a valid JPEG: %v", err)
	}
	p, err := Clean(in)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(p.Data, []byte("Exif")) || bytes.Contains(p.Data, []byte("GPS")) || bytes.Contains(segments(p.Data), []byte{0xE1}) {
		t.Errorf("the cleaned JPEG still carries EXIF: segments %x", segments(p.Data))
	}
	img, err := jpeg.Decode(bytes.NewReader(p.Data))
	if err != nil || img.Bounds().Dx() != 16 || p.Width != 16 || p.Height != 8 || p.ContentType != "image/jpeg" {
		t.Errorf("cleaned = %s %dx%d, %v", p.ContentType, p.Width, p.Height, err)
	}
}

func TestCleanFormats(t *testing.T) {
	pngData, _ := os.ReadFile("testdata/map.png")
	webpData, _ := os.ReadFile("testdata/map.webp")
	for name, in := range map[string][]byte{"png": pngData, "webp": webpData} {
		p, err := Clean(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := png.Decode(bytes.NewReader(p.Data))
		if err != nil || p.ContentType != "image/png" || p.Ext != ".png" || img.Bounds().Dx() != 40 || p.Height != 30 {
			t.Errorf("%s: got %s %s %dx%d, %v", name, p.ContentType, p.Ext, p.Width, p.Height, err)
		}
	}
}

func TestCleanRefuses(t *testing.T) {
	pngData, _ := os.ReadFile("testdata/map.png")
	// A header claiming 100000 × 100000 pixels, with nothing behind it.
	huge := append([]byte{}, pngData[:33]...)
	huge[16], huge[17], huge[18], huge[19] = 0, 1, 0x86, 0xA0
	huge[20], huge[21], huge[22], huge[23] = 0, 1, 0x86, 0xA0
	binary.BigEndian.PutUint32(huge[29:33], crc32.ChecksumIEEE(huge[12:29]))
	cases := map[string]struct {
		in   []byte
		want error
	}{
		"truncated PNG":            {pngData[:len(pngData)-30], ErrDamaged},
		"SVG":                      {[]byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ErrFormat},
		"SVG with XML declaration": {[]byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), ErrFormat},
		"GIF":                      {[]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), ErrFormat},
		"HTML":                     {[]byte("<html><body>hi</body></html>"), ErrFormat},
		"empty":                    {nil, ErrFormat},
		"over 10 MB":               {make([]byte, MaxBytes+1), ErrTooLarge},
		"vast canvas":              {huge, ErrTooLarge},
	}
	for name, c := range cases {
		if _, err := Clean(c.in); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
}
