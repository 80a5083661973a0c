package web

import (
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

// queueRowCache keeps each comment of the moderation queue as last rendered,
// with the row it was rendered from. The rows are worked out in Go for every
// request, words and dates included, so an entry is used only when the row is
// the same in every field: a decision, an edit, a new report, a campaign mark or
// an error on the comment's own field changes the row, and it is rendered again.
// Moderators opening the same page, or coming back to it after deciding some of
// its comments, then cost no template execution for the comments they saw.
type queueRowCache struct {
	mu      sync.RWMutex
	entries map[queueSlot]queueEntry
}

// queueSlot is a comment of the queue in one language.
type queueSlot struct {
	id   string
	lang string
}

type queueEntry struct {
	row  queueRow
	html template.HTML
}

// maxCachedQueueRows bounds the cache: about eighty pages of the queue, a few
// kilobytes each.
const maxCachedQueueRows = 2000

func newQueueRowCache() *queueRowCache { return &queueRowCache{entries: map[queueSlot]queueEntry{}} }

// queueRowData is what the queueRow template is given.
type queueRowData struct {
	L *queueLabels
	R *queueRow
}

// Rows renders the page's comments, each through the queueRow template unless
// the cache holds it rendered from the same row. Executing the template for
// each comment, with its message look-ups and dates, was most of the page's cost.
func (p queuePage) Rows() ([]template.HTML, error) {
	l := p.queueLabels()
	options, err := p.reasonOptions("")
	if err != nil {
		return nil, err
	}
	out := make([]template.HTML, len(p.Result.Items))
	for i := range p.Result.Items {
		r := p.row(&p.Result.Items[i])
		r.Options = options
		if r.Approvable && p.Form.One == r.ID && p.Form.Reason != "" {
			if r.Options, err = p.reasonOptions(p.Form.Reason); err != nil {
				return nil, err
			}
		}
		if out[i], err = p.renderRow(&l, &r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// renderRow returns the comment's HTML, from the cache when its row is unchanged.
func (p queuePage) renderRow(l *queueLabels, r *queueRow) (template.HTML, error) {
	slot := queueSlot{id: r.ID, lang: p.Lang}
	c := p.rows
	c.mu.RLock()
	e, ok := c.entries[slot]
	c.mu.RUnlock()
	if ok && reflect.DeepEqual(e.row, *r) {
		return e.html, nil
	}
	s, err := p.views.fragment("queueRow", queueRowData{L: l, R: r})
	if err != nil {
		return "", err
	}
	html := template.HTML(s) // #nosec: rendered by html/template
	c.mu.Lock()
	evictOneEntry(c.entries, maxCachedQueueRows)
	c.entries[slot] = queueEntry{row: *r, html: html}
	c.mu.Unlock()
	return html, nil
}

// queueLabels are the words that are the same for every comment of a page.
type queueLabels struct {
	Author, Submitted, Status, Held, FlagNote, Whole, Comment string
	Approve, Restore, RejectOne, ReasonChoose, RejectSubmit   string
	ErrorPrefix, CampaignDecide                               string
	English                                                   template.HTMLAttr // lang="en" on a Welsh page
}

// queueRow is one comment of the queue, as its list item shows it.
type queueRow struct {
	ID, Seen, Heading, Select, Number string
	Campaign                          *queueCampaign
	Author, Rejections                string
	ISO, Submitted, Status            string
	HeldReason, Held                  string
	FlagsTitle                        string
	Flags                             []queueFlag
	Block                             *queueBlock
	Whole                             bool // on the whole document, not a paragraph
	Parent                            bool // a reply, shown under the comment it replies to
	Reply, ParentBody                 string
	ParentLang, Lang                  template.HTMLAttr
	Body                              string
	Approvable, Restorable            bool
	Field, ReasonLabel, Error         string // the comment's own reject reason field
	Options                           template.HTML
}

// queueFlag is one report of a comment.
type queueFlag struct {
	Kind, Reason, ISO, At, Note string
}

// queueOption is one reason of the list a comment is rejected with.
type queueOption struct {
	Value, Label string
}

// queueBlock is the paragraph a comment is on, with the link to it.
type queueBlock struct {
	Href, Label, Text string
}

func (p queuePage) queueLabels() queueLabels {
	return queueLabels{Author: p.T("moderation.item.author"), Submitted: p.T("moderation.item.submitted"),
		Status: p.T("moderation.item.status"), Held: p.T("moderation.item.held"), FlagNote: p.T("officials.flag.note"),
		Whole: p.T("moderation.item.whole"), Comment: p.T("moderation.item.comment"), Approve: p.T("moderation.approve"),
		Restore: p.T("moderation.restore"), RejectOne: p.T("officials.reject.one"),
		ReasonChoose: p.T("moderation.bulk.reason.choose"), RejectSubmit: p.T("officials.reject.submit"),
		ErrorPrefix: p.T("error.prefix"), CampaignDecide: p.T("analysts.moderation.campaign.decide"), English: p.LangAttr("en")}
}

// reasonOptions is the list of reasons for rejecting one comment, the one
// given selected, rendered by html/template like the rest of the page.
func (p queuePage) reasonOptions(selected string) (template.HTML, error) {
	opts := make([]queueOption, len(p.Reasons))
	for i, r := range p.Reasons {
		opts[i] = queueOption{Value: r, Label: p.T("moderation.reason." + r)}
	}
	html, err := p.views.fragment("queueReasonOptions", map[string]any{"Options": opts, "Selected": selected})
	return template.HTML(html), err // #nosec: rendered by html/template
}

// row words one comment of the queue.
func (p queuePage) row(it *consult.QueueItem) queueRow {
	id := strconv.FormatInt(it.ID, 10)
	r := queueRow{ID: id, Seen: p.Seen(*it), Heading: p.T("moderation.item.heading", it.ID, it.Consultation.Title),
		Select: p.T("moderation.item.select", it.ID, it.Author), Number: p.T("moderation.item.number", it.ID),
		Campaign: p.Campaigns[it.ID], Author: it.Author, ISO: p.ISO(it.CreatedAt), Submitted: p.DateTime(it.CreatedAt),
		Status: p.statusLine(it), HeldReason: it.HeldReason, Whole: it.ParagraphKey == "",
		Lang: p.LangAttr(it.Language), Body: it.Body,
		Approvable: it.Status == model.CommentPending || (it.Status == model.CommentApproved && it.FlagCount > 0),
		Restorable: it.Status == model.CommentRejected, Field: "reason_" + id}
	if it.Rejections > 0 {
		r.Rejections = p.Plural("moderation.item.rejections", it.Rejections)
	}
	if it.HeldReason != "" {
		r.Held = p.Held(it.HeldReason)
	}
	if len(it.Flags) > 0 {
		r.FlagsTitle = p.Plural("moderation.item.flags", len(it.Flags))
		r.Flags = make([]queueFlag, len(it.Flags))
		for i, f := range it.Flags {
			r.Flags[i] = queueFlag{Kind: f.Kind(), Reason: p.T("flags.reason." + f.Kind()), ISO: p.ISO(f.CreatedAt),
				At: p.DateTime(f.CreatedAt), Note: f.Note()}
		}
	}
	if it.Block != nil {
		r.Block = &queueBlock{Href: "/consultations/" + it.Consultation.Slug + "/paragraphs/" + it.ParagraphKey,
			Label: p.T("moderation.item.paragraph", it.Block.Number), Text: it.Block.Text}
		r.Whole = false
	}
	if it.Parent != nil {
		r.Parent, r.Reply, r.ParentBody = true, p.T("moderation.item.reply", it.ParentAuthor), it.Parent.Body
		r.ParentLang = p.LangAttr(it.Parent.Language)
	}
	if r.Approvable {
		r.ReasonLabel, r.Error = p.T("officials.reject.reason", it.ID), p.ErrorFor(r.Field)
	}
	return r
}

// statusLine says where the comment stands: its status, the reason for a
// rejection, and who decided it when.
func (p queuePage) statusLine(it *consult.QueueItem) string {
	var b strings.Builder
	b.WriteString(p.T("moderation.status." + string(it.Status)))
	if it.ModerationReason != "" {
		b.WriteString(" – " + p.T("moderation.reason."+it.ModerationReason))
	}
	if it.ModeratedAt != nil {
		at := p.DateTime(*it.ModeratedAt)
		if it.Moderator != "" {
			at = p.T("moderation.item.by", it.Moderator, at)
		}
		b.WriteString(" (" + at + ")")
	}
	return b.String()
}
