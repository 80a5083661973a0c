package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

type mostCommentedPage struct {
	Page
	C    *model.Consultation
	Rows []consult.BlockCount
}

// showMostCommented ranks a closed consultation's paragraphs by their published
// comments, for the public, when the consultation's admins chose to show it.
func (s *Server) showMostCommented(c echo.Context) error {
	con, rows, err := s.Services.Consult.PublicMostCommented(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	p := mostCommentedPage{Page: s.page(c, "officials.most.title", localTitle(langOf(c), con)), C: con, Rows: rows}
	return s.views.render(c, http.StatusOK, "consultations/most-commented", p)
}
