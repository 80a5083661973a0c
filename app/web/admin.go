package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
)

type adminHomePage struct {
	Page
	Consultations []consult.ConsultationCounts
	Now           time.Time
}

// showAdminHome is the officials' landing page: per consultation, how many comments
// wait in each state and how old the oldest pending one is, with links to the
// areas the person's role opens.
func (s *Server) showAdminHome(c echo.Context) error {
	counts, err := s.Services.Consult.ModerationOverview(c.Request().Context(), currentUser(c))
	if err != nil {
		return err
	}
	p := adminHomePage{Page: s.page(c, "admin.title"), Consultations: counts, Now: s.Now()}
	return s.views.render(c, http.StatusOK, "admin/home", p)
}

// Age says how long ago t was, in the largest whole unit: "3 days", "5 hours".
func (p adminHomePage) Age(t time.Time) string {
	d := p.Now.Sub(t)
	switch {
	case d >= 48*time.Hour:
		return p.Plural("adminhome.age.days", int(d/(24*time.Hour)))
	case d >= 2*time.Hour:
		return p.Plural("adminhome.age.hours", int(d/time.Hour))
	}
	return p.Plural("adminhome.age.minutes", int(d/time.Minute))
}

// RouteList lists every route as "METHOD path", so that a test can check that
// its table of routes and roles covers the whole site map.
func (s *Server) RouteList() []string {
	var out []string
	for _, r := range s.echo.Routes() {
		if r.Method == http.MethodGet || r.Method == http.MethodPost {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}
