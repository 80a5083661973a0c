package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/document"
	"pilcrow/app/model"
)

type consultationPage struct {
	Page
	C        *model.Consultation
	Status   model.Status
	Version  *splitVersion // nil before the first publication
	Document template.HTML
	Total    int // public comments, replies included
	Whole    int // public comments on the whole document
	Preview  bool
	DocLang  string // the language of the document shown, which may differ from the page's
	// Attachments are the supporting documents published beside it.
	Attachments []attachmentView
}

// showConsultation is the document page. It reads the consultation row and
// otherwise serves cached parts (see pageCache); visitors who are not signed in
// share one rendered page per revision and status.
func (s *Server) showConsultation(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Services.Consult.ForReader(ctx, c.Param("slug"), currentUser(c))
	if err != nil {
		return err
	}
	status := s.Services.Consult.Status(con)
	shared := currentUser(c) == nil && c.QueryString() == "" && status != model.StatusDraft && s.blockedNotice(c, nil) == nil
	if shared {
		if kept := s.pages.anonymousPage(con, status, langOf(c)); kept != nil {
			return writeSharedPage(c, kept)
		}
	}
	lang := langOf(c)
	p := consultationPage{Page: s.page(c, "consultation.title", localTitle(lang, con)), C: con, Status: status,
		Preview: status == model.StatusDraft, DocLang: lang}
	if p.Attachments, err = s.consultationAttachments(c, con); err != nil {
		return err
	}
	var doc *assembledPage
	if con.CurrentVersionID != nil {
		if doc, p.Version, err = s.pages.page(ctx, s.Store, con, lang, s.blockLink(lang)); err != nil {
			return err
		}
		p.Document, p.Total, p.Whole, p.DocLang = doc.HTML, doc.Total, doc.Counts[""], doc.docLang
		if p.Document, err = s.documentQuestions(c, &p.Page, con, status, p.Version, p.Document); err != nil {
			return err
		}
	}
	if !shared || doc == nil {
		if p.Preview {
			c.Response().Header().Set("Cache-Control", "no-store")
		}
		return s.views.render(c, http.StatusOK, "consultations/show", p)
	}
	body, err := s.views.execute("consultations/show", p)
	if err != nil {
		return err
	}
	return writeSharedPage(c, s.pages.keepAnonymousPage(doc, status, body))
}

// localTitle is the consultation's title in lang, falling back to English.
func localTitle(lang string, c *model.Consultation) string {
	t, _ := model.Localised(lang, c.Title, c.TitleCy)
	return t
}

// readerConsultation loads the consultation named in the path, as a visitor may see it.
func (s *Server) readerConsultation(c echo.Context) (*model.Consultation, error) {
	return s.Services.Consult.ForReader(c.Request().Context(), c.Param("slug"), currentUser(c))
}

// readerVersion is readerConsultation plus the version number of the :n parameter.
func (s *Server) readerVersion(c echo.Context) (*model.Consultation, int, error) {
	con, err := s.readerConsultation(c)
	if err != nil {
		return nil, 0, err
	}
	n, err := versionNumber(c)
	return con, n, err
}

// versionNumber reads the :n path parameter; anything but a positive number is not found.
func versionNumber(c echo.Context) (int, error) {
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 || strconv.Itoa(n) != c.Param("n") {
		return 0, model.ErrNotFound
	}
	return n, nil
}

// headingsOf is the table of contents of a version.
func headingsOf(v *model.DocumentVersion) []document.Heading { return consult.Headings(v) }
