package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pilcrow/app/testutil"
)

// TestImportWord imports the LibreOffice-made test documents: .odt as a
// draft, then .docx published, images kept; a file that is not a Word file
// is refused before a consultation is created.
func TestImportWord(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		url := testutil.DatabaseURL(t, engine)
		t.Setenv("PILCROW_DATABASE_URL", url)
		ctx := context.Background()
		fake := filepath.Join(t.TempDir(), "fake.docx")
		os.WriteFile(fake, []byte("plain text, not a zip"), 0o600)
		if err := run(ctx, []string{"import", "--slug", "word-plan", "--title", "Plan", "--file", fake}); err == nil || !strings.Contains(err.Error(), "not a zip") {
			t.Errorf("a fake .docx: err = %v", err)
		}
		st := openTestStore(t, url)
		if _, err := st.ConsultationBySlug(ctx, "word-plan"); err == nil {
			t.Fatal("a refused import created a consultation")
		}
		odt := "../../app/importdoc/testdata/constructs.odt"
		if err := run(ctx, []string{"import", "--slug", "word-plan", "--title", "Plan", "--file", odt}); err != nil {
			t.Fatal(err)
		}
		c, err := st.ConsultationBySlug(ctx, "word-plan")
		if err != nil {
			t.Fatal(err)
		}
		if d, _ := st.Draft(ctx, c.ID); !strings.Contains(d, "![Route map of the city centre](image1.png)") {
			t.Errorf("draft after importing the .odt:\n%s", d)
		}
		docx := "../../app/importdoc/testdata/constructs.docx"
		if err := run(ctx, []string{"import", "--slug", "word-plan", "--file", docx, "--publish"}); err != nil {
			t.Fatal(err)
		}
		c, _ = st.ConsultationBySlug(ctx, "word-plan")
		if c.CurrentVersionID == nil {
			t.Fatal("no version published")
		}
		v, _ := st.Version(ctx, *c.CurrentVersionID)
		if !strings.Contains(v.HTML, `<img class="pc-document-image" src="/images/`) || !strings.Contains(v.HTML, "<table") {
			t.Errorf("published HTML lacks the image or the table:\n%s", v.HTML)
		}
		imgs, _ := st.Images(ctx, c.ID)
		if len(imgs) != 1 || imgs[0].Name != "image1.png" {
			t.Errorf("images = %+v", imgs)
		}
	})
}
