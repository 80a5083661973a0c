package web_test

import (
	"net/http"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestPrivacyOnEverySurface walks every surface that shows comments to people
// other than their authors, and checks the contract's rule on each: a comment
// published "no" is never shown, and a comment published "anonymous" never
// shows its author's name. A named comment is the control: it must show.
func TestPrivacyOnEverySurface(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
		named := testutil.User(t, a, "Nia Named", "nia@example.test")
		anon := testutil.User(t, a, "Aled Anonymous", "aled@example.test")
		private := testutil.User(t, a, "Pat Private", "pat@example.test")
		key := f.Blocks[0].Key
		for _, k := range []string{key, ""} { // a paragraph, and the whole document
			seedComment(t, a, f, named, seed{Key: k, Publish: model.PublishName, Body: "Visible named remark " + k})
			seedComment(t, a, f, anon, seed{Key: k, Publish: model.PublishAnonymous, Body: "Visible anonymous remark " + k})
			seedComment(t, a, f, private, seed{Key: k, Publish: model.PublishNo, Body: "Secret analysis-only remark " + k})
		}
		slug := "/consultations/" + f.Slug
		surfaces := []struct {
			path       string
			showsNamed bool // the named comment's author appears here
		}{
			{slug, false},
			{slug + "/paragraphs/" + key, true},
			{slug + "/respond", true},
			{slug + "/comments.atom", true},
			{slug + "/paragraphs/" + key + "/comments.atom", true},
			{slug + "/comments.json", true},
		}
		visitor := a.Client(t)
		other := a.Client(t)
		other.SignIn("Olwen Other", "olwen@example.test", "citizen")
		for _, who := range []struct {
			name string
			c    *testutil.Client
		}{{"visitor", visitor}, {"another citizen", other}} {
			for _, s := range surfaces {
				body := who.c.Get(s.path).Expect(t, http.StatusOK).Body
				if strings.Contains(body, "Secret analysis-only remark") || strings.Contains(body, "Pat Private") {
					t.Errorf("%s, %s: shows a comment published 'no'", who.name, s.path)
				}
				if strings.Contains(body, "Aled Anonymous") {
					t.Errorf("%s, %s: shows the name of an anonymous author", who.name, s.path)
				}
				if s.showsNamed && !strings.Contains(body, "Nia Named") {
					t.Errorf("%s, %s: the named comment's author is missing, so the check proves nothing", who.name, s.path)
				}
			}
		}
		me := other.Get("/me").Expect(t, http.StatusOK).Body
		for _, leak := range []string{"Secret analysis-only remark", "Visible anonymous remark", "Visible named remark"} {
			if strings.Contains(me, leak) {
				t.Errorf("/me of another citizen shows %q", leak)
			}
		}
	})
}
