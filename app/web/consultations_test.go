package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// addComments stores n comments on a block straight through the store.
func addComments(t testing.TB, a *testutil.TestApp, f *testutil.ConsultationFixture, key string, n int, status model.CommentStatus, publish model.Publish) {
	t.Helper()
	u := testutil.User(t, a, "Reader", fmt.Sprintf("reader-%s-%s@example.org", status, publish))
	cs := make([]model.Comment, n)
	for i := range cs {
		cs[i] = model.Comment{ConsultationID: f.ID, VersionID: f.Version.ID, ParagraphKey: key, UserID: u.ID,
			Body: "A comment.", RespondingAs: "individual", Publish: publish, Status: status,
			SubmissionToken: fmt.Sprintf("%s-%s-%s-%d", key, status, publish, i)}
	}
	if err := a.Store.SeedComments(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
}

// blockKeys maps each block's text (without its number and link) to its key,
// as read from the public page.
func blockKeys(t *testing.T, doc *goquery.Document) map[string]string {
	t.Helper()
	keys := map[string]string{}
	doc.Find(".pc-block").Each(func(_ int, b *goquery.Selection) {
		key, _ := b.Attr("data-paragraph-key")
		c := b.Clone()
		c.Find(".pc-block__number, .pc-block__comments").Remove()
		keys[strings.TrimSpace(c.Text())] = key
	})
	return keys
}

func TestConsultationPage(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "local-plan"})
		first := f.Blocks[0].Key
		addComments(t, a, f, first, 3, model.CommentApproved, model.PublishName)
		addComments(t, a, f, first, 1, model.CommentApproved, model.PublishAnonymous)
		addComments(t, a, f, first, 2, model.CommentApproved, model.PublishNo) // analysis only
		addComments(t, a, f, first, 2, model.CommentPending, model.PublishName)
		addComments(t, a, f, "", 1, model.CommentApproved, model.PublishName)

		r := a.Client(t).Get("/consultations/local-plan").Expect(t, http.StatusOK)
		blocks := r.Doc.Find(".pc-block")
		if blocks.Length() != len(f.Blocks) {
			t.Fatalf("%d blocks on the page, %d stored", blocks.Length(), len(f.Blocks))
		}
		blocks.Each(func(i int, b *goquery.Selection) {
			want := f.Blocks[i]
			id, _ := b.Attr("id")
			key, _ := b.Attr("data-paragraph-key")
			num, _ := b.Attr("data-paragraph-number")
			href, _ := b.Find("a.pc-block__comments").Attr("href")
			if id != "p-"+want.Key || key != want.Key || num != fmt.Sprint(want.Number) ||
				href != "/consultations/local-plan/paragraphs/"+want.Key {
				t.Errorf("block %d: id=%q key=%q number=%q href=%q", i, id, key, num, href)
			}
		})
		link := strings.Join(strings.Fields(r.Doc.Find("#p-"+first+" a.pc-block__comments").Text()), " ")
		if link != "4 comments on paragraph 1" {
			t.Errorf("first block's link reads %q", link)
		}
		if got := r.Doc.Find("#p-" + f.Blocks[1].Key + " a.pc-block__comments").Text(); !strings.HasPrefix(got, "Comment on paragraph 2") {
			t.Errorf("second block's link reads %q", got)
		}
		if href, _ := r.Doc.Find("#respond a[href='/consultations/local-plan/respond']").Attr("href"); href == "" {
			t.Error("no link to comment on the whole document in #respond")
		}
		if toc := r.Doc.Find(".pc-toc a[href='#housing']").Text(); toc != "Housing" {
			t.Errorf("contents entry %q", toc)
		}
		if !strings.Contains(testutil.Text(r), "5 comments") || !strings.Contains(testutil.Text(r), "Open") {
			t.Errorf("summary lacks the total or status: %.300s", testutil.Text(r))
		}
	})
}

func TestConsultationNotFoundAndDrafts(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "published"})
		if err := a.Store.CreateConsultation(context.Background(), &model.Consultation{Slug: "secret-draft", Title: "Secret", Moderation: "pre"}); err != nil {
			t.Fatal(err)
		}
		anon := a.Client(t)
		for _, path := range []string{
			"/consultations/no-such-thing", "/consultations/secret-draft", "/consultations/secret-draft/versions",
			"/consultations/published/versions/2", "/consultations/published/versions/0", "/consultations/published/versions/01",
			"/consultations/published/versions/x", "/consultations/published/versions/1/changes",
			"/consultations/published/paragraphs/zzzzzzzz", "/consultations/no-such-thing/paragraphs/zzzzzzzz",
		} {
			r := anon.Get(path)
			if r.StatusCode != http.StatusNotFound || r.Doc.Find("h1").Text() != "Page not found" {
				t.Errorf("GET %s: %d %q, want the 404 page", path, r.StatusCode, r.Doc.Find("h1").Text())
			}
		}
		admin := a.Client(t)
		admin.SignIn("Ada", "ada@example.org", "admin")
		r := admin.Get("/consultations/secret-draft").Expect(t, http.StatusOK)
		if r.Doc.Find(".govuk-warning-text").Length() != 1 || r.Header.Get("Cache-Control") != "no-store" {
			t.Error("an admin's preview of a draft is not marked as one")
		}
	})
}

