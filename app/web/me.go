package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

type mePage struct {
	Page
	*consult.MyCommentsPage
	Prev, Next string
	Edited     bool
	Withdrawn  bool
	Responses  []model.Consultation // consultations whose questions the person answered
}

// showMe lists every comment of the signed-in person, whatever its status, a
// page at a time: ?before= the position of the last comment seen pages to older
// ones, ?after= that of the first to newer ones.
func (s *Server) showMe(c echo.Context) error {
	from, newer, err := meCursor(c)
	if err != nil {
		return err
	}
	mine, err := s.Services.Consult.MyComments(c.Request().Context(), currentUser(c), from, newer)
	if err != nil {
		return err
	}
	p := mePage{Page: s.page(c, "me.title"), MyCommentsPage: mine,
		Edited: c.QueryParam("edited") != "", Withdrawn: c.QueryParam("withdrawn") != ""}
	if p.Responses, err = s.Services.Consult.RespondedConsultations(c.Request().Context(), currentUser(c)); err != nil {
		return err
	}
	if n := len(mine.Comments); n > 0 {
		if mine.HasNewer {
			p.Prev = "/me?after=" + meCursorOf(mine.Comments[0])
		}
		if mine.HasOlder {
			p.Next = "/me?before=" + meCursorOf(mine.Comments[n-1])
		}
	}
	return s.views.render(c, http.StatusOK, "me/index", p)
}

// meCursor reads the page's position; anything our links would not send is a 400.
func meCursor(c echo.Context) (*store.QueueCursor, bool, error) {
	v, newer := c.QueryParam("before"), false
	if a := c.QueryParam("after"); a != "" {
		v, newer = a, true
	}
	if v == "" {
		return nil, false, nil
	}
	cur, ok := parseQueueCursor(v)
	if !ok {
		return nil, false, model.ErrInvalidInput
	}
	return &cur, newer, nil
}

func meCursorOf(m consult.MyComment) string {
	return strconv.FormatInt(m.CreatedAt.UnixNano(), 10) + "-" + strconv.FormatInt(m.ID, 10)
}

// downloadMyData sends everything held about the account as a JSON file.
func (s *Server) downloadMyData(c echo.Context) error {
	u := currentUser(c)
	d, err := s.Services.Consult.ExportData(c.Request().Context(), u)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	name := "pilcrow-my-data-" + time.Now().UTC().Format("20060102") + ".json"
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "application/json; charset=utf-8", b)
}

type deleteAccountPage struct {
	Page
	Comments int
}

// showDeleteAccount says what deleting the account does before asking to confirm.
func (s *Server) showDeleteAccount(c echo.Context) error {
	mine, err := s.Services.Consult.MyComments(c.Request().Context(), currentUser(c), nil, false)
	if err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "me/delete", deleteAccountPage{Page: s.page(c, "me.delete.title"), Comments: mine.Total})
}

// deleteAccount deletes the account and its comments, then signs out.
func (s *Server) deleteAccount(c echo.Context) error {
	ctx := c.Request().Context()
	if err := s.Services.Consult.DeleteAccount(ctx, currentUser(c)); err != nil {
		return err
	}
	_ = s.Sessions.End(ctx, c.Response(), c.Request())
	return seeOther(c, "/me/deleted")
}

// showAccountDeleted confirms the deletion to the now signed-out visitor.
func (s *Server) showAccountDeleted(c echo.Context) error {
	return s.views.render(c, http.StatusOK, "me/deleted", s.page(c, "me.deleted.title"))
}
