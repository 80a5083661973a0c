package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/document"
	"pilcrow/app/model"
)

// paragraphPage is one block with its comments and the comment form; with no
// block it is the page for responding to the whole document.
type paragraphPage struct {
	Page
	*consult.Paragraph
	Slug      string
	Key       string
	BlockHTML template.HTML
	Form      commentForm
	ReplyTo   *consult.CommentView
	Sent      *model.Comment // the comment just sent, for the confirmation banner
	SignIn    string
	Self      string // this page's address, without query
	Back      string // the block in the document
	Reasons   []string
	DocLang   string       // the language the block is shown in
	Other     LanguageLink // the same paragraph in the other language, when it has one
	// ThreadsHTML is the comments with their replies, assembled by renderThreads.
	ThreadsHTML template.HTML
}

// commentForm is the contract's comment form as typed, kept on errors.
type commentForm struct {
	Paragraph, Body, Parent, RespondingAs, Organisation, Publish, Stance, SubmissionToken string
}

// showParagraph is a block's page: its text, its comments and the form.
func (s *Server) showParagraph(c echo.Context) error {
	key := c.Param("key")
	if !validKey(key) {
		return model.ErrNotFound
	}
	return s.paragraphGet(c, key)
}

// showRespond is the form for a comment on the whole document.
func (s *Server) showRespond(c echo.Context) error { return s.paragraphGet(c, "") }

func (s *Server) paragraphGet(c echo.Context, key string) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	shared := u == nil && c.QueryString() == ""
	if shared {
		if kept, err := s.keptParagraph(c, key); err != nil || kept != nil {
			return err
		}
	}
	p, err := s.Services.Consult.Paragraph(ctx, c.Param("slug"), key, u)
	if err != nil {
		return err
	}
	form := commentForm{Paragraph: key}
	if id, err := strconv.ParseInt(c.QueryParam("reply"), 10, 64); err == nil {
		form.Parent = strconv.FormatInt(id, 10)
	}
	page, err := s.paragraphPage(c, p, form)
	if err != nil {
		return err
	}
	if err := s.paragraphQuestion(c, &page, nil, nil); err != nil {
		return err
	}
	if id, err := strconv.ParseInt(c.QueryParam("sent"), 10, 64); err == nil && u != nil {
		if cm, err := s.Store.Comment(ctx, id); err == nil && cm.UserID == u.ID {
			page.Sent = cm
		}
	}
	if u != nil {
		c.Response().Header().Set("Cache-Control", "no-store")
	}
	if !shared || (p.Block != nil && p.Block.Kind == document.KindQuestion) {
		return s.views.render(c, http.StatusOK, "comments/paragraph", page)
	}
	body, err := s.views.execute("comments/paragraph", page)
	if err != nil {
		return err
	}
	k := sharedKey{consultation: p.Consultation.ID, kind: "paragraph", key: key, lang: langOf(c)}
	return writeSharedPage(c, s.shared.keep(k, p.Consultation, p.Status, body))
}

// keptParagraph sends the page kept for visitors who are not signed in when
// it is still valid, and says whether it did. A question's page is never
// kept: it carries the answer form.
func (s *Server) keptParagraph(c echo.Context, key string) (*sharedPage, error) {
	con, err := s.Services.Consult.ForReader(c.Request().Context(), c.Param("slug"), nil)
	if err != nil {
		return nil, err
	}
	k := sharedKey{consultation: con.ID, kind: "paragraph", key: key, lang: langOf(c)}
	kept := s.shared.get(k, con, s.Services.Consult.Status(con))
	if kept == nil {
		return nil, nil
	}
	return kept, writeSharedPage(c, kept)
}

// paragraphPage fills the page for a paragraph and a form, finding the comment
// replied to among those shown, so a reply link to anything else is ignored.
func (s *Server) paragraphPage(c echo.Context, p *consult.Paragraph, form commentForm) (paragraphPage, error) {
	slug := p.Consultation.Slug
	page := paragraphPage{Paragraph: p, Slug: slug, Form: form, Reasons: consult.FlagReasons}
	title := localTitle(langOf(c), p.Consultation)
	if p.Block != nil {
		page.Page = s.page(c, "comments.paragraph.title", p.Block.Number, title)
		page.Key = p.Block.Key
		page.BlockHTML = template.HTML(p.Block.HTML) // #nosec: rendered and sanitised by the document package
		page.Back = consultationURL(slug) + "#p-" + p.Block.Key
	} else {
		page.Page = s.page(c, "comments.respond.title", title)
		page.Back = consultationURL(slug)
	}
	page.Self = paragraphURL(slug, page.Key)
	page.DocLang = model.English
	if p.Block != nil {
		s.localiseBlock(c, &page)
	}
	page.SignIn = "/auth/sign-in?next=" + url.QueryEscape(page.Self)
	if page.Form.SubmissionToken == "" {
		page.Form.SubmissionToken = consult.NewSubmissionToken()
	}
	if id, err := strconv.ParseInt(form.Parent, 10, 64); err == nil {
		for i := range p.Threads {
			if t := &p.Threads[i]; t.ID == id && t.ParentID == nil && consult.PubliclyVisible(&t.Comment) {
				page.ReplyTo = t
			}
		}
	}
	var err error
	page.ThreadsHTML, err = s.renderThreads(&page)
	return page, err
}

// localiseBlock shows the block in the page's language when its version has a
// translation, and links to the same paragraph in the other language.
func (s *Server) localiseBlock(c echo.Context, page *paragraphPage) {
	if !s.cfg.Bilingual() {
		return
	}
	b, t := page.Welsh, page.WelshTranslation
	if b == nil {
		return // no Welsh for this version: the English block is all there is
	}
	other := model.Welsh
	if page.Lang == model.Welsh {
		other = model.English
		local := *page.Block
		local.Section, local.Text = b.Section, b.Text
		page.Block, page.DocLang = &local, t.Language
		page.BlockHTML = template.HTML(b.HTML) // #nosec: rendered and sanitised by the document package
	}
	page.Other = LanguageLink{Lang: other, Name: page.T("language.other"), URL: page.Self + "?lang=" + other}
}

// validKey accepts the shape of block keys, so odd input never reaches a query.
func validKey(k string) bool {
	if k == "" || len(k) > 64 {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// consultationURL is the document page of a consultation.
func consultationURL(slug string) string { return "/consultations/" + url.PathEscape(slug) }

// paragraphURL is the page of a block, or of the whole document for key "".
func paragraphURL(slug, key string) string {
	if key == "" {
		return consultationURL(slug) + "/respond"
	}
	return consultationURL(slug) + "/paragraphs/" + url.PathEscape(key)
}
