package web_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// Who may use an admin route.
const (
	staff     = "moderator or analyst"
	moderator = "moderator"
	analyst   = "analyst"
	admin     = "admin"
)

// adminRoutes is every /admin route with the role it needs and the status the
// allowed roles get when called with an empty form (0: 200 for GET, 422 for POST).
// 404 marks routes called with an id that does not exist: they still check the
// role first.
var adminRoutes = []struct {
	route string
	needs string
	ok    int
}{
	{"GET /admin", staff, 0},
	{"GET /admin/moderation", moderator, 0},
	{"POST /admin/moderation/decide", moderator, 0},
	{"GET /admin/users", admin, 0},
	{"GET /admin/users/:id", admin, 0},
	{"POST /admin/users/:id/role", admin, 0},
	{"POST /admin/users/:id/block", admin, 0},
	{"POST /admin/users/:id/unblock", admin, http.StatusSeeOther},
	{"GET /admin/role-confirmations", admin, 0},
	{"POST /admin/role-confirmations/:id", admin, http.StatusNotFound},
	{"GET /admin/audit", admin, 0},
	{"GET /admin/audit.csv", admin, 0},
	{"GET /admin/consultations", admin, 0},
	{"POST /admin/consultations", admin, 0},
	{"GET /admin/consultations/new", admin, 0},
	{"GET /admin/consultations/:slug", admin, 0},
	{"GET /admin/consultations/:slug/edit", admin, 0},
	{"POST /admin/consultations/:slug/edit", admin, 0},
	{"GET /admin/consultations/:slug/versions/new", admin, 0},
	{"POST /admin/consultations/:slug/versions/new", admin, 0},
	{"POST /admin/consultations/:slug/close", admin, http.StatusSeeOther},
	{"GET /admin/consultations/:slug/outcome", admin, 0},
	{"POST /admin/consultations/:slug/outcome", admin, 0},
	{"GET /admin/consultations/:slug/reattach", admin, 0},
	{"POST /admin/consultations/:slug/reattach", admin, http.StatusBadRequest}, // no paragraph given
	{"GET /admin/reports", analyst, 0},
	{"GET /admin/consultations/:slug/reports", analyst, 0},
	{"GET /admin/consultations/:slug/export.csv", analyst, 0},
	{"GET /admin/consultations/:slug/answers.csv", analyst, 0},
	{"GET /admin/consultations/:slug/answers-themes.csv", analyst, 0},
	{"GET /admin/consultations/:slug/questions/:key/answers", analyst, http.StatusNotFound}, // the fixture asks no question
	{"GET /admin/consultations/:slug/report.pdf", analyst, http.StatusSeeOther},
	{"GET /admin/consultations/:slug/report.docx", analyst, http.StatusSeeOther},
	{"POST /admin/consultations/:slug/reports", analyst, http.StatusBadRequest}, // no kind given
	{"GET /admin/consultations/:slug/analysis", analyst, 0},
	{"GET /admin/consultations/:slug/campaigns", staff, 0},
	{"GET /admin/consultations/:slug/campaigns/:id", moderator, http.StatusNotFound},
	{"POST /admin/consultations/:slug/campaigns/:id", moderator, http.StatusNotFound},
	{"GET /admin/jobs/:id", analyst, http.StatusNotFound},
	{"GET /admin/jobs/:id/download", analyst, http.StatusNotFound},
	// Analysts: search (moderators too), the coding frame, tagging and notes.
	{"GET /admin/consultations/:slug/search", staff, 0},
	{"POST /admin/consultations/:slug/search/tag", analyst, 0},
	{"GET /admin/consultations/:slug/themes", analyst, 0},
	{"POST /admin/consultations/:slug/themes", analyst, 0},
	{"GET /admin/comments/:id", analyst, http.StatusNotFound},
	{"POST /admin/comments/:id/themes", analyst, http.StatusNotFound},
	{"POST /admin/comments/:id/notes", analyst, http.StatusNotFound},
	{"GET /admin/consultations/:slug/suggestions", analyst, 0},
	{"POST /admin/consultations/:slug/suggestions", analyst, http.StatusBadRequest},
	{"GET /admin/consultations/:slug/discover", analyst, 0},
	// Authoring.
	{"POST /admin/consultations/:slug/document/import", admin, 0},
	{"POST /admin/consultations/:slug/draft", admin, http.StatusNoContent},
	{"GET /admin/consultations/:slug/attachments", admin, 0},
	{"POST /admin/consultations/:slug/attachments", admin, 0},
	{"POST /admin/consultations/:slug/attachments/:id/delete", admin, http.StatusNotFound},
	// Responses received offline.
	{"GET /admin/consultations/:slug/responses", moderator, 0},
	{"GET /admin/consultations/:slug/responses/new", moderator, 0},
	{"POST /admin/consultations/:slug/responses", moderator, 0},
}

// allows reports whether a role may use a route that needs the given role.
func allows(role, needs string) bool {
	u := &model.User{Role: model.Role(role)}
	if needs == staff {
		return u.Can(model.RoleModerator) || u.Can(model.RoleAnalyst)
	}
	return u.Can(model.Role(needs))
}

// TestEveryAdminRouteChecksItsRole calls every /admin route as anonymous,
// citizen, moderator, analyst and admin. The table must cover the site map.
func TestEveryAdminRouteChecksItsRole(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "roles", model.PreModeration)
		var listed []string
		for _, r := range adminRoutes {
			listed = append(listed, r.route)
		}
		for _, r := range a.Web.RouteList() {
			if (strings.HasPrefix(r, "GET /admin") || strings.HasPrefix(r, "POST /admin")) && !slices.Contains(listed, r) {
				t.Errorf("route %s is not in the role table", r)
			}
		}
		roles := []string{"", "citizen", "moderator", "analyst", "admin"}
		clients := map[string]*testutil.Client{"": a.Client(t)}
		for _, role := range roles[1:] {
			clients[role] = modClient(t, a, "Role"+role, role)
		}
		citizenID := accountID(t, a, "rolecitizen@example.test")
		clients[""].Get("/auth/dev") // a form with a CSRF token, so POSTs reach the role check
		for _, rt := range adminRoutes {
			method, path, _ := strings.Cut(rt.route, " ")
			path = strings.NewReplacer(":slug", f.Consultation.Slug, "users/:id", "users/"+modItoa(citizenID), ":id", "999999").Replace(path)
			for _, role := range roles {
				t.Run(rt.route+" as "+role, func(t *testing.T) {
					var r *testutil.Response
					if method == http.MethodGet {
						r = clients[role].Get(path)
					} else {
						r = clients[role].PostForm(path, nil)
					}
					checkRoleAnswer(t, r, role, rt.needs, method, rt.ok)
				})
			}
		}
	})
}

func checkRoleAnswer(t *testing.T, r *testutil.Response, role, needs, method string, ok int) {
	t.Helper()
	switch {
	case role == "":
		if loc := r.Header.Get("Location"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/auth/sign-in?next=") {
			t.Errorf("anonymous: %d %q, want 303 to sign-in", r.StatusCode, loc)
		}
	case !allows(role, needs):
		if r.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", role, r.StatusCode)
		}
	default:
		want := ok
		if want == 0 && method == http.MethodGet {
			want = http.StatusOK
		} else if want == 0 {
			want = http.StatusUnprocessableEntity
		}
		if r.StatusCode != want {
			t.Errorf("%s: %d, want %d: %.300s", role, r.StatusCode, want, testutil.Text(r))
		}
	}
}
