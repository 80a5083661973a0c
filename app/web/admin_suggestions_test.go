package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestSuggestionsAndDiscovery tags a few comments, checks that an untagged one
// like them is suggested the theme with the words that drove it, that a
// dismissal is not suggested again and an acceptance tags, and that a
// discovered cluster becomes a theme with its comments in one step.
func TestSuggestionsAndDiscovery(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "suggest", model.PostModeration)
		ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
		texts := map[string][]string{
			"Buses": {"The bus timetable is poor and fares are high.", "More evening bus services please.",
				"Bus fares to the station cost too much."},
			"Cycling": {"Protected cycle lanes on the main road.", "Cycle lanes and bike parking at school.",
				"Segregated cycle routes for the commute."},
		}
		var tagged []string
		analyst := modClient(t, a, "Ana", "analyst")
		base := "/admin/consultations/" + f.Consultation.Slug
		for theme, bodies := range texts {
			analyst.PostForm(base+"/themes", url.Values{"name": {theme}}).Expect(t, http.StatusSeeOther)
			for _, b := range bodies {
				c := f.Comment(ann, b)
				analyst.PostForm("/admin/comments/"+modItoa(c.ID)+"/themes", url.Values{"theme": {theme}}).Expect(t, http.StatusSeeOther)
				tagged = append(tagged, modItoa(c.ID))
			}
		}
		bus := modItoa(f.Comment(ann, "Cheaper bus fares and a better timetable.").ID)
		cycle := modItoa(f.Comment(ann, "I want cycle lanes everywhere.").ID)

		suggested := func() map[string]string {
			r := analyst.Get(base+"/suggestions").Expect(t, http.StatusOK)
			out := map[string]string{}
			r.Doc.Find("#suggestions [data-comment-id]").Each(func(_ int, s *goquery.Selection) {
				out[s.AttrOr("data-comment-id", "")] = s.AttrOr("data-theme", "") + " " + s.Find("p.govuk-body-s").Text()
			})
			return out
		}
		got := suggested()
		if !strings.HasPrefix(got[bus], "Buses ") || !strings.Contains(got[bus], "fares") {
			t.Errorf("bus comment: %q", got[bus])
		}
		if !strings.HasPrefix(got[cycle], "Cycling ") || !strings.Contains(got[cycle], "cycle") {
			t.Errorf("cycle comment: %q", got[cycle])
		}
		for _, id := range tagged {
			if _, ok := got[id]; ok {
				t.Errorf("tagged comment %s was suggested", id)
			}
		}

		analyst.PostForm(base+"/suggestions", url.Values{"comment": {bus}, "theme": {"Buses"}, "action": {"dismiss"}}).Expect(t, http.StatusSeeOther)
		analyst.PostForm(base+"/suggestions", url.Values{"comment": {cycle}, "theme": {"Cycling"}, "action": {"accept"}}).Expect(t, http.StatusSeeOther)
		got = suggested()
		if strings.HasPrefix(got[bus], "Buses ") {
			t.Errorf("a dismissed suggestion came back: %q", got[bus])
		}
		if _, ok := got[cycle]; ok {
			t.Errorf("an accepted comment is still suggested: %q", got[cycle])
		}
		r := analyst.Get(base+"/search?theme=Cycling").Expect(t, http.StatusOK)
		if !strings.Contains(strings.Join(resultIDs(r), ","), cycle) {
			t.Error("accepting did not tag the comment")
		}
		for action, n := range map[string]int64{"suggestion.accept": 1, "suggestion.dismiss": 1} {
			var got int64
			a.Store.DB.Model(&model.AuditEntry{}).Where("action = ?", action).Count(&got)
			if got != n {
				t.Errorf("audit %s: %d", action, got)
			}
		}

		// Discovery: the untagged comments form groups; one becomes a theme.
		for _, b := range []string{"Pavement parking blocks the way.", "Parking on pavements must stop.", "Ban pavement parking now."} {
			f.Comment(ann, b)
		}
		r = analyst.Get(base+"/discover").Expect(t, http.StatusOK)
		form := r.Doc.Find("[data-cluster] form").First()
		if form.Length() == 0 {
			t.Fatal("no cluster offered")
		}
		v := url.Values{"name": {"Pavements"}}
		form.Find("input[name=ids]").Each(func(_ int, s *goquery.Selection) { v.Add("ids", s.AttrOr("value", "")) })
		analyst.PostForm(base+"/themes", v).Expect(t, http.StatusSeeOther)
		r = analyst.Get(base+"/search?theme=Pavements").Expect(t, http.StatusOK)
		if n := len(resultIDs(r)); n != len(v["ids"]) || n == 0 {
			t.Errorf("the new theme tags %d comments, want the cluster's %d", n, len(v["ids"]))
		}
	})
}
