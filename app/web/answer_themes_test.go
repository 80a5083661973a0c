package web_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestAnswerTextsSearchedAndTagged: an answer's free text is found by search
// (by its words, the question's paragraph filter, language and channel), tagged
// like a comment, and listed with its theme in answers-themes.csv, which only
// analysts and admins may download.
func TestAnswerTextsSearchedAndTagged(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration, Markdown: questionsMarkdown})
		keys := questionKeys(f)
		doc := "/consultations/" + f.Slug
		cl := commenter(t, a, "Ann Answer")
		cl.PostForm(doc+"/answers", url.Values{"question": {keys[2]}, "text": {"Plant more hawthorn hedges, =SUM(A1)."},
			"responding_as": {"individual"}, "publish": {"name"}}).Expect(t, http.StatusSeeOther)

		base := "/admin/consultations/" + f.Slug
		analyst := a.Client(t)
		analyst.SignIn("Ana Lyst", "ana@example.org", "analyst")
		for _, q := range []string{"q=hawthorn", "q=hawthorn&paragraph=" + keys[2], "q=hedges&language=en&channel=online"} {
			r := analyst.Get(base+"/search?"+q).Expect(t, http.StatusOK)
			if len(resultIDs(r)) != 1 {
				t.Fatalf("search %s: %v", q, resultIDs(r))
			}
		}
		for _, q := range []string{"q=hawthorn&paragraph=" + keys[0], "q=hawthorn&language=cy", "q=hawthorn&channel=post"} {
			if r := analyst.Get(base+"/search?"+q).Expect(t, http.StatusOK); len(resultIDs(r)) != 0 {
				t.Errorf("search %s found %v", q, resultIDs(r))
			}
		}
		analyst.Get(base+"/search?language=fr").Expect(t, http.StatusBadRequest)
		analyst.Get(base+"/search?channel=pigeon").Expect(t, http.StatusBadRequest)
		r := analyst.Get(base+"/search?q=hawthorn").Expect(t, http.StatusOK)
		if r.Doc.Find(`#f-language option[value="cy"]`).Length() != 1 || r.Doc.Find(`#f-channel option[value="post"]`).Length() != 1 {
			t.Error("no language or channel filter on the search page")
		}
		commentID := resultIDs(r)[0]

		analyst.PostForm(base+"/themes", url.Values{"name": {"Hedges"}}).Expect(t, http.StatusSeeOther)
		analyst.PostForm("/admin/comments/"+commentID+"/themes", url.Values{"theme": {"Hedges"}}).Expect(t, http.StatusSeeOther)
		if r := analyst.Get(base+"/search?theme=Hedges").Expect(t, http.StatusOK); !slices.Equal(resultIDs(r), []string{commentID}) {
			t.Errorf("theme filter: %v", resultIDs(r))
		}

		cl.Get(base+"/answers-themes.csv").Expect(t, http.StatusForbidden)
		r = analyst.Get(base+"/answers-themes.csv").Expect(t, http.StatusOK)
		if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, f.Slug+"-answers-themes-") {
			t.Errorf("filename %q", cd)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{"consultation", "respondent", "question", "comment_id", "text", "themes"}}
		if len(recs) != 2 || !slices.Equal(recs[0], want[0]) {
			t.Fatalf("answers-themes.csv: %q", recs)
		}
		if row := recs[1]; row[0] != f.Slug || row[1] == "" || row[2] != "Q3 "+keys[2] || row[3] != commentID ||
			row[4] != "Plant more hawthorn hedges, =SUM(A1)." || row[5] != "Hedges" {
			t.Errorf("row %q", row)
		}
	})
}
