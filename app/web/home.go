package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
)

type homePage struct {
	Page
	consult.Listing
}

// showHome lists the open, upcoming and closed consultations.
func (s *Server) showHome(c echo.Context) error {
	l, err := s.Services.Consult.Home(c.Request().Context())
	if err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "home/index", homePage{Page: s.page(c, "home.title"), Listing: l})
}

type infoPage struct {
	Page
	Name      string
	Retention string // the privacy notice's retention paragraph, with the configured period
}

// showInfo serves one of the fixed information pages from the message catalogue.
func (s *Server) showInfo(name string) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := infoPage{Page: s.page(c, "info."+name+".title"), Name: name}
		r := s.cfg.Retention
		p.Retention = p.T("retention.notice", p.Plural("retention.period."+string(r.Unit), r.Count))
		return s.views.render(c, http.StatusOK, "info/"+name, p)
	}
}
