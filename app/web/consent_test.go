package web_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestConsentOnEveryPublicSurface checks that each publication choice is honoured
// on the paragraph page, both feeds and the JSON, and that the author still sees
// everything of theirs on /me.
func TestConsentOnEveryPublicSurface(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		roomyLimits(a)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		key := f.Blocks[0].Key
		author := commenter(t, a, "Zebedee Quill")
		author.Get("/consultations/" + f.Slug + "/paragraphs/" + key)
		for _, choice := range []string{"name", "anonymous", "no"} {
			form := validComment(key, "Opinion published as "+choice)
			form.Set("publish", choice)
			form.Set("responding_as", "organisation")
			form.Set("organisation", "Quill Society "+choice)
			author.PostForm("/consultations/"+f.Slug+"/comments", form).Expect(t, http.StatusSeeOther)
		}
		public := a.Client(t)
		surfaces := map[string]string{
			"paragraph page":    "/consultations/" + f.Slug + "/paragraphs/" + key,
			"consultation feed": "/consultations/" + f.Slug + "/comments.atom",
			"paragraph feed":    "/consultations/" + f.Slug + "/paragraphs/" + key + "/comments.atom",
			"open data":         "/consultations/" + f.Slug + "/comments.json",
		}
		for name, path := range surfaces {
			t.Run(name, func(t *testing.T) {
				body := public.Get(path).Expect(t, http.StatusOK).Body
				if !strings.Contains(body, "Opinion published as name") || !strings.Contains(body, "Opinion published as anonymous") {
					t.Error("a published comment is missing")
				}
				if strings.Contains(body, "published as no") || strings.Contains(body, "Quill Society no") {
					t.Error("a comment its author did not allow to be published is shown")
				}
				if n := strings.Count(body, "Zebedee Quill"); n != 1 {
					t.Errorf("the author's name appears %d times, want once (for the named comment only)", n)
				}
				if strings.Contains(body, "Quill Society anonymous") {
					t.Error("the organisation of an anonymous comment is shown")
				}
			})
		}
		t.Run("anonymous is shown as Anonymous", func(t *testing.T) {
			r := public.Get(surfaces["paragraph page"])
			names := r.Doc.Find(".pc-comment__meta strong").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
			if strings.Join(names, ",") != "Zebedee Quill,Anonymous" {
				t.Errorf("authors shown = %q", names)
			}
		})
		t.Run("feed is valid Atom with absolute links", func(t *testing.T) {
			r := public.Get(surfaces["consultation feed"])
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
				t.Errorf("Content-Type = %q", ct)
			}
			var feed struct {
				Entries []struct {
					ID     string `xml:"id"`
					Author string `xml:"author>name"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal([]byte(r.Body), &feed); err != nil {
				t.Fatal(err)
			}
			if len(feed.Entries) != 2 || !strings.HasPrefix(feed.Entries[0].ID, a.URL+"/consultations/") {
				t.Errorf("entries = %+v", feed.Entries)
			}
			if feed.Entries[0].Author != "Anonymous" || feed.Entries[1].Author != "Zebedee Quill for Quill Society name" { // with the organisation they spoke for
				t.Errorf("authors = %q, %q", feed.Entries[0].Author, feed.Entries[1].Author)
			}
		})
		t.Run("the author sees all three on /me", func(t *testing.T) {
			text := testutil.Text(author.Get("/me").Expect(t, http.StatusOK))
			for _, want := range []string{"published as name", "published as anonymous", "published as no", "Do not publish"} {
				if !strings.Contains(text, want) {
					t.Errorf("/me lacks %q", want)
				}
			}
		})
	})
}

func TestOpenDataPages(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
	u := testutil.User(t, a, "Many Words", "many@example.org")
	for range 150 {
		seedComment(t, a, f, u, seed{Key: f.Blocks[0].Key})
	}
	type page struct {
		Comments []struct {
			ID     int64   `json:"id"`
			Author *string `json:"author"`
		} `json:"comments"`
		Next *string `json:"next"`
	}
	get := func(path string) page {
		var p page
		r := a.Client(t).Get(path).Expect(t, http.StatusOK)
		if err := json.Unmarshal([]byte(r.Body), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := get("/consultations/" + f.Slug + "/comments.json")
	if len(first.Comments) != 100 || first.Next == nil {
		t.Fatalf("first page: %d comments, next %v", len(first.Comments), first.Next)
	}
	second := get(strings.TrimPrefix(*first.Next, a.URL))
	if len(second.Comments) != 50 || second.Next != nil || second.Comments[0].ID != first.Comments[99].ID+1 {
		t.Errorf("second page: %d comments from %d, next %v", len(second.Comments), second.Comments[0].ID, second.Next)
	}
	byNumber := get("/consultations/" + f.Slug + "/comments.json?page=2")
	if len(byNumber.Comments) != 50 || byNumber.Comments[0].ID != second.Comments[0].ID {
		t.Errorf("?page=2 gave %d comments", len(byNumber.Comments))
	}
	if p := get("/consultations/" + f.Slug + "/comments.json?page=9"); len(p.Comments) != 0 {
		t.Errorf("a page past the end has %d comments", len(p.Comments))
	}
	a.Client(t).Get("/consultations/nosuch/comments.json").Expect(t, http.StatusNotFound)
}
