package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// seedExport publishes a consultation with a few comments, one with a Welsh name.
func seedExport(t *testing.T, a *testutil.TestApp) {
	t.Helper()
	ctx := context.Background()
	st := a.App.Store
	c := &model.Consultation{Slug: "parks", Title: "Parciau", Moderation: model.PreModeration}
	if err := st.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := a.App.Consult.PublishVersion(ctx, c, "# Parks\n\nOpen the gates at dawn.\n", "", nil); err != nil {
		t.Fatal(err)
	}
	blocks, _ := st.Blocks(ctx, *c.CurrentVersionID)
	now := time.Now().UTC()
	u := model.User{Provider: "dev", Subject: "w", DisplayName: "Gwenllïan Ŷr", Role: model.RoleCitizen, CreatedAt: now, UpdatedAt: now}
	if err := st.DB.Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	for i, body := range []string{"=1+1", "Agreed, \"fully\"", "multi\nline"} {
		cm := model.Comment{ConsultationID: c.ID, VersionID: *c.CurrentVersionID, ParagraphKey: blocks[0].Key,
			UserID: u.ID, Body: body, RespondingAs: "individual", Publish: model.PublishName,
			Status: model.CommentApproved, SubmissionToken: fmt.Sprint(i), CreatedAt: now, UpdatedAt: now}
		if err := st.DB.Create(&cm).Error; err != nil {
			t.Fatal(err)
		}
	}
}

// TestExportCommandMatchesHTTP: the command writes byte for byte what the admin
// panel serves, to standard output or to a file.
func TestExportCommandMatchesHTTP(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		a := testutil.NewApp(t, engine, nil)
		seedExport(t, a)
		client := a.Client(t)
		client.SignIn("Ana Lyst", "analyst@example.org", "analyst")
		web := client.Get("/admin/consultations/parks/export.csv?status=approved").Expect(t, http.StatusOK).Body
		ctx := context.Background()
		var stdout bytes.Buffer
		if err := runExport(ctx, a.App.Config, testutil.TestLogger(), []string{"csv", "--slug", "parks", "--status", "approved"}, &stdout); err != nil {
			t.Fatal(err)
		}
		if stdout.String() != web {
			t.Errorf("command output differs from the download:\n%q\n%q", stdout.String(), web)
		}
		if !strings.Contains(web, "Gwenllïan Ŷr") || !strings.Contains(web, "'=1+1") {
			t.Errorf("export lacks the Welsh name or the neutralised formula: %q", web)
		}
		dir := t.TempDir()
		csvPath, pdfPath := filepath.Join(dir, "out.csv"), filepath.Join(dir, "out.pdf")
		if err := runExport(ctx, a.App.Config, testutil.TestLogger(), []string{"csv", "--slug", "parks", "--status", "approved", "-o", csvPath}, &stdout); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(csvPath); string(got) != web {
			t.Errorf("file output differs from the download")
		}
		if err := runExport(ctx, a.App.Config, testutil.TestLogger(), []string{"pdf", "--slug", "parks", "-o", pdfPath}, &stdout); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(pdfPath); !bytes.HasPrefix(got, []byte("%PDF-")) {
			t.Errorf("pdf file starts %.10q", got)
		}
		// Every export from the command line is in the audit log, with who ran it.
		es, err := a.App.Store.AuditEntries(ctx, store.AuditFilter{Action: consult.AuditExportCLI, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 3 || es[0].TargetID != "parks" || !strings.Contains(es[0].After, `"kind":"pdf"`) || !strings.Contains(es[0].After, `"by":"`) {
			t.Errorf("audit entries of the exports: %+v", es)
		}
	})
}

func TestExportCommandErrors(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", nil)
	cases := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no kind", nil, "usage"},
		{"bad kind", []string{"xls"}, "usage"},
		{"no slug", []string{"csv"}, "--slug is required"},
		{"pdf to stdout", []string{"pdf", "--slug", "parks"}, "-o FILE is required"},
		{"bad status", []string{"csv", "--slug", "parks", "--status", "lost"}, "bad --status"},
		{"bad date", []string{"csv", "--slug", "parks", "--from", "31/01/2026"}, "bad --status, --from or --to"},
		{"unknown consultation", []string{"csv", "--slug", "nowhere"}, "not found"},
		{"stray argument", []string{"csv", "--slug", "parks", "extra"}, "unexpected argument"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := runExport(context.Background(), a.App.Config, testutil.TestLogger(), tc.args, &out)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(oneLine(err), "\n") {
				t.Errorf("err = %v, want one line containing %q", err, tc.wantErr)
			}
		})
	}
}
