package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestMostCommented ranks paragraphs by comments with their stance split: for
// officials beside the heat map, and for the public only after the close when
// the consultation allows it, counting only comments the public may read.
func TestMostCommented(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, bilingual)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "ranked", model.PreModeration)
		ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
		second := f.Paragraph(1).Key
		on := func(key, stance string, st model.CommentStatus, pub model.Publish) func(*model.Comment) {
			return func(c *model.Comment) { c.ParagraphKey, c.Stance, c.Status, c.Publish = key, stance, st, pub }
		}
		f.Comment(ann, "One.", on(f.Paragraph(0).Key, "agree", model.CommentApproved, model.PublishName))
		f.Comment(ann, "Two.", on(second, "disagree", model.CommentApproved, model.PublishName))
		f.Comment(ann, "Three.", on(second, "agree", model.CommentApproved, model.PublishAnonymous))
		f.Comment(ann, "Four.", on(second, "", model.CommentPending, model.PublishName))
		f.Comment(ann, "Five.", on(second, "neutral", model.CommentApproved, model.PublishNo))

		analyst := modClient(t, a, "Ana", "analyst")
		rows := analyst.Get("/admin/consultations/ranked/analysis").Expect(t, http.StatusOK).Doc.Find("#most-commented-table tbody tr")
		if rows.Length() != 2 || rows.First().AttrOr("data-paragraph-key", "") != second || rows.First().AttrOr("data-total", "") != "4" {
			t.Fatalf("officials' ranking: %d rows, first %q with %q", rows.Length(), rows.First().AttrOr("data-paragraph-key", ""), rows.First().AttrOr("data-total", ""))
		}
		if got := squash(rows.First().Find(`[data-stance="neutral"]`).Text()); got != "1" {
			t.Errorf("neutral = %q", got)
		}

		public := a.Client(t)
		public.Get("/consultations/ranked/most-commented").Expect(t, http.StatusNotFound) // open, and not allowed
		admin := modClient(t, a, "Root", "admin")
		edit := admin.Get("/admin/consultations/ranked/edit").Expect(t, http.StatusOK)
		if _, on := edit.Doc.Find("#most_commented_public").Attr("checked"); on {
			t.Fatal("shown to the public by default")
		}
		form := url.Values{}
		edit.Doc.Find("form input, form textarea").Each(func(_ int, s *goquery.Selection) {
			name, typ := s.AttrOr("name", ""), s.AttrOr("type", "")
			if _, checked := s.Attr("checked"); (typ == "radio" || typ == "checkbox") && !checked {
				return
			}
			v, ok := s.Attr("value")
			if !ok {
				v = s.Text()
			}
			form.Set(name, v)
		})
		form.Set("most_commented_public", "yes")
		admin.PostForm("/admin/consultations/ranked/edit", form).Expect(t, http.StatusSeeOther)
		public.Get("/consultations/ranked/most-commented").Expect(t, http.StatusNotFound) // allowed, but still open
		if err := a.Store.DB.Model(&model.Consultation{}).Where("id = ?", f.Consultation.ID).
			Updates(map[string]any{"closes_at": time.Now().UTC().Add(-time.Minute), "revision": 7}).Error; err != nil {
			t.Fatal(err)
		}
		if href, _ := public.Get("/consultations/ranked").Doc.Find("#most-commented-link").Attr("href"); href != "/consultations/ranked/most-commented" {
			t.Errorf("the closed consultation does not link its ranking: %q", href)
		}
		rows = public.Get("/consultations/ranked/most-commented").Expect(t, http.StatusOK).Doc.Find("#most-commented-table tbody tr")
		if rows.Length() != 2 || rows.First().AttrOr("data-total", "") != "2" {
			t.Errorf("public ranking counts what the public may not read: %d rows, first total %q", rows.Length(), rows.First().AttrOr("data-total", ""))
		}
		checkWelshPage(t, "most commented", public.Get("/consultations/ranked/most-commented?lang=cy"), englishPhrases(t))
	})
}
