package consult_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/need"
)

// TestWelshPDFReport makes the summary report in Welsh: its labels come from the
// Welsh catalogue, its title is the Welsh one and its /Lang is cy-GB.
func TestWelshPDFReport(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		need.Unavailable(t, "pdftotext", "install poppler-utils")
	}
	a := testutil.NewApp(t, "sqlite", nil)
	f := testutil.NewModerationFixture(t, a.Store, a.Consult, "adroddiad", model.PostModeration)
	ctx := context.Background()
	f.Consultation.TitleCy = "Cynllun beicio’r dref"
	if err := a.Store.SaveConsultation(ctx, f.Consultation); err != nil {
		t.Fatal(err)
	}
	f.Comment(f.User("Ŵyn", "wyn@example.test", model.RoleCitizen), "Syniad da.")
	var buf bytes.Buffer
	if err := a.Reports.WritePDFIn(ctx, f.Consultation, "cy", &buf, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"Cynllun beicio’r dref", "Crynodeb o’r ymatebion", "Ffigurau allweddol", "Sylwadau fesul paragraff"} {
		if !strings.Contains(text, want) {
			t.Errorf("Welsh report lacks %q", want)
		}
	}
	for _, english := range []string{"Summary of responses", "Key figures", "Comments by paragraph"} {
		if strings.Contains(text, english) {
			t.Errorf("Welsh report still says %q", english)
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte("cy-GB")) {
		t.Error("no /Lang cy-GB in the Welsh report")
	}
}
