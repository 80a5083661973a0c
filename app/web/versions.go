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
	Welsh    map[int64]bool // versions with a Welsh document
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
	p := versionsPage{Page: s.page(c, "versions.title", localTitle(langOf(c), con)), C: con, Versions: vs}
	if s.cfg.Bilingual() {
		if p.Welsh, err = s.Store.TranslatedVersions(c.Request().Context(), con.ID, model.Welsh); err != nil {
			return err
		}
	}
	return s.views.render(c, http.StatusOK, "consultations/versions", p)
}

type versionPage struct {
	Page
	C        *model.Consultation
	V        *model.DocumentVersion
	Current  bool
	Headings []document.Heading
	Document template.HTML
	DocLang  string
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
	p := versionPage{Page: s.page(c, "version.title", n, localTitle(langOf(c), con)), C: con, V: v,
		Current:  con.CurrentVersionID != nil && *con.CurrentVersionID == v.ID,
		Headings: headingsOf(v), Document: stripMarkers(v.HTML), DocLang: model.English}
	if p.Lang != model.English {
		t, err := s.Services.Consult.TranslationOf(c.Request().Context(), v.ID, p.Lang)
		if err != nil {
			return err
		}
		if t != nil {
			p.Headings = headingsOf(&model.DocumentVersion{Headings: t.Headings})
			p.Document, p.DocLang = stripMarkers(t.HTML), t.Language
		}
	}
	return s.views.render(c, http.StatusOK, "consultations/version", p)
}

type changesPage struct {
	Page
	C *model.Consultation
	*consult.Comparison
	DocLang string
}

// showChanges is a readable comparison of a version with the one before it.
func (s *Server) showChanges(c echo.Context) error {
	con, n, err := s.readerVersion(c)
	if err != nil {
		return err
	}
	cmp, docLang, err := s.Services.Consult.CompareIn(c.Request().Context(), con, n, langOf(c))
	if err != nil {
		return err
	}
	p := changesPage{Page: s.page(c, "changes.title", n, localTitle(langOf(c), con)), C: con, Comparison: cmp, DocLang: docLang}
	return s.views.render(c, http.StatusOK, "consultations/changes", p)
}
