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

type searchPage struct {
	Page
	C          *model.Consultation
	Query      consult.SearchQuery
	Result     *consult.SearchResult
	Paragraphs []model.Block
	CanTag     bool
	Tagged     string // how many comments a bulk tagging just tagged
	Theme      string // the theme chosen for bulk tagging
	NextURL    string
	Return     string // this search's address, where a bulk tagging comes back to
}

// searchQuery reads the filter form from the query string or a return address.
func searchQuery(v url.Values) consult.SearchQuery {
	return consult.SearchQuery{Q: v.Get("q"), Paragraph: v.Get("paragraph"), Stance: v.Get("stance"),
		RespondingAs: v.Get("responding_as"), Status: v.Get("status"), Theme: v.Get("theme"),
		Language: v.Get("language"), Channel: v.Get("channel"),
		From: v.Get("from"), To: v.Get("to"), Campaign: v.Get("campaign"), After: v.Get("after")}
}

// searchValues is the query string of a search.
func searchValues(q consult.SearchQuery) string {
	return urlValues("q", q.Q, "paragraph", q.Paragraph, "stance", q.Stance, "responding_as", q.RespondingAs,
		"status", q.Status, "language", q.Language, "channel", q.Channel, "theme", q.Theme, "from", q.From, "to", q.To, "campaign", q.Campaign, "after", q.After)
}

// searchURL is a consultation's search page for a query.
func searchURL(slug string, q consult.SearchQuery) string {
	u := "/admin/consultations/" + slug + "/search"
	if v := searchValues(q); v != "" {
		u += "?" + v
	}
	return u
}

// showSearch searches a consultation's comments, with the filters beside the results.
func (s *Server) showSearch(c echo.Context) error {
	p, err := s.searchPage(c, searchQuery(c.QueryParams()))
	if err != nil {
		return err
	}
	if n, err := strconv.Atoi(c.QueryParam("tagged")); err == nil && n >= 0 {
		p.Tagged = strconv.Itoa(n)
	}
	return s.views.render(c, http.StatusOK, "analysts/search", p)
}

// searchPage runs the search and fills the page.
func (s *Server) searchPage(c echo.Context, q consult.SearchQuery) (searchPage, error) {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
	if err != nil {
		return searchPage{}, err
	}
	res, err := s.Services.Reports.Search(ctx, currentUser(c), cons, q)
	if err != nil {
		return searchPage{}, err
	}
	p := searchPage{Page: s.page(c, "analysts.search.title", cons.Title), C: cons, Query: q, Result: res,
		CanTag: currentUser(c).Can(model.RoleAnalyst)}
	if cons.CurrentVersionID != nil {
		if p.Paragraphs, err = s.Store.Blocks(ctx, *cons.CurrentVersionID); err != nil {
			return searchPage{}, err
		}
	}
	q.After = ""
	p.Return = searchURL(cons.Slug, q)
	if res.Next != "" {
		q.After = res.Next
		p.NextURL = searchURL(cons.Slug, q)
	}
	return p, nil
}

// tagSearchResults adds one theme to the comments checked in a search result.
func (s *Server) tagSearchResults(c echo.Context) error {
	ctx := c.Request().Context()
	cons, err := s.Store.ConsultationBySlug(ctx, c.Param("slug"))
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
	back, _ := url.Parse(searchReturn(cons.Slug, form.Get("return")))
	n, err := s.Services.Reports.TagComments(ctx, currentUser(c), cons, ids, form.Get("theme"))
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		p, err := s.searchPage(c, searchQuery(back.Query()))
		if err != nil {
			return err
		}
		p.Theme = form.Get("theme")
		p.withErrors(fe, "ids", "theme")
		return s.views.render(c, http.StatusUnprocessableEntity, "analysts/search", p)
	} else if err != nil {
		return err
	}
	return seeOther(c, withParam(back.String(), "tagged", strconv.Itoa(n)))
}

// searchReturn keeps only addresses of this consultation's search page.
func searchReturn(slug, v string) string {
	u, err := url.Parse(v)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != "/admin/consultations/"+slug+"/search" {
		return searchURL(slug, consult.SearchQuery{})
	}
	q := u.Query()
	q.Del("tagged")
	return searchURL(slug, searchQuery(q))
}

// parseIDs reads comment ids from a form, at most max+1 of them so the service
// can refuse too many.
func parseIDs(raw []string, max int) ([]int64, error) {
	if len(raw) > max {
		raw = raw[:max+1]
	}
	ids := make([]int64, 0, len(raw))
	for _, r := range raw {
		id, err := strconv.ParseInt(r, 10, 64)
		if err != nil || id <= 0 {
			return nil, model.ErrInvalidInput
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// ParagraphLabel names a block by its number for the paragraph filter.
func (p searchPage) ParagraphLabel(key string) string {
	for _, b := range p.Paragraphs {
		if b.Key == key {
			return p.T("analysts.search.paragraph", b.Number)
		}
	}
	return p.T("analysts.search.whole")
}

// Stances, RespondingAs and Statuses are the choices of the filters.
func (searchPage) Stances() []string      { return []string{"agree", "disagree", "neutral"} }
func (searchPage) RespondingAs() []string { return []string{"individual", "organisation"} }
func (searchPage) Statuses() []string     { return []string{"pending", "approved", "rejected"} }

// LanguageChoices and ChannelChoices are the choices of the language and channel filters.
func (searchPage) LanguageChoices() []string { return []string{model.English, model.Welsh} }
func (searchPage) ChannelChoices() []string  { return consult.SearchChannels }

// CampaignURL is the search for every member of a campaign.
func (p searchPage) CampaignURL(rep int64) string {
	return searchURL(p.C.Slug, consult.SearchQuery{Campaign: strconv.FormatInt(rep, 10)})
}

// CountCap is the most matches the count above the results says exactly.
func (searchPage) CountCap() int { return consult.SearchCountCap }
