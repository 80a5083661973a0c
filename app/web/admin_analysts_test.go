package web_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// resultIDs lists the comment ids a search page shows, in order.
func resultIDs(r *testutil.Response) []string {
	var ids []string
	r.Doc.Find("[data-comment-id]").Each(func(_ int, s *goquery.Selection) {
		ids = append(ids, s.AttrOr("data-comment-id", ""))
	})
	return ids
}

// TestAnalystsSearchAndTag walks the analysts' workspace over HTTP: a theme is
// added to the frame, comments are found, tagged in bulk and one at a time,
// noted, and the themes reach the CSV; every change is in the audit log, and
// moderators may search but not tag.
func TestAnalystsSearchAndTag(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "themes", model.PostModeration)
		ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
		lanes := f.Comment(ann, "Protected cycle lanes please.")
		lanes2 := f.Comment(ann, "More cycle lanes near the school.")
		parking := f.Comment(ann, "Ban pavement parking.")
		withdrawn := f.Comment(ann, "Cycle lanes waste money.", func(c *model.Comment) { c.Status = model.CommentWithdrawn })
		id := func(c *model.Comment) string { return modItoa(c.ID) }
		base := "/admin/consultations/" + f.Consultation.Slug

		analyst := modClient(t, a, "Ana", "analyst")
		analyst.Get(base+"/themes").Expect(t, http.StatusOK)
		analyst.PostForm(base+"/themes", url.Values{"name": {"Cycling"}, "description": {"Lanes and bikes"}}).Expect(t, http.StatusSeeOther)
		analyst.PostForm(base+"/themes", url.Values{"name": {"Safety"}, "parent": {"Cycling"}}).Expect(t, http.StatusSeeOther)
		r := analyst.PostForm(base+"/themes", url.Values{"name": {"Cycling"}}).Expect(t, http.StatusUnprocessableEntity)
		if !strings.Contains(testutil.Text(r), "already a theme") {
			t.Errorf("duplicate theme: %s", testutil.Text(r))
		}

		r = analyst.Get(base+"/search?q="+url.QueryEscape(`"cycle lanes"`)).Expect(t, http.StatusOK)
		if got, want := resultIDs(r), []string{id(lanes2), id(lanes)}; !slices.Equal(got, want) {
			t.Fatalf("search found %v, want %v (never the withdrawn %s)", got, want, id(withdrawn))
		}
		r = analyst.PostForm(base+"/search/tag", url.Values{"ids": {id(lanes), id(lanes2)}, "theme": {"Cycling"},
			"return": {base + "/search?q=cycle"}}).Expect(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); !strings.Contains(loc, "q=cycle") || !strings.Contains(loc, "tagged=2") {
			t.Errorf("bulk tag went back to %q", loc)
		}
		analyst.PostForm(base+"/search/tag", url.Values{"ids": {id(lanes)}}).Expect(t, http.StatusUnprocessableEntity)
		r = analyst.Get(base+"/search?theme=Cycling").Expect(t, http.StatusOK)
		if got, want := resultIDs(r), []string{id(lanes2), id(lanes)}; !slices.Equal(got, want) {
			t.Errorf("theme filter found %v, want %v", got, want)
		}
		r = analyst.Get(base+"/search?theme=none").Expect(t, http.StatusOK)
		if got, want := resultIDs(r), []string{id(parking)}; !slices.Equal(got, want) {
			t.Errorf("untagged filter found %v, want %v", got, want)
		}
		analyst.Get(base+"/search?stance=maybe").Expect(t, http.StatusBadRequest)

		// One at a time from the comment's page, and a note.
		analyst.Get("/admin/comments/"+id(parking)).Expect(t, http.StatusOK)
		analyst.PostForm("/admin/comments/"+id(parking)+"/themes", url.Values{"theme": {"Safety", "Cycling"}}).Expect(t, http.StatusSeeOther)
		analyst.PostForm("/admin/comments/"+id(parking)+"/themes", url.Values{"theme": {"Nope"}}).Expect(t, http.StatusUnprocessableEntity)
		analyst.PostForm("/admin/comments/"+id(parking)+"/themes", url.Values{"theme": {"Safety"}}).Expect(t, http.StatusSeeOther)
		analyst.PostForm("/admin/comments/"+id(parking)+"/notes", url.Values{"note": {"Ask the roads team."}}).Expect(t, http.StatusSeeOther)
		analyst.PostForm("/admin/comments/"+id(parking)+"/notes", url.Values{"note": {" "}}).Expect(t, http.StatusUnprocessableEntity)
		r = analyst.Get("/admin/comments/"+id(parking)).Expect(t, http.StatusOK)
		var checked []string
		r.Doc.Find("input[name=theme]:checked").Each(func(_ int, s *goquery.Selection) { checked = append(checked, s.AttrOr("value", "")) })
		if !slices.Equal(checked, []string{"Safety"}) {
			t.Errorf("checked themes %v", checked)
		}
		if !strings.Contains(r.Doc.Find("#note-list").Text(), "Ask the roads team.") {
			t.Error("note not shown to the analyst")
		}
		// The note never reaches a public page.
		pub := a.Client(t).Get("/consultations/"+f.Consultation.Slug+"/paragraphs/"+f.Paragraph(0).Key).Expect(t, http.StatusOK)
		if strings.Contains(pub.Body, "roads team") {
			t.Error("an internal note is on the public paragraph page")
		}

		for action, n := range map[string]int{"theme.create": 2, "comments.tag": 1, "comment.themes": 2, "comment.note": 1} {
			var got int64
			a.Store.DB.Model(&model.AuditEntry{}).Where("action = ?", action).Count(&got)
			if int(got) != n {
				t.Errorf("audit %s: %d entries, want %d", action, got, n)
			}
		}

		// The CSV's themes column.
		r = analyst.Get(base+"/export.csv").Expect(t, http.StatusOK)
		records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(records[0], "themes")
		if col < 0 {
			t.Fatalf("no themes column in %q", records[0])
		}
		want := map[string]string{id(lanes): "Cycling", id(lanes2): "Cycling", id(parking): "Safety", id(withdrawn): ""}
		for _, rec := range records[1:] {
			if rec[col] != want[rec[5]] {
				t.Errorf("comment %s themes %q, want %q", rec[5], rec[col], want[rec[5]])
			}
		}

		// The analysis page counts each theme.
		r = analyst.Get(base+"/analysis").Expect(t, http.StatusOK)
		for theme, n := range map[string]string{"Cycling": "2", "Safety": "1"} {
			if got := r.Doc.Find(`#theme-counts tr[data-theme="` + theme + `"] [data-count=total]`).Text(); got != n {
				t.Errorf("analysis counts %q for %s, want %s", got, theme, n)
			}
		}

		// Moderators search but cannot tag.
		mod := modClient(t, a, "Mo", "moderator")
		r = mod.Get(base+"/search?q=parking").Expect(t, http.StatusOK)
		if got := resultIDs(r); !slices.Equal(got, []string{id(parking)}) || r.Doc.Find("input[name=ids]").Length() != 0 {
			t.Errorf("moderator's search: %v, %d checkboxes", got, r.Doc.Find("input[name=ids]").Length())
		}
		mod.PostForm(base+"/search/tag", url.Values{"ids": {id(parking)}, "theme": {"Cycling"}}).Expect(t, http.StatusForbidden)
	})
}
