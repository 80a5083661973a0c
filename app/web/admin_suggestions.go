package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

// suggestionsShown is how many suggestions one page lists.
const suggestionsShown = 50

type suggestionsPage struct {
	Page
	C           *model.Consultation
	Suggestions *consult.Suggestions
	Done        string
}

// showSuggestions lists themes suggested for untagged comments, most confident first.
func (s *Server) showSuggestions(c echo.Context) error {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	sg, err := s.Services.Reports.Suggestions(ctx, currentUser(c), cons, suggestionsShown)
	if err != nil {
		return err
	}
	p := suggestionsPage{Page: s.page(c, "analysts.suggestions.title", cons.Title), C: cons, Suggestions: sg}
	if d := c.QueryParam("done"); d == "accept" || d == "dismiss" {
		p.Done = d
	}
	return s.views.render(c, http.StatusOK, "analysts/suggestions", p)
}

// answerSuggestion accepts or dismisses one suggestion.
func (s *Server) answerSuggestion(c echo.Context) error {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.FormValue("comment"), 10, 64)
	action := c.FormValue("action")
	if err != nil || (action != "accept" && action != "dismiss") {
		return model.ErrInvalidInput
	}
	err = s.Services.Reports.AnswerSuggestion(ctx, currentUser(c), cons, id, c.FormValue("theme"), action == "accept")
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		return model.ErrInvalidInput
	} else if err != nil {
		return err
	}
	return seeOther(c, "/admin/consultations/"+cons.Slug+"/suggestions?done="+action)
}

type discoverPage struct {
	Page
	C        *model.Consultation
	Clusters []consult.DiscoveredCluster
}

// Name proposes a theme name from a cluster's first words.
func (discoverPage) Name(cl consult.DiscoveredCluster) string {
	return strings.Join(cl.Words[:min(len(cl.Words), 2)], " and ")
}

// showDiscover shows clusters of untagged comments, each ready to become a theme.
func (s *Server) showDiscover(c echo.Context) error {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	clusters, err := s.Services.Reports.Discover(ctx, currentUser(c), cons)
	if err != nil {
		return err
	}
	p := discoverPage{Page: s.page(c, "analysts.discover.title", cons.Title), C: cons, Clusters: clusters}
	return s.views.render(c, http.StatusOK, "analysts/discover", p)
}
