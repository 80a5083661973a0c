package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// changeWindow is the rule for several instances: each sees another's change
// within a second. The same instance shows it on the next request.
const changeWindow = time.Second

// TestCachedPagesShowEveryChange warms the document and paragraph pages of two
// instances on one database (the second on PostgreSQL only, where instances
// share a server), makes each kind of change that a public page shows on the
// first instance, and checks that the first shows it on its next request and
// the second within changeWindow: a new comment, an edit, a moderation
// decision, a withdrawal, an account deletion and a new version; the feeds and
// the open data too.
func TestCachedPagesShowEveryChange(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		instances := []*testutil.TestApp{a}
		if engine == store.Postgres {
			instances = append(instances, testutil.NewApp(t, engine, map[string]string{"PILCROW_DATABASE_URL": a.Config.DatabaseURL}))
		}
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PreModeration})
		key := f.Blocks[1].Key
		paragraph := "/consultations/" + f.Slug + "/paragraphs/" + key
		document := "/consultations/" + f.Slug
		readers := make([]*testutil.Client, len(instances))
		for i, in := range instances {
			readers[i] = in.Client(t)
		}
		// expect checks every instance: the first at once, the others within the window.
		expect := func(what, path string, shows func(body string) bool) {
			t.Helper()
			for i, r := range readers {
				deadline := time.Now().Add(changeWindow)
				for {
					body := r.Get(path).Expect(t, http.StatusOK).Body
					if shows(body) {
						break
					}
					if i == 0 || time.Now().After(deadline) {
						t.Fatalf("instance %d, %s: %s not shown", i+1, path, what)
					}
					time.Sleep(20 * time.Millisecond)
				}
			}
		}
		has := func(s string) func(string) bool { return func(b string) bool { return strings.Contains(b, s) } }
		hasNot := func(s string) func(string) bool { return func(b string) bool { return !strings.Contains(b, s) } }
		warm := func() {
			for _, r := range readers {
				for _, path := range []string{paragraph, document, paragraph + "/comments.atom", document + "/comments.atom", document + "/comments.json"} {
					r.Get(path).Expect(t, http.StatusOK)
				}
			}
		}
		ctx := context.Background()
		author := testutil.User(t, a, "Cached Author", "cached-author@example.org")
		mod := testutil.User(t, a, "Cached Moderator", "cached-mod@example.org")
		if err := a.Store.SetRole(ctx, mod.ID, model.RoleModerator); err != nil {
			t.Fatal(err)
		}
		mod.Role = model.RoleModerator
		submit := func(body string) *model.Comment {
			cm, _, err := a.Consult.SubmitComment(ctx, author, "192.0.2.1", f.Slug, consult.CommentInput{ParagraphKey: key,
				Body: body, RespondingAs: "individual", Publish: "name", SubmissionToken: testutil.RandomToken()})
			if err != nil {
				t.Fatal(err)
			}
			return cm
		}
		decide := func(id int64, action, reason string) {
			if _, err := a.Consult.Decide(ctx, mod, []int64{id}, consult.Decision{Action: action, Reason: reason}); err != nil {
				t.Fatal(err)
			}
		}

		warm()
		first := submit("A first thought about the cached paragraph.")
		if _, err := a.Consult.EditComment(ctx, author, first.ID, consult.CommentInput{ParagraphKey: key,
			Body: "An edited thought about the cached paragraph.", RespondingAs: "individual", Publish: "name"}); err != nil {
			t.Fatal(err)
		}
		decide(first.ID, consult.ActionApprove, "")
		expect("the approved, edited comment", paragraph, has("An edited thought about the cached paragraph."))
		expect("the new count", document, has("1 comment"))
		expect("the feed entry", paragraph+"/comments.atom", has("An edited thought"))
		expect("the open data", document+"/comments.json", has("An edited thought"))

		warm()
		second := submit("A second thought that a moderator turns down.")
		decide(second.ID, consult.ActionApprove, "")
		expect("the second comment", paragraph, has("A second thought"))
		decide(second.ID, consult.ActionReject, "off-topic")
		expect("the rejection", paragraph, hasNot("A second thought"))

		warm()
		if _, err := a.Consult.WithdrawComment(ctx, author, first.ID); err != nil {
			t.Fatal(err)
		}
		expect("the withdrawal", paragraph, hasNot("An edited thought"))
		expect("the withdrawal's count", document, hasNot("1 comment"))
		expect("the withdrawal in the feed", document+"/comments.atom", hasNot("An edited thought"))
		expect("the withdrawal in the open data", document+"/comments.json", hasNot("An edited thought"))

		other := testutil.User(t, a, "Leaving Person", "leaving@example.org")
		third, _, err := a.Consult.SubmitComment(ctx, other, "192.0.2.2", f.Slug, consult.CommentInput{ParagraphKey: key,
			Body: "A thought from someone about to leave.", RespondingAs: "individual", Publish: "name", SubmissionToken: testutil.RandomToken()})
		if err != nil {
			t.Fatal(err)
		}
		decide(third.ID, consult.ActionApprove, "")
		expect("the leaving person's comment", paragraph, has("Leaving Person"))
		if err := a.Consult.DeleteAccount(ctx, other); err != nil {
			t.Fatal(err)
		}
		expect("the account deletion", paragraph, hasNot("Leaving Person"))

		warm()
		md := strings.Replace(f.Version.Markdown, f.Blocks[1].Text, "A rewritten second paragraph in a new version.", 1)
		if md == f.Version.Markdown {
			t.Fatal("fixture: the second block's text is not in the Markdown")
		}
		testutil.PublishVersion(t, a, f.Consultation, md)
		expect("the new version", document, has("A rewritten second paragraph in a new version."))
	})
}

