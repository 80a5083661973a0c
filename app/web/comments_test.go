package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// validComment is a valid comment on the block; tests change one field at a time.
func validComment(key, body string) url.Values {
	return url.Values{"paragraph": {key}, "body": {body}, "responding_as": {"individual"},
		"publish": {"name"}, "stance": {"agree"}}
}

// commenter returns a client signed in as a citizen with a unique email.
func commenter(t *testing.T, a *testutil.TestApp, name string) *testutil.Client {
	t.Helper()
	cl := a.Client(t)
	cl.SignIn(name, strings.ToLower(strings.ReplaceAll(name, " ", "."))+"@example.org", "citizen")
	return cl
}

// storedComments returns every comment stored on the consultation, oldest first.
func storedComments(t *testing.T, a *testutil.TestApp, consultationID int64) []model.Comment {
	t.Helper()
	var cs []model.Comment
	if err := a.Store.DB.WithContext(context.Background()).Where("consultation_id = ?", consultationID).
		Order("id").Find(&cs).Error; err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestCommentJourney(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		b := f.Blocks[0]
		page := "/consultations/" + f.Slug + "/paragraphs/" + b.Key

		anon := a.Client(t)
		r := anon.Get(page).Expect(t, http.StatusOK)
		if got := r.Doc.Find("#paragraph").Text(); !strings.Contains(got, "railway stations") {
			t.Errorf("block text = %q", got)
		}
		if href, _ := r.Doc.Find(".govuk-back-link").Attr("href"); href != "/consultations/"+f.Slug+"#p-"+b.Key {
			t.Errorf("back link = %q", href)
		}
		if r.Doc.Find("form.pc-comment-form").Length() != 0 {
			t.Error("signed-out visitor sees the comment form")
		}
		anon.Get("/auth/dev") // a page with a form, for the CSRF token
		r = anon.PostForm("/consultations/"+f.Slug+"/comments", validComment(b.Key, "Hello")).Expect(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/auth/sign-in?next="+url.QueryEscape(page) {
			t.Errorf("signed-out post redirects to %q", loc)
		}

		cl := commenter(t, a, "Ada Lovelace")
		r = cl.Get(page).Expect(t, http.StatusOK)
		token, _ := r.Doc.Find(`input[name="submission_token"]`).Attr("value")
		if len(token) < 16 {
			t.Fatalf("submission token = %q", token)
		}
		form := validComment(b.Key, "Stations first.\nThen buses: https://example.org/buses")
		form.Set("submission_token", token)
		r = cl.PostForm("/consultations/"+f.Slug+"/comments", form).Expect(t, http.StatusSeeOther)
		loc := r.Header.Get("Location")
		if !strings.HasPrefix(loc, page+"?sent=") || !strings.Contains(loc, "#comment-") {
			t.Fatalf("success redirects to %q", loc)
		}
		// The same form again (a double-click) stores nothing new and lands on the same comment.
		again := cl.PostForm("/consultations/"+f.Slug+"/comments", form).Expect(t, http.StatusSeeOther)
		if again.Header.Get("Location") != loc {
			t.Errorf("resubmission redirects to %q, want %q", again.Header.Get("Location"), loc)
		}
		if n := len(storedComments(t, a, f.ID)); n != 1 {
			t.Fatalf("stored %d comments, want 1", n)
		}
		r = cl.Follow(r).Expect(t, http.StatusOK)
		if !strings.Contains(r.Doc.Find(".pc-sent").Text(), "Your comment has been sent") {
			t.Errorf("no confirmation banner: %q", testutil.Text(r))
		}
		link := r.Doc.Find(".pc-comment__body a")
		if rel, _ := link.Attr("rel"); rel != "nofollow ugc noopener" {
			t.Errorf("link rel = %q", rel)
		}
		if r.Doc.Find(".pc-comment__body br").Length() != 1 {
			t.Error("line break not kept")
		}
		r = anon.Get(page).Expect(t, http.StatusOK)
		if got := r.Doc.Find(".pc-comment__meta strong").First().Text(); got != "Ada Lovelace" {
			t.Errorf("author shown to the public = %q", got)
		}
		if r.Doc.Find(".pc-sent").Length() != 0 {
			t.Error("someone else sees the confirmation banner")
		}
	})
}
