package consult_test

import (
	"archive/zip"
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/export"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestReportCarriesImages: an uploaded image that a commented paragraph shows
// reaches the report with its alternative text, and from there the PDF (an
// image XObject in a Figure with /Alt) and the Word document (word/media and
// a picture with descr).
func TestReportCarriesImages(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		now := time.Now().UTC()
		svc, _ := newService(t, engine, now)
		opens, closes := now.Add(-time.Hour), now.Add(24*time.Hour)
		c := &model.Consultation{Slug: "pictures", Title: "Pictures", Moderation: model.PostModeration, OpensAt: &opens, ClosesAt: &closes}
		if err := svc.Store.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		img := image.NewRGBA(image.Rect(0, 0, 64, 40))
		for x := range 64 {
			img.Set(x, x%40, color.RGBA{200, 30, 30, 255})
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.UploadImage(ctx, c.Slug, "map.png", "Stored alt", buf.Bytes(), nil); err != nil {
			t.Fatal(err)
		}
		v, err := svc.PublishVersion(ctx, c, "# Plan\n\nThe route:\n\n![Route map of the 12 bus](map.png)\n\nAn uncommented paragraph.\n", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		blocks, err := svc.Store.Blocks(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		key := ""
		for _, b := range blocks {
			if strings.Contains(b.HTML, "pc-document-image") {
				key = b.Key
			}
		}
		u, err := svc.Store.UpsertUser(ctx, store.Identity{Provider: "dev", Subject: "p@example.org", Email: "p@example.org", Name: "Pat", EmailVerified: true})
		if err != nil {
			t.Fatal(err)
		}
		c, _ = svc.Store.ConsultationBySlug(ctx, c.Slug)
		if _, _, err := svc.SubmitComment(ctx, u, "192.0.2.1", c.Slug, consult.CommentInput{ParagraphKey: key, Body: "The map is clear.",
			RespondingAs: "individual", Publish: "name", Stance: "agree", SubmissionToken: "tok-pictures-1"}); err != nil {
			t.Fatal(err)
		}

		r, err := newReports(svc.Store).Report(ctx, c, model.English)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Paragraphs) != 1 || len(r.Paragraphs[0].Images) != 1 {
			t.Fatalf("paragraphs %+v: want the image's paragraph with its image", r.Paragraphs)
		}
		pic := r.Paragraphs[0].Images[0]
		if pic.Alt != "Route map of the 12 bus" || pic.ContentType != "image/png" || len(pic.Data) == 0 {
			t.Errorf("picture %q %s, %d bytes", pic.Alt, pic.ContentType, len(pic.Data))
		}

		var pdf bytes.Buffer
		if err := export.WritePDF(&pdf, r, nil); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(pdf.Bytes(), []byte("/Subtype /Image")) || !bytes.Contains(pdf.Bytes(), []byte("/S /Figure")) {
			t.Error("the PDF holds no image in a Figure")
		}
		var doc bytes.Buffer
		if err := export.WriteDOCX(&doc, r, nil); err != nil {
			t.Fatal(err)
		}
		z, err := zip.NewReader(bytes.NewReader(doc.Bytes()), int64(doc.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var media, body string
		for _, f := range z.File {
			if strings.HasPrefix(f.Name, "word/media/image") {
				media = f.Name
			}
			if f.Name == "word/document.xml" {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				body = string(b)
			}
		}
		if media == "" || !strings.Contains(body, `descr="Route map of the 12 bus"`) {
			t.Errorf("Word document: media %q, descr present %v", media, strings.Contains(body, `descr="Route map of the 12 bus"`))
		}
	})
}
