package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

type themesPage struct {
	Page
	C       *model.Consultation
	Frame   []model.Theme
	Form    consult.ThemeInput
	Created string
}

// ParentName is the name of a theme's parent, or "".
func (p themesPage) ParentName(t model.Theme) string {
	for _, x := range p.Frame {
		if t.ParentID != nil && x.ID == *t.ParentID {
			return x.Name
		}
	}
	return ""
}

// showThemes lists a consultation's coding frame with the form to add a theme.
func (s *Server) showThemes(c echo.Context) error {
	p, err := s.themesPage(c)
	if err != nil {
		return err
	}
	p.Created = c.QueryParam("created")
	return s.views.render(c, http.StatusOK, "analysts/themes", p)
}

func (s *Server) themesPage(c echo.Context) (themesPage, error) {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return themesPage{}, err
	}
	frame, err := s.Services.Reports.Themes(ctx, cons)
	if err != nil {
		return themesPage{}, err
	}
	return themesPage{Page: s.page(c, "analysts.themes.title", cons.Title), C: cons, Frame: frame}, nil
}

// createTheme adds a theme to the coding frame; with ids (a discovered cluster),
// it also tags those comments with it.
func (s *Server) createTheme(c echo.Context) error {
	p, err := s.themesPage(c)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return model.ErrInvalidInput
	}
	ids, err := parseIDs(form["ids"], consult.MaxTagIDs)
	if err != nil {
		return err
	}
	in := consult.ThemeInput{Name: form.Get("name"), Description: form.Get("description"), Parent: form.Get("parent")}
	ctx := c.Request().Context()
	t, err := s.Services.Reports.CreateTheme(ctx, currentUser(c), p.C, in)
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		p.Form = in
		p.withErrors(fe, "name", "description", "parent")
		return s.views.render(c, http.StatusUnprocessableEntity, "analysts/themes", p)
	} else if err != nil {
		return err
	}
	if len(ids) > 0 {
		if _, err := s.Services.Reports.TagComments(ctx, currentUser(c), p.C, ids, t.Name); err != nil {
			return err
		}
	}
	return seeOther(c, "/admin/consultations/"+p.C.Slug+"/themes?"+urlValues("created", t.Name))
}

type commentPage struct {
	Page
	View  *consult.AnalystComment
	Saved string
	Note  string
}

// Has reports whether the comment carries the theme.
func (p commentPage) Has(id int64) bool {
	for _, t := range p.View.ThemeIDs {
		if t == id {
			return true
		}
	}
	return false
}

// showAnalystComment shows one comment to analysts with its themes and notes.
func (s *Server) showAnalystComment(c echo.Context) error {
	p, err := s.commentPage(c)
	if err != nil {
		return err
	}
	if v := c.QueryParam("saved"); v == "themes" || v == "note" {
		p.Saved = v
	}
	return s.views.render(c, http.StatusOK, "analysts/comment", p)
}

func (s *Server) commentPage(c echo.Context) (commentPage, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return commentPage{}, model.ErrNotFound
	}
	v, err := s.Services.Reports.Comment(c.Request().Context(), currentUser(c), id)
	if err != nil {
		return commentPage{}, err
	}
	return commentPage{Page: s.page(c, "analysts.comment.title", id), View: v}, nil
}

// setCommentThemes replaces a comment's themes with those checked.
func (s *Server) setCommentThemes(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return model.ErrNotFound
	}
	form, err := c.FormParams()
	if err != nil {
		return model.ErrInvalidInput
	}
	err = s.Services.Reports.SetCommentThemes(c.Request().Context(), currentUser(c), id, form["theme"])
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		p, err := s.commentPage(c)
		if err != nil {
			return err
		}
		p.withErrors(fe, "theme")
		return s.views.render(c, http.StatusUnprocessableEntity, "analysts/comment", p)
	} else if err != nil {
		return err
	}
	return seeOther(c, "/admin/comments/"+strconv.FormatInt(id, 10)+"?saved=themes")
}

// addNote keeps an internal note on a comment.
func (s *Server) addNote(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return model.ErrNotFound
	}
	note := c.FormValue("note")
	err = s.Services.Reports.AddNote(c.Request().Context(), currentUser(c), id, note)
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		p, err := s.commentPage(c)
		if err != nil {
			return err
		}
		p.Note = note
		p.withErrors(fe, "note")
		return s.views.render(c, http.StatusUnprocessableEntity, "analysts/comment", p)
	} else if err != nil {
		return err
	}
	return seeOther(c, "/admin/comments/"+strconv.FormatInt(id, 10)+"?saved=note#notes")
}
