package web

import (
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/document"
	"pilcrow/app/model"
)

type versionsPage struct {
	Page
	C        *model.Consultation
	Versions []model.DocumentVersion
}

// listVersions is the public history of a consultation's document.
func (s *Server) listVersions(c echo.Context) error {
	con, err := s.readerConsultation(c)
	if err != nil {
		return err
	}
	vs, err := s.Store.Versions(c.Request().Context(), con.ID)
	if err != nil {
		return err
	}
	p := versionsPage{Page: s.page(c, "versions.title", con.Title), C: con, Versions: vs}
	return s.views.render(c, http.StatusOK, "consultations/versions", p)
}

type versionPage struct {
	Page
	C        *model.Consultation
	V        *model.DocumentVersion
	Current  bool
	Headings []document.Heading
	Document template.HTML
}

// showVersion shows one version as it was published, without comment links.
func (s *Server) showVersion(c echo.Context) error {
	con, n, err := s.readerVersion(c)
	if err != nil {
		return err
	}
	v, err := s.Services.Consult.VersionOf(c.Request().Context(), con, n)
	if err != nil {
		return err
	}
	p := versionPage{Page: s.page(c, "version.title", n, con.Title), C: con, V: v,
		Current:  con.CurrentVersionID != nil && *con.CurrentVersionID == v.ID,
		Headings: headingsOf(v), Document: stripMarkers(v.HTML)}
	return s.views.render(c, http.StatusOK, "consultations/version", p)
}

type changesPage struct {
	Page
	C *model.Consultation
	*consult.Comparison
}

// showChanges is a readable comparison of a version with the one before it.
func (s *Server) showChanges(c echo.Context) error {
	con, n, err := s.readerVersion(c)
	if err != nil {
		return err
	}
	cmp, err := s.Services.Consult.Compare(c.Request().Context(), con, n)
	if err != nil {
		return err
	}
	p := changesPage{Page: s.page(c, "changes.title", n, con.Title), C: con, Comparison: cmp}
	return s.views.render(c, http.StatusOK, "consultations/changes", p)
}
