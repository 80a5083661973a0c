package web

import (
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/document"
	"pilcrow/app/model"
)

type adminConsultationPage struct {
	Page
	C        *model.Consultation
	Status   model.Status
	Versions []model.DocumentVersion
	Done     string
	Orphans  int // rewritten paragraphs whose comments wait to be re-attached
}

// showAdminConsultation is a consultation's overview with every action on it.
func (s *Server) showAdminConsultation(c echo.Context) error {
	p, err := s.adminConsultationPage(c)
	if err != nil {
		return err
	}
	if d := c.QueryParam("done"); adminDone[d] {
		p.Done = d
	}
	return s.views.render(c, http.StatusOK, "adminconsultations/show", p)
}

func (s *Server) adminConsultationPage(c echo.Context) (adminConsultationPage, error) {
	ctx := c.Request().Context()
	con, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return adminConsultationPage{}, err
	}
	vs, err := s.Store.Versions(ctx, con.ID)
	if err != nil {
		return adminConsultationPage{}, err
	}
	orphans, err := s.Services.Consult.OrphanCount(ctx, currentUser(c), con)
	if err != nil {
		return adminConsultationPage{}, err
	}
	return adminConsultationPage{Page: s.page(c, "admin.consultation.title", con.Title), C: con,
		Status: s.Services.Consult.Status(con), Versions: vs, Orphans: orphans}, nil
}

// closeConsultation ends an open consultation now.
func (s *Server) closeConsultation(c echo.Context) error {
	err := s.Services.Consult.CloseEarly(c.Request().Context(), c.Param("slug"), actorID(c))
	if fe, ok := adminFieldErrors(err); ok {
		p, err := s.adminConsultationPage(c)
		if err != nil {
			return err
		}
		p.withErrors(fe)
		return s.views.render(c, http.StatusUnprocessableEntity, "adminconsultations/show", p)
	}
	if err != nil {
		return err
	}
	return seeOther(c, adminConsultationURL(c.Param("slug"))+"?done=closed")
}

type documentFormPage struct {
	Page
	C          *model.Consultation
	Markdown   string
	ChangeNote string
	Preview    template.HTML
	Blocks     int
	MarkdownCy string // the Welsh document beside the English one, when Welsh is on
	Bilingual  bool
	// QuestionChanges are answered questions whose options the preview changes.
	QuestionChanges []consult.QuestionChange
	editorExtras
}

// newVersion shows the Markdown editor, starting from the draft or current text.
func (s *Server) newVersion(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	md, err := s.Services.Consult.EditorText(ctx, con)
	if err != nil {
		return err
	}
	p := documentFormPage{Page: s.page(c, "admin.document.title", con.Title), C: con, Markdown: md, Bilingual: s.cfg.Bilingual()}
	if p.Bilingual {
		if p.MarkdownCy, err = s.Services.Consult.EditorTextCy(ctx, con); err != nil {
			return err
		}
	}
	if err := s.loadEditorExtras(c, &p); err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "adminconsultations/document", p)
}

// saveVersion previews, saves as a draft or publishes the Markdown, as the
// button pressed says. A preview stores nothing.
func (s *Server) saveVersion(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	p := documentFormPage{Page: s.page(c, "admin.document.title", con.Title), C: con,
		Markdown: c.FormValue("markdown"), ChangeNote: c.FormValue("change_note"), Bilingual: s.cfg.Bilingual()}
	if p.Bilingual {
		p.MarkdownCy = normaliseCRLF(c.FormValue("markdown_cy"))
	}
	if err := s.loadEditorExtras(c, &p); err != nil {
		return err
	}
	if c.FormValue("action") == "image" {
		return s.uploadEditorImage(c, &p)
	}
	if refused, err := s.welshEditor(c, &p); err != nil || refused {
		return s.renderOr(c, err, "adminconsultations/document", p)
	}
	var doc document.Document
	switch c.FormValue("action") {
	case "preview":
		// A preview keeps the text as the draft too, so no work is lost.
		if err = s.Services.Consult.KeepDraft(ctx, con.Slug, p.Markdown); err == nil {
			doc, err = s.Services.Consult.Preview(p.Markdown)
		}
	case "draft":
		err = s.Services.Consult.SaveDraft(ctx, con.Slug, p.Markdown, actorID(c))
		if err == nil && p.Bilingual {
			err = s.Services.Consult.SaveDraftCy(ctx, con.Slug, p.MarkdownCy)
		}
	default:
		same := false
		if p.MarkdownCy != "" {
			if same, err = s.Services.Consult.SameAsCurrent(ctx, con, p.Markdown); err != nil {
				return err
			}
		}
		if !same {
			_, err = s.Services.Consult.NewVersion(ctx, con.Slug, p.Markdown, p.ChangeNote, actorID(c))
		}
		if p.MarkdownCy != "" && err == nil {
			err = s.publishWelsh(c, &p)
		}
	}
	err = s.questionError(&p.Page, err)
	if err = s.formError(c, &p.Page, err, "markdown", "change_note", "markdown_cy"); err != nil || len(p.Errors) > 0 {
		return s.renderOr(c, err, "adminconsultations/document", p)
	}
	switch c.FormValue("action") {
	case "preview":
		h, _, err := s.Services.Consult.ResolveImages(ctx, con.ID, doc.HTML)
		if err != nil {
			return err
		}
		p.Preview, p.Blocks = stripMarkers(h), len(doc.Blocks)
		if p.Preview, err = s.previewQuestions(&p.Page, con.Slug, doc, p.Preview); err != nil {
			return err
		}
		if p.Changes, err = s.Services.Consult.PreviewChanges(ctx, con, p.Markdown); err != nil {
			return err
		}
		if p.QuestionChanges, err = s.Services.Consult.QuestionChanges(ctx, con, p.Markdown); err != nil {
			return err
		}
		return s.views.render(c, http.StatusOK, "adminconsultations/document", p)
	case "draft":
		return seeOther(c, adminConsultationURL(con.Slug)+"?done=draft")
	}
	return seeOther(c, adminConsultationURL(con.Slug)+"?done=published")
}

// formError moves field errors onto the page and returns any other error.
func (s *Server) formError(_ echo.Context, p *Page, err error, order ...string) error {
	if fe, ok := adminFieldErrors(err); ok {
		p.withErrors(fe, order...)
		return nil
	}
	return err
}

// renderOr returns err when there is one, else re-renders the form with 422.
func (s *Server) renderOr(c echo.Context, err error, name string, data any) error {
	if err != nil {
		return err
	}
	return s.views.render(c, http.StatusUnprocessableEntity, name, data)
}
