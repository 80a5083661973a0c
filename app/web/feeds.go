package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"pilcrow/app/document"
	"pilcrow/app/model"
)

// Open data: the approved comments that their authors allowed to be published,
// as Atom feeds and paged JSON. Authors who chose "anonymous" appear without a
// name; comments not to be published never appear.

const (
	feedEntries  = 50
	jsonPageSize = 100
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"` // the language of the feed's own words
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Lang    string     `xml:"xml:lang,attr,omitempty"` // the language the comment was written in
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Author  atomAuthor `xml:"author"`
	Link    atomLink   `xml:"link"`
	Content atomText   `xml:"content"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// consultationFeed is the Atom feed of a consultation's published comments.
func (s *Server) consultationFeed(c echo.Context) error { return s.feed(c, nil) }

// paragraphFeed is the Atom feed of one block's published comments.
func (s *Server) paragraphFeed(c echo.Context) error {
	key := c.Param("key")
	if !validKey(key) {
		return model.ErrNotFound
	}
	return s.feed(c, &key)
}

func (s *Server) feed(c echo.Context, key *string) error {
	cacheKey := ""
	if key != nil {
		cacheKey = *key
	}
	lang := langOf(c)
	return s.publicData(c, "feed", cacheKey, lang, "application/atom+xml; charset=utf-8", func(con *model.Consultation) ([]byte, error) {
		return s.feedXML(c.Request().Context(), con, key, lang)
	})
}

// publicData serves a response that holds nothing personal and changes only
// with its consultation's revision (a feed, a page of open data) from the
// shared cache, kept per lang ("" for data without words of the interface),
// building it on a miss.
func (s *Server) publicData(c echo.Context, kind, key, lang, contentType string, build func(*model.Consultation) ([]byte, error)) error {
	con, err := s.Services.Consult.PublicConsultation(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	status := s.Services.Consult.Status(con)
	k := sharedKey{consultation: con.ID, kind: kind, key: key, lang: lang}
	p := s.shared.get(k, con, status)
	if p == nil {
		body, err := build(con)
		if err != nil {
			return err
		}
		p = s.shared.keep(k, con, status, body)
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=60")
	return c.Blob(http.StatusOK, contentType, p.plain)
}

// feedXML is the Atom feed of the consultation's newest public comments, or of
// one block's, with its own words in lang and each comment marked with the
// language it was written in.
func (s *Server) feedXML(ctx context.Context, con *model.Consultation, key *string, lang string) ([]byte, error) {
	if key != nil {
		// A key no version of this consultation ever had has no feed, as it has no page.
		if _, _, err := s.Store.LatestBlock(ctx, con.ID, *key); err != nil {
			return nil, err
		}
	}
	cs, err := s.Store.PublicComments(ctx, con.ID, key, 0, feedEntries, true)
	if err != nil {
		return nil, err
	}
	names, err := s.Services.Consult.PublicAuthors(ctx, cs)
	if err != nil {
		return nil, err
	}
	anonymous := s.Catalogue.T(lang, "comments.anonymous")
	base := s.cfg.BaseURL.String()
	name := localTitle(lang, con)
	self, title := consultationURL(con.Slug)+"/comments.atom", s.Catalogue.T(lang, "feeds.title", name)
	if key != nil {
		self = paragraphURL(con.Slug, *key) + "/comments.atom"
		title = s.Catalogue.T(lang, "feeds.title.paragraph", name)
	}
	f := atomFeed{Lang: lang, ID: base + self, Title: title, Updated: con.UpdatedAt.UTC().Format(time.RFC3339),
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + self},
			{Rel: "alternate", Type: "text/html", Href: base + consultationURL(con.Slug)}}}
	for i, cm := range cs {
		if i == 0 {
			f.Updated = cm.UpdatedAt.UTC().Format(time.RFC3339)
		}
		link := base + paragraphURL(con.Slug, cm.ParagraphKey) + "#comment-" + strconv.FormatInt(cm.ID, 10)
		f.Entries = append(f.Entries, atomEntry{Lang: cm.Language,
			ID: link, Title: document.Excerpt(cm.Body, 80), Updated: cm.UpdatedAt.UTC().Format(time.RFC3339),
			Author: atomAuthor{Name: s.feedAuthor(lang, cm, names[cm.ID], anonymous)}, Link: atomLink{Rel: "alternate", Href: link},
			Content: atomText{Type: "text", Body: cm.Body},
		})
	}
	if key == nil {
		s.addOutcomeEntry(&f, con, base, lang)
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

// feedAuthor names an entry's author as the pages do: with the organisation they
// responded for when their name may be published, and once when the person is
// their organisation.
func (s *Server) feedAuthor(lang string, cm model.Comment, name, anonymous string) string {
	if name == "" {
		return anonymous
	}
	if cm.RespondingAs != "organisation" || cm.Organisation == "" || cm.Organisation == name {
		return name
	}
	return s.Catalogue.T(lang, "officials.feed.author", name, cm.Organisation)
}

// openComment is one comment in the JSON open data.
type openComment struct {
	ID           int64     `json:"id"`
	URL          string    `json:"url"`
	ParagraphKey string    `json:"paragraph_key"`
	ParentID     *int64    `json:"parent_id"`
	Author       *string   `json:"author"` // null when published without a name
	RespondingAs string    `json:"responding_as"`
	Organisation *string   `json:"organisation"`
	Stance       string    `json:"stance"`
	Body         string    `json:"body"`
	CreatedAt    time.Time `json:"created_at"`
}

type openCommentsPage struct {
	Consultation string        `json:"consultation"`
	Comments     []openComment `json:"comments"`
	Next         *string       `json:"next"`
}

// commentsJSON is the paged JSON of a consultation's published comments, oldest
// first; next is the address of the following page, by keyset on the id.
func (s *Server) commentsJSON(c echo.Context) error {
	after, _ := strconv.ParseInt(c.QueryParam("after"), 10, 64)
	page, _ := strconv.Atoi(c.QueryParam("page"))
	key := strconv.FormatInt(after, 10) + "/" + strconv.Itoa(page)
	return s.publicData(c, "json", key, "", echo.MIMEApplicationJSON, func(con *model.Consultation) ([]byte, error) {
		return s.openDataPage(c.Request().Context(), con, after, page)
	})
}

// openDataPage is one page of the open data, after a comment id or at a page number.
func (s *Server) openDataPage(ctx context.Context, con *model.Consultation, after int64, page int) ([]byte, error) {
	var err error
	if page > 1 && after == 0 {
		if after, err = s.afterForPage(ctx, con.ID, page); err != nil {
			return nil, err
		}
	}
	cs, err := s.Store.PublicComments(ctx, con.ID, nil, max(after, 0), jsonPageSize, false)
	if err != nil {
		return nil, err
	}
	names, err := s.Services.Consult.PublicAuthors(ctx, cs)
	if err != nil {
		return nil, err
	}
	base := s.cfg.BaseURL.String()
	out := openCommentsPage{Consultation: con.Slug, Comments: []openComment{}}
	for _, cm := range cs {
		oc := openComment{ID: cm.ID, ParagraphKey: cm.ParagraphKey, ParentID: cm.ParentID, RespondingAs: cm.RespondingAs,
			Stance: cm.Stance, Body: cm.Body, CreatedAt: cm.CreatedAt.UTC(),
			URL: base + paragraphURL(con.Slug, cm.ParagraphKey) + "#comment-" + strconv.FormatInt(cm.ID, 10)}
		if name, shown := names[cm.ID]; shown {
			org := cm.Organisation
			oc.Author = &name
			if cm.RespondingAs == "organisation" {
				oc.Organisation = &org
			}
		}
		out.Comments = append(out.Comments, oc)
	}
	if len(cs) == jsonPageSize {
		next := base + consultationURL(con.Slug) + "/comments.json?after=" + strconv.FormatInt(cs[len(cs)-1].ID, 10)
		out.Next = &next
	}
	return json.Marshal(out)
}

// afterForPage turns a page number into the keyset position before it.
func (s *Server) afterForPage(ctx context.Context, consultationID int64, page int) (int64, error) {
	id, err := s.Store.PublicCommentIDAt(ctx, consultationID, (page-1)*jsonPageSize-1)
	if errors.Is(err, model.ErrNotFound) {
		return math.MaxInt64, nil // past the end: an empty page
	}
	return id, err
}
