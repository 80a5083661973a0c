package web

import (
	"cmp"
	"html/template"
	"time"

	"pilcrow/app/model"
)

// OutcomeHTML is the published outcome, rendered and sanitised by the
// document package when it was published.
func (p consultationPage) OutcomeHTML() template.HTML {
	return template.HTML(p.C.OutcomeHTML) // #nosec: rendered and sanitised by the document package
}

// OurResponse is the outcome's sections that link to this paragraph, rendered
// and sanitised by the document package when the outcome was published.
func (p paragraphPage) OurResponse() []template.HTML {
	if p.Paragraph == nil {
		return nil
	}
	out := make([]template.HTML, len(p.Response))
	for i, h := range p.Response {
		out[i] = template.HTML(h) // #nosec: as above
	}
	return out
}

// addOutcomeEntry puts the published outcome first in the consultation's feed,
// so that people who follow it hear what was decided.
// The outcome itself is written in English.
func (s *Server) addOutcomeEntry(f *atomFeed, con *model.Consultation, base, lang string) {
	if con.OutcomePublishedAt == nil {
		return
	}
	link := base + consultationURL(con.Slug) + "#outcome-heading"
	body, kind := con.OutcomeHTML, "html"
	if body == "" { // published as plain text before outcomes were Markdown
		body, kind = con.Outcome, "text"
	}
	updated := con.OutcomePublishedAt.UTC().Format(time.RFC3339)
	e := atomEntry{Lang: model.English, ID: link, Title: s.Catalogue.T(lang, "outcome.feed.title", localTitle(lang, con)), Updated: updated,
		Author: atomAuthor{Name: cmp.Or(con.Organisation, s.cfg.ServiceName)}, Link: atomLink{Rel: "alternate", Href: link},
		Content: atomText{Type: kind, Body: body}}
	f.Entries = append([]atomEntry{e}, f.Entries...)
	if updated > f.Updated {
		f.Updated = updated
	}
}
