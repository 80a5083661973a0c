package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"pilcrow/app/document"
	"pilcrow/app/importdoc"
	"pilcrow/app/model"
)

// uploadLimit is the request size of the forms that carry files; every
// other request keeps the site-wide limit.
const uploadLimit = "25M"

// uploadRoutes are the routes given uploadLimit instead of the site-wide one.
var uploadRoutes = map[string]bool{
	"/admin/consultations/:slug/versions/new":    true,
	"/admin/consultations/:slug/document/import": true,
	"/admin/consultations/:slug/attachments":     true,
}

// siteBodyLimit is the site-wide request size limit, and uploadLimit on the
// upload routes.
func siteBodyLimit() echo.MiddlewareFunc {
	small := middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: "2M",
		Skipper: func(c echo.Context) bool { return uploadRoutes[c.Path()] }})
	large := middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: uploadLimit,
		Skipper: func(c echo.Context) bool { return !uploadRoutes[c.Path()] }})
	return func(next echo.HandlerFunc) echo.HandlerFunc { return small(large(next)) }
}

// editorExtras are the parts of the document editor beside the Markdown: the
// images it can show and what an import could not carry over.
type editorExtras struct {
	Images   []model.DocumentImage
	Losses   []importdoc.Loss
	Imported bool
	Uploaded string
	// Changes are the blocks a preview adds, removes or changes against the
	// published version.
	Changes []document.Change
}

func (s *Server) loadEditorExtras(c echo.Context, p *documentFormPage) error {
	imgs, err := s.Services.Consult.Images(c.Request().Context(), p.C)
	p.Images = imgs
	return err
}

// formFile reads an uploaded file of a multipart form; nil when none was chosen.
func formFile(c echo.Context, field string) ([]byte, string, error) {
	fh, err := c.FormFile(field)
	if noFile(fh, err) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, fh.Size))
	return b, fh.Filename, err
}

// noFile reports whether a form came without a file in the field: none
// chosen, an empty one, or a form that was not multipart at all.
func noFile(fh *multipart.FileHeader, err error) bool {
	return errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) || (err == nil && fh.Size == 0)
}

// uploadEditorImage keeps the editor's text as the draft, so nothing typed is
// lost, and uploads the image chosen beside it.
func (s *Server) uploadEditorImage(c echo.Context, p *documentFormPage) error {
	ctx := c.Request().Context()
	data, name, err := formFile(c, "image")
	if err != nil {
		return err
	}
	err = s.Services.Consult.KeepDraft(ctx, p.C.Slug, p.Markdown)
	if err == nil {
		var img *model.DocumentImage
		img, err = s.Services.Consult.UploadImage(ctx, p.C.Slug, name, c.FormValue("alt"), data, actorID(c))
		if err == nil {
			p.Uploaded = img.Name
		}
	}
	if err = s.formError(c, &p.Page, err, "markdown", "image", "alt"); err != nil || len(p.Errors) > 0 {
		return s.renderOr(c, err, "adminconsultations/document", p)
	}
	if err := s.loadEditorExtras(c, p); err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "adminconsultations/document", p)
}

// importDocument turns an uploaded Word or OpenDocument file into the
// editor's text, saved as the draft, with the list of what was not carried over.
func (s *Server) importDocument(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	p := documentFormPage{Page: s.page(c, "admin.document.title", con.Title), C: con}
	fh, ferr := c.FormFile("document")
	switch {
	case noFile(fh, ferr):
		err = model.FieldErrors{"document": "authoring.import.error.required"}
	case ferr != nil:
		return ferr
	default:
		err = s.importFile(c, &p, fh)
	}
	if err == nil {
		err = s.loadEditorExtras(c, &p)
	}
	if err = s.formError(c, &p.Page, err, "document"); err != nil || len(p.Errors) > 0 {
		if md, terr := s.Services.Consult.EditorText(ctx, con); terr == nil {
			p.Markdown = md
		}
		return s.renderOr(c, err, "adminconsultations/document", p)
	}
	return s.views.render(c, http.StatusOK, "adminconsultations/document", p)
}

// importFile converts the uploaded file into the page's Markdown.
func (s *Server) importFile(c echo.Context, p *documentFormPage, fh *multipart.FileHeader) error {
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := s.Services.Consult.ImportDocument(c.Request().Context(), p.C.Slug, fh.Filename, f, fh.Size,
		p.T("authoring.import.notes"), actorID(c))
	if err != nil {
		return err
	}
	p.Markdown, p.Losses, p.Imported = res.Markdown, res.Losses, true
	return nil
}

// autosaveDraft keeps the editor's text as the draft, for the editor's
// script to call while the official types: 204 when saved, 422 with the
// message when the text cannot be kept.
func (s *Server) autosaveDraft(c echo.Context) error {
	err := s.Services.Consult.KeepDraft(c.Request().Context(), c.Param("slug"), c.FormValue("markdown"))
	if fe, ok := adminFieldErrors(err); ok {
		return c.String(http.StatusUnprocessableEntity, s.Catalogue.T(s.page(c, "").Lang, fe["markdown"]))
	}
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
