package web

import (
	"html/template"
	"strings"
	"sync"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

// maxCachedComments bounds the rendered comments kept between requests: the
// busiest consultations' public comments, a few hundred bytes each.
const maxCachedComments = 50000

// commentCache keeps each public comment's HTML as rendered for everyone but
// its author, so a paragraph page assembles stored pieces instead of executing
// a template per comment. An entry is used only when everything that went into
// it is unchanged (commentShape), so no change can be missed: an edit, a
// moderation decision or a withdrawal changes the shape, and the entry is
// rendered again. A comment's own author always gets a fresh rendering.
type commentCache struct {
	mu      sync.RWMutex // read for every comment of every page, written on a change
	entries map[commentSlot]commentEntry
}

// commentSlot is where a comment is shown: its id, the page's language and
// address, whether it is a thread's first comment and whether replies are open.
type commentSlot struct {
	id         int64
	lang, self string
	top, open  bool
}

// commentShape is every field of a comment view that its HTML depends on.
type commentShape struct {
	author, respondingAs, organisation, stance, original, body, language, channel string
	status                                                                        model.CommentStatus
	publish                                                                       model.Publish
	created                                                                       int64
}

type commentEntry struct {
	shape commentShape
	html  string
}

func newCommentCache() *commentCache { return &commentCache{entries: map[commentSlot]commentEntry{}} }

func shapeOf(c *consult.CommentView) commentShape {
	return commentShape{author: c.Author, respondingAs: c.RespondingAs, organisation: c.Organisation,
		stance: c.Stance, original: c.Original, body: c.Body, language: c.Language, channel: c.Channel, status: c.Status,
		publish: c.Publish, created: c.CreatedAt.UnixNano()}
}

// threadsRenderer writes one paragraph page's comments for one viewer.
type threadsRenderer struct {
	views *views
	p     *Page
	cache *commentCache
	self  string
	open  bool
	b     strings.Builder
}

// commentHead is what the commentHead template shows of one comment.
type commentHead struct {
	P         *Page
	C         *consult.CommentView
	Top, Open bool
	Self      string
}

// renderThreads is the comments part of a paragraph page: every thread with
// its replies, or the line that says there are none. Each comment goes through
// the commentHead template, so html/template escapes everything in it; only
// the lists around the comments are written here.
func (s *Server) renderThreads(page *paragraphPage) (template.HTML, error) {
	if len(page.Threads) == 0 {
		return template.HTML(`<p class="govuk-body">` + esc(page.T("comments.none")) + `</p>`), nil
	}
	r := &threadsRenderer{views: s.views, p: &page.Page, cache: s.comments, self: page.Self,
		open: page.Status == model.StatusOpen}
	r.b.Grow(len(page.Threads) * 1200)
	r.b.WriteString(`<ol class="govuk-list pc-comment-list">`)
	for i := range page.Threads {
		r.b.WriteString(`<li>`)
		if err := r.comment(&page.Threads[i], true); err != nil {
			return "", err
		}
		r.b.WriteString("</li>\n")
	}
	r.b.WriteString(`</ol>`)
	return template.HTML(r.b.String()), nil // #nosec: the pieces come from html/template
}

// comment writes one comment, from the cache when nothing in it changed, and
// its replies.
func (r *threadsRenderer) comment(c *consult.CommentView, top bool) error {
	html, err := r.head(c, top)
	if err != nil {
		return err
	}
	r.b.WriteString(html)
	if len(c.Replies) > 0 {
		r.b.WriteString(`<ol class="govuk-list pc-comment-list" aria-label="` + esc(r.p.T("comments.replies")) + `">`)
		for i := range c.Replies {
			r.b.WriteString(`<li>`)
			if err := r.comment(&c.Replies[i], false); err != nil {
				return err
			}
			r.b.WriteString("</li>\n")
		}
		r.b.WriteString(`</ol>`)
	}
	r.b.WriteString("</article>")
	return nil
}

// head is the comment's commentHead: rendered afresh for its own author, and
// otherwise kept until something it shows changes.
func (r *threadsRenderer) head(c *consult.CommentView, top bool) (string, error) {
	data := commentHead{P: r.p, C: c, Top: top, Open: r.open, Self: r.self}
	if c.Own {
		return r.views.fragment("commentHead", data)
	}
	slot := commentSlot{id: c.ID, lang: r.p.Lang, self: r.self, top: top, open: r.open}
	shape := shapeOf(c)
	r.cache.mu.RLock()
	e, ok := r.cache.entries[slot]
	r.cache.mu.RUnlock()
	if ok && e.shape == shape {
		return e.html, nil
	}
	html, err := r.views.fragment("commentHead", data)
	if err != nil {
		return "", err
	}
	r.cache.mu.Lock()
	evictOneEntry(r.cache.entries, maxCachedComments)
	r.cache.entries[slot] = commentEntry{shape: shape, html: html}
	r.cache.mu.Unlock()
	return html, nil
}

// esc escapes catalogue text for HTML content and quoted attribute values.
func esc(s string) string { return template.HTMLEscapeString(s) }
