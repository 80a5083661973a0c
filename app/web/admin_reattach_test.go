package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// rewrittenDocument rewrites the fixture's first paragraph past the point where
// its key survives, keeps the others, and adds an unrelated one.
const rewrittenDocument = "# Cycling plan\n\nFrom 2028 the council will build segregated cycle lanes along every main road, starting with the A34.\n\n" +
	"Speed limits near schools will fall to 20mph.\n\nParking on pavements will be banned.\n\nBus fares will be frozen for a year.\n"

// TestReattachComments publishes a version that rewrites a commented paragraph:
// the admin is told at publication, the likely successor is suggested, and
// re-attaching moves the comments there, each still showing the wording its
// author read, with an audit entry; the CSV keeps that wording too.
func TestReattachComments(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		ctx := context.Background()
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "rewrite", model.PostModeration)
		ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
		old := f.Paragraph(0)
		cm := f.Comment(ann, "Protected lanes would get my children cycling.", func(c *model.Comment) { c.Status = model.CommentApproved })
		if _, err := a.Consult.PublishVersion(ctx, f.Consultation, rewrittenDocument, "Rewrote the lanes paragraph", nil); err != nil {
			t.Fatal(err)
		}
		con, _ := a.Store.ConsultationBySlug(ctx, "rewrite")
		blocks, _ := a.Store.Blocks(ctx, *con.CurrentVersionID)
		var successor model.Block
		for _, b := range blocks {
			if strings.HasPrefix(b.Text, "From 2028") {
				successor = b
			}
			if b.Key == old.Key {
				t.Fatal("the rewritten paragraph kept its key: the test proves nothing")
			}
		}
		admin := modClient(t, a, "Root", "admin")
		home := admin.Get("/admin/consultations/rewrite").Expect(t, http.StatusOK)
		if href, _ := home.Doc.Find("#reattach-notice a").Attr("href"); href != "/admin/consultations/rewrite/reattach" {
			t.Fatalf("no notice of comments to re-attach: %q", href)
		}
		r := admin.Get("/admin/consultations/rewrite/reattach").Expect(t, http.StatusOK)
		item := r.Doc.Find(`[data-orphan="` + old.Key + `"]`)
		if got, _ := item.Find("[data-suggested]").Attr("data-suggested"); got != strconv.Itoa(successor.Number) {
			t.Fatalf("suggested paragraph %q, want %d", got, successor.Number)
		}
		bad := admin.PostForm("/admin/consultations/rewrite/reattach", url.Values{"from": {old.Key}, "to": {"99"}}).Expect(t, http.StatusUnprocessableEntity)
		if href, _ := bad.Doc.Find(".govuk-error-summary a").Attr("href"); href != "#to-"+old.Key {
			t.Errorf("error links to %q", href)
		}
		done := admin.PostForm("/admin/consultations/rewrite/reattach", url.Values{"from": {old.Key}, "to": {strconv.Itoa(successor.Number)}})
		done.Expect(t, http.StatusSeeOther)
		if got := squash(admin.Follow(done).Doc.Find("#reattach-done").Text()); got != "1 comment re-attached" {
			t.Errorf("done: %q", got)
		}
		moved := f.Reload(cm.ID)
		if moved.ParagraphKey != successor.Key || moved.WrittenOnKey != old.Key || moved.VersionID != f.Version.ID {
			t.Errorf("after re-attaching: key %s written on %s version %d", moved.ParagraphKey, moved.WrittenOnKey, moved.VersionID)
		}
		page := a.Client(t).Get("/consultations/rewrite/paragraphs/"+successor.Key).Expect(t, http.StatusOK)
		c := page.Doc.Find("#comment-" + modItoa(cm.ID))
		if c.Length() != 1 || !strings.Contains(c.Find(".pc-comment__quote").Text(), old.Text) {
			t.Errorf("the comment does not show the wording it was written about: %q", squash(c.Text()))
		}
		oldPage := a.Client(t).Get("/consultations/rewrite/paragraphs/"+old.Key).Expect(t, http.StatusOK)
		if href, _ := oldPage.Doc.Find("#moved-to a").Attr("href"); href != "/consultations/rewrite/paragraphs/"+successor.Key {
			t.Errorf("the old paragraph's page does not say where its comments went: %q", href)
		}
		if f.AuditCount("comments.reattach", "consultation", "rewrite") != 1 {
			t.Error("no audit entry")
		}
		if !strings.Contains(admin.Get("/admin/audit").Body, "Comments re-attached from a rewritten paragraph to paragraph "+strconv.Itoa(successor.Number)+": 1.") {
			t.Error("the audit log does not say it in words")
		}
		csv := admin.Get("/admin/consultations/rewrite/export.csv").Expect(t, http.StatusOK).Body
		if !strings.Contains(csv, "We will build protected cycle lanes") {
			t.Errorf("the CSV lost the wording the comment was written about: %s", csv)
		}
		if admin.Get("/admin/consultations/rewrite/reattach").Doc.Find("#reattach-none").Length() != 1 {
			t.Error("the re-attached paragraph is still listed")
		}
	})
}
