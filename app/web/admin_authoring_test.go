package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"pilcrow/app/testutil"
)

// upload posts a multipart form with fields and files (field → name, content).
func upload(c *testutil.Client, path string, fields map[string]string, files map[string][2]string) *testutil.Response {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", c.CSRF())
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	for field, f := range files {
		fw, _ := w.CreateFormFile(field, f[0])
		fw.Write([]byte(f[1]))
	}
	_ = w.Close()
	return c.Do(http.MethodPost, path, &body, w.FormDataContentType())
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func jpegWithEXIF(t *testing.T) string {
	img := image.NewRGBA(image.Rect(0, 0, 20, 10))
	img.Set(3, 3, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	exif := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08GPSLatitude 51.48N")
	b := buf.Bytes()
	seg := append([]byte{0xFF, 0xE1, 0, byte(len(exif) + 2)}, exif...)
	return string(b[:2]) + string(seg) + string(b[2:])
}

func TestWordImportAndImages(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
		c := a.Client(t)
		c.SignIn("Ada Admin", "ada@example.test", "admin")
		editor := "/admin/consultations/" + f.Slug + "/versions/new"
		c.Get(editor).Expect(t, http.StatusOK)

		// Refusals say what is wrong, beside the file field.
		for name, content := range map[string]string{"report.pdf": "%PDF-1.7", "fake.docx": "not a zip", "empty.docx": ""} {
			r := upload(c, "/admin/consultations/"+f.Slug+"/document/import", nil, map[string][2]string{"document": {name, content}})
			r.Expect(t, http.StatusUnprocessableEntity)
			if r.Doc.Find("#document-error").Length() != 1 {
				t.Errorf("%s: no error beside the file field", name)
			}
		}

		r := upload(c, "/admin/consultations/"+f.Slug+"/document/import", nil,
			map[string][2]string{"document": {"plan.docx", readFile(t, "../importdoc/testdata/constructs.docx")}})
		r.Expect(t, http.StatusOK)
		md := r.Doc.Find("#markdown").Text()
		if !strings.HasPrefix(md, "# Cycling and walking plan") || !strings.Contains(md, "![Route map of the city centre](image1.png)") {
			t.Fatalf("editor text after import:\n%s", md)
		}
		if n := r.Doc.Find("#import-losses li").Length(); n != 4 {
			t.Errorf("%d losses listed, want 4 (tracked change, comment, text box, shape)", n)
		}
		if !strings.Contains(r.Doc.Find("#images").Text(), "image1.png") {
			t.Error("the imported image is not listed")
		}
		// The import is the draft: nothing is lost when the session ends.
		if got := c.Get(editor).Doc.Find("#markdown").Text(); got != md {
			t.Error("the imported text was not kept as the draft")
		}

		// An uploaded image needs alternative text; a damaged one is refused.
		pngData := readFile(t, "../importdoc/testdata/map.png")
		r = upload(c, editor, map[string]string{"markdown": md, "action": "image"}, map[string][2]string{"image": {"photo.jpg", jpegWithEXIF(t)}})
		r.Expect(t, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Doc.Find("#alt-error").Text(), "Enter alternative text") {
			t.Error("no alt-text error")
		}
		r = upload(c, editor, map[string]string{"markdown": md, "action": "image", "alt": "Broken"}, map[string][2]string{"image": {"cut.png", pngData[:60]}})
		r.Expect(t, http.StatusUnprocessableEntity)
		if r.Doc.Find("#image-error").Length() != 1 {
			t.Error("a truncated PNG was not refused")
		}
		r = upload(c, editor, map[string]string{"markdown": md, "action": "image"}, map[string][2]string{"image": {"x.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`}})
		r.Expect(t, http.StatusUnprocessableEntity)
		md += "\n\n![Cyclists on the new lane](Photo.JPG)"
		r = upload(c, editor, map[string]string{"markdown": md, "action": "image", "alt": "Cyclists"}, map[string][2]string{"image": {"Photo.JPG", jpegWithEXIF(t)}})
		r.Expect(t, http.StatusOK)
		if !strings.Contains(r.Doc.Find("#images").Text(), "photo.jpg") {
			t.Error("the uploaded image is not listed")
		}

		// Preview shows the images; publishing fixes their addresses.
		r = upload(c, editor, map[string]string{"markdown": md, "action": "preview"}, nil)
		r.Expect(t, http.StatusOK)
		if r.Doc.Find(".pc-preview img.pc-document-image").Length() != 2 {
			t.Errorf("preview shows %d images, want 2", r.Doc.Find(".pc-preview img").Length())
		}
		missing := upload(c, editor, map[string]string{"markdown": md + "\n\n![Nothing](nowhere.png)", "change_note": "x", "action": "publish"}, nil)
		missing.Expect(t, http.StatusUnprocessableEntity)
		upload(c, editor, map[string]string{"markdown": md, "change_note": "From Word", "action": "publish"}, nil).Expect(t, http.StatusSeeOther)

		page := a.Client(t).Get("/consultations/"+f.Slug).Expect(t, http.StatusOK)
		imgs := page.Doc.Find("img.pc-document-image")
		if imgs.Length() != 2 {
			t.Fatalf("the document page shows %d images, want 2", imgs.Length())
		}
		src, _ := imgs.First().Attr("src")
		alt, _ := imgs.First().Attr("alt")
		if !strings.HasPrefix(src, "/images/") || alt != "Route map of the city centre" {
			t.Errorf("img src=%q alt=%q", src, alt)
		}
		if page.Doc.Find(`a[href*="image1.png"]`).Length() > 0 {
			t.Error("the image is still a link")
		}
		img := a.Client(t).Get(src).Expect(t, http.StatusOK)
		h := img.Header
		if h.Get("Content-Type") != "image/png" || h.Get("Cache-Control") != "public, max-age=31536000, immutable" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("image headers: %v", h)
		}
		if _, err := png.Decode(strings.NewReader(img.Body)); err != nil {
			t.Errorf("the served image is not a PNG: %v", err)
		}
		jsrc, _ := imgs.Last().Attr("src")
		jpg := a.Client(t).Get(jsrc).Expect(t, http.StatusOK)
		if strings.Contains(jpg.Body, "Exif") || strings.Contains(jpg.Body, "GPS") {
			t.Error("the served JPEG still carries EXIF")
		}
		if _, err := jpeg.Decode(strings.NewReader(jpg.Body)); err != nil {
			t.Errorf("the served image is not a JPEG: %v", err)
		}
		a.Client(t).Get("/images/"+strings.Repeat("0", 64)+".png").Expect(t, http.StatusNotFound)
		a.Client(t).Get("/images/../etc.png").Expect(t, http.StatusNotFound)
	})
}