// TestSignedInPagesAreTheirOwn has two people, each with a comment awaiting
// moderation and one published without their name, read the same paragraph in
// turn after an anonymous reader filled the shared cache: each sees their own
// comments as theirs, their own name, their own token, and nothing of the other's.
func TestSignedInPagesAreTheirOwn(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PreModeration})
		key := f.Blocks[0].Key
		paragraph := "/consultations/" + f.Slug + "/paragraphs/" + key
		ctx := context.Background()
		people := []struct{ name, email, tag string }{{"Ann Reader", "ann@example.org", "alpha"}, {"Ben Reader", "ben@example.org", "beta"}}
		mod := testutil.User(t, a, "Their Moderator", "their-mod@example.org")
		if err := a.Store.SetRole(ctx, mod.ID, model.RoleModerator); err != nil {
			t.Fatal(err)
		}
		mod.Role = model.RoleModerator
		for _, p := range people {
			u := testutil.User(t, a, p.name, p.email)
			for _, in := range []consult.CommentInput{
				{Body: "Pending words " + p.tag + "."},
				{Body: "Nameless words " + p.tag + ".", Publish: "anonymous"},
			} {
				in.ParagraphKey, in.RespondingAs, in.SubmissionToken = key, "individual", testutil.RandomToken()
				if in.Publish == "" {
					in.Publish = "name"
				}
				cm, _, err := a.Consult.SubmitComment(ctx, u, "192.0.2.3", f.Slug, in)
				if err != nil {
					t.Fatal(err)
				}
				if in.Publish == "anonymous" {
					if _, err := a.Consult.Decide(ctx, mod, []int64{cm.ID}, consult.Decision{Action: consult.ActionApprove}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		anon := a.Client(t).Get(paragraph).Expect(t, http.StatusOK).Body
		for _, p := range people {
			if strings.Contains(anon, "Pending words") || strings.Contains(anon, p.name) {
				t.Fatalf("the anonymous page shows a pending comment or a withheld name")
			}
		}
		tokens := map[string]bool{}
		for round := range 2 {
			for i, p := range people {
				cl := a.Client(t)
				cl.SignIn(p.name, p.email, "citizen")
				r := cl.Get(paragraph).Expect(t, http.StatusOK)
				other := people[1-i]
				if !strings.Contains(r.Body, "Pending words "+p.tag) || strings.Contains(r.Body, "Pending words "+other.tag) {
					t.Errorf("round %d, %s: own pending comment missing or the other's shown", round, p.name)
				}
				if strings.Contains(r.Body, other.name) {
					t.Errorf("round %d, %s: the other's withheld name is shown", round, p.name)
				}
				if n := r.Doc.Find(`a[href$="/withdraw"]`).Length(); n != 2 {
					t.Errorf("round %d, %s: %d withdraw links, want 2 (own comments only)", round, p.name, n)
				}
				tok := cl.CSRF()
				if tok == "" || tokens[tok] {
					t.Errorf("round %d, %s: missing or shared CSRF token", round, p.name)
				}
				tokens[tok] = true
			}
		}
	})
}
