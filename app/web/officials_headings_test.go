package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// headingSkips returns each heading that comes more than one level below the
// heading before it (an h3 straight after an h1), and a first heading that is not
// an h1, as the Nu Html Checker and WCAG 1.3.1 read them.
func headingSkips(doc *goquery.Document) []string {
	var out []string
	prev := 0
	doc.Find("main h1, main h2, main h3, main h4, main h5, main h6").Each(func(_ int, s *goquery.Selection) {
		level := int(goquery.NodeName(s)[1] - '0')
		if (prev == 0 && level != 1) || (prev > 0 && level > prev+1) {
			out = append(out, goquery.NodeName(s)+" "+squash(s.Text()))
		}
		prev = level
	})
	return out
}

// TestHeadingOrder walks every page of the role-by-route table as an admin, and
// the public pages, and fails on a heading level skipped.
func TestHeadingOrder(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "levels", model.PreModeration)
		ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
		f.Comment(ann, "Same words from a campaign.")
		f.Comment(f.User("Bo", "bo@example.test", model.RoleCitizen), "Same words from a campaign.")
		f.Comment(f.User("Cy", "cy@example.test", model.RoleCitizen), "Same words from a campaign.")
		admin := modClient(t, a, "Root", "admin")
		adminID := accountID(t, a, "root@example.test")
		key := f.Paragraph(0).Key
		public := []string{"/", "/consultations/levels", "/consultations/levels/paragraphs/" + key, "/consultations/levels/respond",
			"/consultations/levels/versions", "/consultations/levels/versions/1", "/me", "/account", "/privacy",
			"/accessibility", "/cookies", "/house-rules", "/auth/sign-in"}
		paths := public
		for _, rt := range adminRoutes {
			method, path, _ := strings.Cut(rt.route, " ")
			if method != http.MethodGet || rt.ok != 0 || strings.HasSuffix(path, ".csv") {
				continue
			}
			paths = append(paths, strings.NewReplacer(":slug", "levels", "users/:id", "users/"+modItoa(adminID)).Replace(path))
		}
		walk := func(paths []string) {
			for _, path := range paths {
				r := admin.Get(path)
				if r.Doc == nil || r.StatusCode >= 500 {
					t.Errorf("%s: %d", path, r.StatusCode)
					continue
				}
				if skips := headingSkips(r.Doc); len(skips) > 0 {
					t.Errorf("%s skips a heading level at %q", path, skips)
				}
			}
		}
		walk(paths)
		// Closed, the public pages say other things under other headings.
		if err := a.Store.DB.Model(&model.Consultation{}).Where("id = ?", f.Consultation.ID).
			Updates(map[string]any{"closes_at": time.Now().UTC().Add(-time.Minute), "most_commented_public": true, "revision": 9}).Error; err != nil {
			t.Fatal(err)
		}
		walk(append(public, "/consultations/levels/most-commented"))
	})
}