// TestKeysSurviveEditsOnThePublicPage publishes a second version that edits,
// inserts, deletes and moves blocks, and reads the keys off the public page.
func TestKeysSurviveEditsOnThePublicPage(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		v1 := "Alpha paragraph about housing near stations.\n\nBravo paragraph about trees on every new street.\n\n" +
			"Charlie paragraph about car parks becoming parks.\n\nDelta paragraph about evening buses to the villages.\n"
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "keys", Markdown: v1})
		cl := a.Client(t)
		before := blockKeys(t, cl.Get("/consultations/keys").Expect(t, http.StatusOK).Doc)

		v2 := "Delta paragraph about evening buses to the villages.\n\nX-ray paragraph, entirely new.\n\n" +
			"Alpha paragraph about housing near stations.\n\nBravo paragraph about trees on both sides of every new street.\n"
		if _, err := a.Consult.NewVersion(context.Background(), "keys", v2, "Moved buses first, dropped car parks.", nil); err != nil {
			t.Fatal(err)
		}
		after := blockKeys(t, cl.Get("/consultations/keys").Expect(t, http.StatusOK).Doc)
		for _, tc := range []struct{ name, was, now string }{
			{"unchanged", "Alpha paragraph about housing near stations.", "Alpha paragraph about housing near stations."},
			{"moved", "Delta paragraph about evening buses to the villages.", "Delta paragraph about evening buses to the villages."},
			{"edited", "Bravo paragraph about trees on every new street.", "Bravo paragraph about trees on both sides of every new street."},
		} {
			if before[tc.was] == "" || before[tc.was] != after[tc.now] {
				t.Errorf("%s block: key %q then %q", tc.name, before[tc.was], after[tc.now])
			}
		}
		removed := before["Charlie paragraph about car parks becoming parks."]
		for text, key := range after {
			if key == removed || (text == "X-ray paragraph, entirely new." && containsValue(before, key)) {
				t.Errorf("key %q reused for %q", key, text)
			}
		}
		_ = f

		r := cl.Get("/consultations/keys/versions/2/changes").Expect(t, http.StatusOK)
		if ins := r.Doc.Find("ins").Text(); !strings.Contains(ins, "both sides of") || !strings.Contains(ins, "X-ray") {
			t.Errorf("inserted text %q", ins)
		}
		if del := r.Doc.Find("del").Text(); !strings.Contains(del, "Charlie") || !strings.Contains(del, "[removed: ") {
			t.Errorf("deleted text %q lacks the removal or its spoken marker", del)
		}
		hist := cl.Get("/consultations/keys/versions").Expect(t, http.StatusOK)
		if !strings.Contains(testutil.Text(hist), "Moved buses first") || hist.Doc.Find("a[href='/consultations/keys/versions/2/changes']").Length() != 1 {
			t.Errorf("history: %.300s", testutil.Text(hist))
		}
		old := cl.Get("/consultations/keys/versions/1").Expect(t, http.StatusOK)
		if _, ok := blockKeys(t, old.Doc)["Charlie paragraph about car parks becoming parks."]; !ok {
			t.Error("version 1 no longer shows its removed block")
		}
	})
}

func containsValue(m map[string]string, v string) bool {
	for _, x := range m {
		if x == v {
			return true
		}
	}
	return false
}

// TestSharedPageStaysCorrect checks the page kept for visitors who are not
// signed in: it never leaks a signed-in header, and it follows the status when
// the closing instant passes without any change to the consultation.
func TestSharedPageStaysCorrect(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "shared"})
	anon := a.Client(t)
	signedIn := func(r *testutil.Response) bool { return r.Doc.Find("form[action='/auth/logout']").Length() > 0 }
	if r := anon.Get("/consultations/shared").Expect(t, http.StatusOK); signedIn(r) {
		t.Fatal("anonymous page has a sign-out form")
	}
	citizen := a.Client(t)
	citizen.SignIn("Siân Ŵyn", "sian@example.org", "citizen")
	if r := citizen.Get("/consultations/shared").Expect(t, http.StatusOK); !signedIn(r) {
		t.Error("signed-in visitor was served the shared page")
	}
	r := anon.Get("/consultations/shared").Expect(t, http.StatusOK)
	if signedIn(r) || strings.Contains(r.Body, "Siân") || strings.Contains(r.Body, anon.CSRF()) && anon.CSRF() != "" {
		t.Error("shared page holds someone's header or token")
	}
	closed := f.ClosesAt.Add(time.Second)
	a.Consult.Now = func() time.Time { return closed }
	if r := anon.Get("/consultations/shared"); !strings.Contains(testutil.Text(r), "Closed") {
		t.Errorf("after the closing instant the page still reads: %.200s", testutil.Text(r))
	}
}
