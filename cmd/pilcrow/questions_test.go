package main

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pilcrow/app/consult"
	"pilcrow/app/demo"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestImportRefusesMalformedQuestion: the import names the bad line, for a
// draft as for a publication, and stores nothing.
func TestImportRefusesMalformedQuestion(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		dbURL := testutil.DatabaseURL(t, engine)
		t.Setenv("PILCROW_DATABASE_URL", dbURL)
		file := filepath.Join(t.TempDir(), "doc.md")
		if err := os.WriteFile(file, []byte("# Plan\n\nText.\n\n```question\nAgree?\n- Yes\n- No\ntype: sometimes\n```\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, extra := range [][]string{nil, {"--publish"}} {
			err := run(context.Background(), append([]string{"import", "--slug", "qs", "--title", "Q", "--file", file}, extra...))
			if err == nil || !strings.Contains(err.Error(), "Line 9") {
				t.Errorf("import %v: %v", extra, err)
			}
		}
		st := openTestStore(t, dbURL)
		if _, err := st.ConsultationBySlug(context.Background(), "qs"); err == nil {
			t.Error("the refused import created a consultation")
		}
	})
}

// TestExportAnswersMatchesHTTP: `pilcrow export answers` writes what the admin panel serves.
func TestExportAnswersMatchesHTTP(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "asks",
			Markdown: "Intro.\n\n```question\nAgree?\n- Yes\n- No\n```\n"})
		var key string
		for _, b := range f.Blocks {
			if b.Kind == "question" {
				key = b.Key
			}
		}
		cl := a.Client(t)
		cl.SignIn("Ann", "ann@example.org", "citizen")
		cl.Get("/consultations/asks")
		cl.PostForm("/consultations/asks/answers", url.Values{"question": {key}, "choice": {"Yes"}, "text": {"+1"},
			"responding_as": {"individual"}, "publish": {"no"}}).Expect(t, http.StatusSeeOther)
		analyst := a.Client(t)
		analyst.SignIn("Ana Lyst", "analyst@example.org", "analyst")
		web := analyst.Get("/admin/consultations/asks/answers.csv").Expect(t, http.StatusOK).Body
		var stdout bytes.Buffer
		if err := runExport(context.Background(), a.App.Config, testutil.TestLogger(), []string{"answers", "--slug", "asks"}, &stdout); err != nil {
			t.Fatal(err)
		}
		if stdout.String() != web || !strings.Contains(web, "Yes,'+1") {
			t.Errorf("command wrote\n%q\nthe panel served\n%q", stdout.String(), web)
		}
		out := filepath.Join(t.TempDir(), "answers.csv")
		if err := runExport(context.Background(), a.App.Config, testutil.TestLogger(), []string{"answers", "--slug", "asks", "-o", out}, &stdout); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(out); string(b) != web {
			t.Error("file differs from the panel's export")
		}
		if err := runExport(context.Background(), a.App.Config, testutil.TestLogger(), []string{"answers"}, &stdout); err == nil {
			t.Error("no --slug accepted")
		}
	})
}

// TestDemoAsksThreeQuestions: the demo document has one question of each type,
// with answers, and the scripted comments stay on the prose they were written for.
func TestDemoAsksThreeQuestions(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		dbURL := testutil.DatabaseURL(t, engine)
		t.Setenv("PILCROW_DATABASE_URL", dbURL)
		ctx := context.Background()
		if err := run(ctx, []string{"seed", "demo"}); err != nil {
			t.Fatal(err)
		}
		st := openTestStore(t, dbURL)
		c, err := st.ConsultationBySlug(ctx, demo.Slug)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := st.Version(ctx, *c.CurrentVersionID)
		qs := consult.Questions(v)
		if len(qs) != 3 || qs[0].Type != "one" || qs[1].Type != "many" || qs[2].Type != "text" {
			t.Fatalf("demo questions %+v", qs)
		}
		var answers, respondents, misplaced int64
		st.DB.Model(&model.Answer{}).Where("consultation_id = ?", c.ID).Count(&answers)
		st.DB.Model(&model.Respondent{}).Where("consultation_id = ?", c.ID).Count(&respondents)
		st.DB.Table("comments").Where("consultation_id = ? AND paragraph_key IN ? AND id NOT IN (SELECT comment_id FROM answers WHERE comment_id IS NOT NULL)",
			c.ID, []string{qs[0].Key, qs[1].Key, qs[2].Key}).Count(&misplaced)
		if answers < 20 || respondents < 9 || misplaced != 0 {
			t.Errorf("%d answers, %d respondents, %d scripted comments on questions", answers, respondents, misplaced)
		}
		var first model.Comment
		st.DB.Where("consultation_id = ? AND submission_token = ?", c.ID, "demo-1").Take(&first)
		if b, err := st.Block(ctx, v.ID, first.ParagraphKey); err != nil || b.Kind == "question" {
			t.Errorf("first scripted comment is on %+v", b)
		}
	})
}
