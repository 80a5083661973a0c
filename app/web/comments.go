package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

// commentFields is the order of the comment form's fields, for the error summary.
var commentFields = []string{"paragraph", "parent", "body", "responding_as", "organisation", "publish", "stance"}

// readCommentForm reads the contract's comment form fields and our submission token.
func readCommentForm(c echo.Context) commentForm {
	return commentForm{
		Paragraph: c.FormValue("paragraph"), Body: c.FormValue("body"), Parent: c.FormValue("parent"),
		RespondingAs: c.FormValue("responding_as"), Organisation: c.FormValue("organisation"),
		Publish: c.FormValue("publish"), Stance: c.FormValue("stance"),
		SubmissionToken: c.FormValue("submission_token"),
	}
}

func (f commentForm) input() consult.CommentInput {
	return consult.CommentInput{
		ParagraphKey: f.Paragraph, Body: f.Body, Parent: f.Parent, RespondingAs: f.RespondingAs,
		Organisation: f.Organisation, Publish: f.Publish, Stance: f.Stance, SubmissionToken: f.SubmissionToken,
	}
}

// createComment stores a comment and shows it on its paragraph's page; errors
// re-render the page with what was typed. Signed-out visitors are sent to sign in
// and back to the paragraph, since a POST cannot be replayed after sign-in.
func (s *Server) createComment(c echo.Context) error {
	ctx := c.Request().Context()
	slug, f := c.Param("slug"), readCommentForm(c)
	back := paragraphURL(slug, f.Paragraph)
	if f.Paragraph != "" && !validKey(f.Paragraph) {
		back = paragraphURL(slug, "")
	}
	u := currentUser(c)
	if u == nil {
		return seeOther(c, "/auth/sign-in?next="+url.QueryEscape(back))
	}
	in := f.input()
	in.Language = langOf(c)
	cm, _, err := s.Services.Consult.SubmitComment(ctx, u, c.RealIP(), slug, in)
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		return s.commentFormErrors(c, slug, f, fe)
	}
	if err != nil {
		return err
	}
	return seeOther(c, paragraphURL(slug, cm.ParagraphKey)+"?sent="+strconv.FormatInt(cm.ID, 10)+"#comment-"+strconv.FormatInt(cm.ID, 10))
}

// commentFormErrors re-renders the paragraph page (or the whole-document page,
// when the paragraph is unknown) with 422 and the error summary.
func (s *Server) commentFormErrors(c echo.Context, slug string, f commentForm, fe model.FieldErrors) error {
	key := f.Paragraph
	if _, bad := fe["paragraph"]; bad || (key != "" && !validKey(key)) {
		key = ""
	}
	p, err := s.Services.Consult.Paragraph(c.Request().Context(), slug, key, currentUser(c))
	if err != nil {
		return err
	}
	page, err := s.paragraphPage(c, p, f)
	if err != nil {
		return err
	}
	page.Form.Paragraph = key
	page.withErrors(fe, commentFields...)
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.views.render(c, http.StatusUnprocessableEntity, "comments/paragraph", page)
}

type editCommentPage struct {
	Page
	Comment *model.Comment
	Form    commentForm
	Back    string
}

// showEditComment offers the author's pending comment for editing.
func (s *Server) showEditComment(c echo.Context) error {
	cm, err := s.changeableComment(c)
	if err != nil {
		return err
	}
	f := commentForm{Body: cm.Body, RespondingAs: cm.RespondingAs, Organisation: cm.Organisation,
		Publish: string(cm.Publish), Stance: cm.Stance}
	return s.renderEdit(c, http.StatusOK, cm, f, nil)
}

// updateComment saves the author's changes to a pending comment.
func (s *Server) updateComment(c echo.Context) error {
	cm, err := s.ownComment(c)
	if err != nil {
		return err
	}
	f := readCommentForm(c)
	_, err = s.Services.Consult.EditComment(c.Request().Context(), currentUser(c), cm.ID, f.input())
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		return s.renderEdit(c, http.StatusUnprocessableEntity, cm, f, fe)
	}
	if err != nil {
		return err
	}
	return seeOther(c, "/me?edited="+strconv.FormatInt(cm.ID, 10))
}

func (s *Server) renderEdit(c echo.Context, status int, cm *model.Comment, f commentForm, fe model.FieldErrors) error {
	p := editCommentPage{Page: s.page(c, "comments.edit.title"), Comment: cm, Form: f, Back: "/me"}
	if cm.Status != model.CommentPending {
		status = http.StatusConflict
	}
	p.withErrors(fe, commentFields...)
	return s.views.render(c, status, "comments/edit", p)
}

type withdrawPage struct {
	Page
	Comment *model.Comment
}

// showWithdrawComment asks the author to confirm withdrawing a comment.
func (s *Server) showWithdrawComment(c echo.Context) error {
	cm, err := s.changeableComment(c)
	if err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "comments/withdraw", withdrawPage{Page: s.page(c, "comments.withdraw.title"), Comment: cm})
}

// withdrawComment withdraws the author's comment.
func (s *Server) withdrawComment(c echo.Context) error {
	id, err := commentID(c)
	if err != nil {
		return err
	}
	if _, err := s.Services.Consult.WithdrawComment(c.Request().Context(), currentUser(c), id); err != nil {
		return err
	}
	return seeOther(c, "/me?withdrawn="+strconv.FormatInt(id, 10))
}

// ownComment loads the comment named in the path, if the signed-in person wrote it.
func (s *Server) ownComment(c echo.Context) (*model.Comment, error) {
	id, err := commentID(c)
	if err != nil {
		return nil, err
	}
	return s.Services.Consult.OwnComment(c.Request().Context(), currentUser(c), id)
}

// changeableComment is ownComment refused with model.ErrClosed once the
// consultation has closed, so the edit and withdraw pages say so up front.
func (s *Server) changeableComment(c echo.Context) (*model.Comment, error) {
	id, err := commentID(c)
	if err != nil {
		return nil, err
	}
	return s.Services.Consult.ChangeableComment(c.Request().Context(), currentUser(c), id)
}

// commentID reads the :id path parameter; anything but a positive number is not found.
func commentID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, model.ErrNotFound
	}
	return id, nil
}

// PublishOptions are the publication choices in the order the form offers them.
func (commentForm) PublishOptions() []string { return []string{"name", "anonymous", "no"} }

// StanceOptions are the stances in the order the form offers them; "" is no view.
func (commentForm) StanceOptions() []string { return []string{"agree", "disagree", "neutral", ""} }
