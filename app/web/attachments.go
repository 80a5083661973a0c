package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
)

// attachmentView is a supporting document as the GOV.UK attachment pattern
// shows it: title, type, size and, for a PDF, pages where known.
type attachmentView struct {
	ID       int64
	Title    string
	URL      string
	Kind     string // its type's message key suffix
	FileName string
	Size     string
	Pages    int
}

// attachmentURL is the download address of a supporting document.
func attachmentURL(slug string, a *model.Attachment) string {
	return "/consultations/" + url.PathEscape(slug) + "/attachments/" + strconv.FormatInt(a.ID, 10) + "/" + url.PathEscape(a.FileName)
}

// humanSize writes a size as GOV.UK does: "850 KB", "2.3 MB".
func humanSize(n int) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}

func attachmentViews(slug string, as []model.Attachment) []attachmentView {
	out := make([]attachmentView, 0, len(as))
	for i := range as {
		a := &as[i]
		out = append(out, attachmentView{ID: a.ID, Title: a.Title, URL: attachmentURL(slug, a), Kind: a.Kind,
			FileName: a.FileName, Size: humanSize(a.Size), Pages: a.Pages})
	}
	return out
}

// downloadAttachment serves a supporting document as a download: never shown
// inline, whatever its type, and with nosniff so a browser cannot treat it
// as something else.
func (s *Server) downloadAttachment(c echo.Context) error {
	ctx := c.Request().Context()
	con, err := s.readerConsultation(c)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return model.ErrNotFound
	}
	a, err := s.Services.Consult.Attachment(ctx, con, id)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, a.FileName, url.PathEscape(a.FileName)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	if s.Services.Consult.Status(con) == model.StatusDraft {
		h.Set("Cache-Control", "no-store")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	h.Set("ETag", `"`+a.Hash+`"`)
	return c.Blob(http.StatusOK, a.ContentType, a.Data)
}

type attachmentsPage struct {
	Page
	C           *model.Consultation
	Attachments []attachmentView
	Title       string
	Done        string
}

func (s *Server) attachmentsPage(c echo.Context) (attachmentsPage, error) {
	ctx := c.Request().Context()
	con, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return attachmentsPage{}, err
	}
	as, err := s.Services.Consult.Attachments(ctx, con)
	if err != nil {
		return attachmentsPage{}, err
	}
	return attachmentsPage{Page: s.page(c, "authoring.attachments.title", con.Title), C: con,
		Attachments: attachmentViews(con.Slug, as)}, nil
}

// listAttachments shows a consultation's supporting documents with the form
// that adds one.
func (s *Server) listAttachments(c echo.Context) error {
	p, err := s.attachmentsPage(c)
	if err != nil {
		return err
	}
	if d := c.QueryParam("done"); d == "added" || d == "removed" {
		p.Done = d
	}
	return s.views.render(c, http.StatusOK, "adminconsultations/attachments", p)
}

// addAttachment uploads a supporting document.
func (s *Server) addAttachment(c echo.Context) error {
	p, err := s.attachmentsPage(c)
	if err != nil {
		return err
	}
	p.Title = c.FormValue("title")
	data, name, err := formFile(c, "file")
	if err != nil {
		return err
	}
	_, err = s.Services.Consult.AddAttachment(c.Request().Context(), p.C.Slug, p.Title, name, data, actorID(c))
	if err = s.formError(c, &p.Page, err, "title", "file"); err != nil || len(p.Errors) > 0 {
		return s.renderOr(c, err, "adminconsultations/attachments", p)
	}
	return seeOther(c, "/admin/consultations/"+p.C.Slug+"/attachments?done=added")
}

// removeAttachment takes a supporting document down.
func (s *Server) removeAttachment(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return model.ErrNotFound
	}
	if err := s.Services.Consult.RemoveAttachment(c.Request().Context(), c.Param("slug"), id, actorID(c)); err != nil {
		return err
	}
	return seeOther(c, "/admin/consultations/"+c.Param("slug")+"/attachments?done=removed")
}

// consultationAttachments lists the supporting documents for the public page.
func (s *Server) consultationAttachments(c echo.Context, con *model.Consultation) ([]attachmentView, error) {
	if con.AttachmentCount == 0 {
		return nil, nil
	}
	as, err := s.Services.Consult.Attachments(c.Request().Context(), con)
	return attachmentViews(con.Slug, as), err
}
