package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestAdminHome shows each consultation's counts to moderators and the links
// each role opens.
func TestAdminHome(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "home", model.PreModeration)
		testutil.NewModerationFixture(t, a.Store, a.Consult, "quiet", model.PreModeration)
		author := f.User("Ann", "ann@example.test", model.RoleCitizen)
		for i, st := range []model.CommentStatus{"pending", "pending", "pending", "approved", "rejected", "rejected"} {
			f.Comment(author, "c", func(c *model.Comment) {
				c.Status, c.CreatedAt = st, time.Now().UTC().Add(-time.Duration(3-i)*24*time.Hour)
				c.FlagCount = i % 2
			})
		}
		cases := []struct {
			role   string
			counts bool
			links  []string
			absent []string
		}{
			{"moderator", true, []string{"/admin/moderation"}, []string{"/admin/users", "/admin/reports"}},
			{"analyst", false, []string{"/admin/reports", "/admin/consultations/home/export.csv"}, []string{"/admin/moderation", "/admin/audit"}},
			{"admin", true, []string{"/admin/moderation", "/admin/reports", "/admin/consultations", "/admin/users", "/admin/audit"}, nil},
		}
		for _, tc := range cases {
			t.Run(tc.role, func(t *testing.T) {
				r := modClient(t, a, "Home"+tc.role, tc.role).Get("/admin").Expect(t, http.StatusOK)
				row := r.Doc.Find(`tr[data-consultation="home"]`)
				// The first word: the rest is visually hidden text for screen readers.
				count := func(k string) string {
					words := strings.Fields(row.Find(`[data-count="` + k + `"]`).Text())
					if k == "oldest" || len(words) == 0 {
						return strings.Join(words, " ")
					}
					return words[0]
				}
				if tc.counts {
					got := []string{count("pending"), count("flagged"), count("approved"), count("rejected"), count("oldest")}
					if strings.Join(got, ",") != "3,2,1,2,3 days" {
						t.Errorf("counts = %v, want 3,2,1,2,3 days", got)
					}
					if q := r.Doc.Find(`tr[data-consultation="quiet"] [data-count="oldest"]`).Text(); q != "None" {
						t.Errorf("quiet consultation's oldest pending = %q", q)
					}
				} else if row.Find("[data-count]").Length() != 0 {
					t.Error("an analyst sees moderation counts")
				}
				for _, href := range tc.links {
					if r.Doc.Find(`main a[href="`+href+`"]`).Length() == 0 {
						t.Errorf("no link to %s", href)
					}
				}
				for _, href := range tc.absent {
					if r.Doc.Find(`main a[href="`+href+`"]`).Length() != 0 {
						t.Errorf("a %s sees a link to %s", tc.role, href)
					}
				}
			})
		}
	})
}
