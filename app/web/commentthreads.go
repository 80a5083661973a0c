package web

import (
	"html/template"
	"strconv"
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
	p     *Page
	cache *commentCache
	self  string
	open  bool
	b     strings.Builder
	// label caches messages that are the same for every comment of the page.
	label map[string]string
}

// renderThreads is the commentThreads part of a paragraph page: every thread
// with its replies, or the line that says there are none.
func (s *Server) renderThreads(page *paragraphPage) template.HTML {
	if len(page.Threads) == 0 {
		return template.HTML(`<p class="govuk-body">` + esc(page.T("comments.none")) + `</p>`)
	}
	r := &threadsRenderer{p: &page.Page, cache: s.comments, self: page.Self,
		open: page.Status == model.StatusOpen, label: map[string]string{}}
	r.b.Grow(len(page.Threads) * 1200)
	r.b.WriteString(`<ol class="govuk-list pc-comment-list">`)
	for i := range page.Threads {
		r.b.WriteString(`<li>`)
		r.comment(&page.Threads[i], true)
		r.b.WriteString("</li>\n")
	}
	r.b.WriteString(`</ol>`)
	return template.HTML(r.b.String()) // #nosec: every value is escaped as it is written
}

// comment writes one comment, from the cache when nothing in it changed, and
// its replies.
func (r *threadsRenderer) comment(c *consult.CommentView, top bool) {
	slot := commentSlot{id: c.ID, lang: r.p.Lang, self: r.self, top: top, open: r.open}
	if c.Own {
		r.b.WriteString(r.head(c, top))
	} else {
		shape := shapeOf(c)
		r.cache.mu.RLock()
		e, ok := r.cache.entries[slot]
		r.cache.mu.RUnlock()
		if !ok || e.shape != shape {
			e = commentEntry{shape: shape, html: r.head(c, top)}
			r.cache.mu.Lock()
			evictOneEntry(r.cache.entries, maxCachedComments)
			r.cache.entries[slot] = e
			r.cache.mu.Unlock()
		}
		r.b.WriteString(e.html)
	}
	if len(c.Replies) > 0 {
		r.b.WriteString(`<ol class="govuk-list pc-comment-list" aria-label="` + r.t("comments.replies") + `">`)
		for i := range c.Replies {
			r.b.WriteString(`<li>`)
			r.comment(&c.Replies[i], false)
			r.b.WriteString("</li>\n")
		}
		r.b.WriteString(`</ol>`)
	}
	r.b.WriteString("</article>")
}

// t is an escaped message without arguments, looked up once per page.
func (r *threadsRenderer) t(key string) string {
	if v, ok := r.label[key]; ok {
		return v
	}
	v := esc(r.p.T(key))
	r.label[key] = v
	return v
}

// head is a comment's article up to its replies: who, when, tags, the text it
// answered, its text and the actions the viewer may take.
func (r *threadsRenderer) head(c *consult.CommentView, top bool) string {
	var b strings.Builder
	id := strconv.FormatInt(c.ID, 10)
	b.WriteString(`<article class="pc-comment" id="comment-` + id + `" aria-labelledby="comment-` + id + `-by">` +
		`<p class="pc-comment__meta" id="comment-` + id + `-by"><strong>`)
	if c.Author != "" {
		b.WriteString(esc(c.Author))
	} else {
		b.WriteString(r.t("comments.anonymous"))
	}
	b.WriteString(`</strong>`)
	if c.Own {
		b.WriteString(" " + r.t("comments.you"))
	}
	if c.RespondingAs == "organisation" && (c.Own || c.Publish == model.PublishName) && c.Organisation != c.Author {
		b.WriteString(" " + esc(r.p.T("comments.for", c.Organisation)))
	}
	b.WriteString(` <span class="govuk-visually-hidden">,</span> <time datetime="` + r.p.ISO(c.CreatedAt) + `">` +
		esc(r.p.DateTime(c.CreatedAt)) + `</time></p>`)
	private := c.Own && c.Publish == model.PublishNo
	pending := c.Status == model.CommentPending
	offline := c.Channel != "" && c.Channel != "online"
	if c.Stance != "" || pending || private || offline {
		b.WriteString(`<p class="pc-comment__tags">`)
		if offline {
			b.WriteString(`<strong class="govuk-tag govuk-tag--purple pc-channel">` + esc(r.p.T("offline.received."+c.Channel)) + `</strong> `)
		}
		if c.Stance != "" {
			b.WriteString(`<strong class="govuk-tag govuk-tag--grey">` + esc(r.p.T("comments.stance."+c.Stance)) + `</strong> `)
		}
		if pending {
			b.WriteString(`<strong class="govuk-tag govuk-tag--yellow">` + r.t("comments.status.awaiting") + `</strong> `)
		}
		if private {
			b.WriteString(`<strong class="govuk-tag govuk-tag--blue">` + r.t("comments.private") + `</strong>`)
		}
		b.WriteString(`</p>`)
	}
	if c.Original != "" {
		b.WriteString(`<div class="pc-comment__original"><p class="govuk-body-s govuk-!-margin-bottom-1">` +
			r.t("comments.original") + `</p><blockquote class="govuk-body-s pc-comment__quote"` +
			attr(r.p.LangAttr(model.English)) + `>` + esc(c.Original) + `</blockquote></div>`)
	}
	b.WriteString(`<div class="govuk-body pc-comment__body"` + attr(r.p.LangAttr(c.Language)) + `>` +
		string(formatComment(c.Body)) + `</div>`)
	r.actions(&b, c, top, id)
	return b.String()
}

// actions are the links under a comment: reply, report, edit and withdraw.
func (r *threadsRenderer) actions(b *strings.Builder, c *consult.CommentView, top bool, id string) {
	hidden := `<span class="govuk-visually-hidden"> ` + esc(r.p.T("comments.to_comment", c.ID)) + `</span></a></li>`
	b.WriteString(`<ul class="govuk-list pc-comment__actions">`)
	approved := c.Status == model.CommentApproved
	if top && r.open && approved && c.Publish != model.PublishNo {
		b.WriteString(`<li><a class="govuk-link pc-reply-link" href="` + esc(r.self) + `?reply=` + id +
			`#pc-respond" data-parent="` + id + `">` + r.t("comments.reply") + hidden)
	}
	if !c.Own && approved {
		b.WriteString(`<li><a class="govuk-link" href="/comments/` + id + `/flag">` + r.t("comments.report") + hidden)
	}
	if c.Own && c.Status == model.CommentPending {
		b.WriteString(`<li><a class="govuk-link" href="/comments/` + id + `/edit">` + r.t("comments.edit") + hidden)
	}
	if c.Own {
		b.WriteString(`<li><a class="govuk-link" href="/comments/` + id + `/withdraw">` + r.t("comments.withdraw") + hidden)
	}
	b.WriteString(`</ul>`)
}

// esc escapes text for HTML content and quoted attribute values.
func esc(s string) string { return template.HTMLEscapeString(s) }

// attr is an optional attribute with its leading space.
func attr(a template.HTMLAttr) string {
	if a == "" {
		return ""
	}
	return " " + string(a)
}
