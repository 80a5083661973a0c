package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// queueQuery is a queue's address, as the filter form and the links carry it.
type queueQuery struct {
	Queue, Consultation, Paragraph, Status, Q, After string
}

type queuePage struct {
	Page
	Query         queueQuery
	Consultations []model.Consultation
	Statuses      []model.CommentStatus
	Reasons       []string
	Actions       []string
	Result        consult.QueuePage
	CountCapped   bool
	NextURL       string
	Return        string // this queue's address, where a decision comes back to
	Decided       int
	Refused       []string
	Form          decideForm
	Campaigns     map[int64]*queueCampaign // by the comment that stands for its campaign
	views         *views                   // for the comments, rendered one by one
	rows          *queueRowCache
}

type decideForm struct {
	Action, Reason, Note string
	One                  string // the comment rejected with its own button, whose reason is its own field
}

// showQueue lists a moderation queue, oldest first, one keyset page at a time.
func (s *Server) showQueue(c echo.Context) error {
	p, err := s.queuePage(c, c.QueryParams())
	if err != nil {
		return err
	}
	p.Decided, _ = strconv.Atoi(c.QueryParam("decided"))
	return s.views.render(c, http.StatusOK, "moderation/queue", p)
}

// decideComments applies one decision to the comments selected, or to the one
// whose own button was pressed, then returns to the queue.
func (s *Server) decideComments(c echo.Context) error {
	ids, d, f, err := parseDecision(c)
	if err != nil {
		return err
	}
	back := queueReturn(c.FormValue("return"))
	res, err := s.Services.Consult.Decide(c.Request().Context(), currentUser(c), ids, d)
	var fe model.FieldErrors
	if errors.As(err, &fe) {
		if msg, ok := fe["reason"]; ok && f.One != "" {
			delete(fe, "reason")
			fe["reason_"+f.One] = msg
		}
		return s.renderQueueAfter(c, http.StatusUnprocessableEntity, back, f, func(p *queuePage) {
			p.withErrors(fe, "ids", "action", "reason", "note")
		})
	} else if err != nil {
		return err
	}
	if len(res.Refused) > 0 {
		return s.renderQueueAfter(c, http.StatusConflict, back, f, func(p *queuePage) {
			p.Decided, p.Refused = len(res.Applied), s.refusals(p.Page, res.Refused)
		})
	}
	return seeOther(c, withParam(back, "decided", strconv.Itoa(len(res.Applied))))
}

// renderQueueAfter shows the queue the decision came from, with its outcome.
func (s *Server) renderQueueAfter(c echo.Context, status int, back string, f decideForm, fill func(*queuePage)) error {
	u, _ := url.Parse(back)
	p, err := s.queuePage(c, u.Query())
	if err != nil {
		return err
	}
	p.Form = f
	fill(&p)
	return s.views.render(c, status, "moderation/queue", p)
}

// parseDecision reads the decision form. A per-comment button (approve_one or
// restore_one) decides that comment alone; otherwise the checked ids are decided.
func parseDecision(c echo.Context) ([]int64, consult.Decision, decideForm, error) {
	form, err := c.FormParams()
	if err != nil {
		return nil, consult.Decision{}, decideForm{}, model.ErrInvalidInput
	}
	f := decideForm{Action: form.Get("action"), Reason: form.Get("reason"), Note: form.Get("note")}
	raw := form["ids"]
	switch {
	case form.Get("approve_one") != "":
		f.Action, raw = consult.ActionApprove, []string{form.Get("approve_one")}
	case form.Get("restore_one") != "":
		f.Action, raw = consult.ActionRestore, []string{form.Get("restore_one")}
	case form.Get("reject_one") != "":
		one := form.Get("reject_one")
		f.Action, f.Reason, f.Note, raw = consult.ActionReject, form.Get("reason_"+one), "", []string{one}
		f.One = one
	}
	if len(raw) > consult.MaxDecideIDs {
		raw = raw[:consult.MaxDecideIDs+1] // enough for the service to refuse
	}
	d := consult.Decision{Action: f.Action, Reason: f.Reason, Note: f.Note, Seen: map[int64]time.Time{}}
	ids := make([]int64, 0, len(raw))
	for _, r := range raw {
		id, err := strconv.ParseInt(r, 10, 64)
		if err != nil || id <= 0 {
			return nil, d, f, model.ErrInvalidInput
		}
		ids = append(ids, id)
		if seen, ok := parseSeen(form.Get("seen_" + r)); ok {
			d.Seen[id] = seen
		}
	}
	return ids, d, f, nil
}

// parseSeen reads the moderated_at the moderator saw: "0" for never, otherwise
// nanoseconds since the epoch.
func parseSeen(v string) (time.Time, bool) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, false
	}
	if n == 0 {
		return time.Time{}, true
	}
	return time.Unix(0, n).UTC(), true
}

// queueReturn keeps only addresses of the queue itself, so the form cannot be
// used to redirect anywhere else.
func queueReturn(v string) string {
	u, err := url.Parse(v)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != "/admin/moderation" {
		return "/admin/moderation"
	}
	q := u.Query()
	q.Del("decided")
	return "/admin/moderation?" + q.Encode()
}

func withParam(addr, k, v string) string {
	u, _ := url.Parse(addr)
	q := u.Query()
	q.Set(k, v)
	u.RawQuery = q.Encode()
	return u.String()
}

// refusals words each refused comment: who decided first, and when.
func (s *Server) refusals(p Page, rs []consult.Refusal) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		switch {
		case r.Missing:
			out = append(out, p.T("moderation.refused.missing", r.ID))
		case r.Status == model.CommentWithdrawn:
			out = append(out, p.T("moderation.refused.withdrawn", r.ID))
		case r.At != nil && r.By != "" && r.Status != model.CommentPending:
			out = append(out, p.T("moderation.refused."+string(r.Status), r.ID, r.By, p.DateTime(*r.At)))
		default:
			out = append(out, p.T("moderation.refused.changed", r.ID))
		}
	}
	return out
}

// queuePage loads the queue that the query addresses.
func (s *Server) queuePage(c echo.Context, v url.Values) (queuePage, error) {
	ctx := c.Request().Context()
	q := queueQuery{Queue: v.Get("queue"), Consultation: v.Get("consultation"), Paragraph: strings.TrimSpace(v.Get("paragraph")),
		Status: v.Get("status"), Q: strings.TrimSpace(v.Get("q")), After: v.Get("after")}
	f, fe, err := s.queueFilter(ctx, q)
	if err != nil {
		return queuePage{}, err
	}
	res, err := s.Services.Consult.Queue(ctx, currentUser(c), f)
	if err != nil {
		return queuePage{}, err
	}
	p := queuePage{Page: s.page(c, "moderation.title."+f.Queue), Query: q, Consultations: res.Consultations, Result: res,
		Statuses: []model.CommentStatus{model.CommentPending, model.CommentApproved, model.CommentRejected},
		Reasons:  consult.RejectReasons, Actions: []string{consult.ActionApprove, consult.ActionReject, consult.ActionRestore},
		CountCapped: res.Count > store.QueueCountCap, views: s.views, rows: s.queueRows}
	p.withErrors(fe, "f-paragraph")
	q.After = ""
	p.Return = "/admin/moderation?" + q.values().Encode()
	if res.Next != nil {
		q.After = strconv.FormatInt(res.Next.CreatedAt.UnixNano(), 10) + "-" + strconv.FormatInt(res.Next.ID, 10)
		p.NextURL = "/admin/moderation?" + q.values().Encode()
	}
	return p, s.groupQueueCampaigns(ctx, &p)
}

// queueFilter checks the query; anything a form of ours would not send is a 400.
// A paragraph number that names no paragraph is the person's slip, not ours: it
// comes back as a field error, and the queue shows unfiltered by paragraph.
func (s *Server) queueFilter(ctx context.Context, q queueQuery) (store.QueueFilter, model.FieldErrors, error) {
	f, err := s.queueFilterBase(q)
	if err != nil {
		return f, nil, err
	}
	var c *model.Consultation
	if q.Consultation != "" {
		if c, err = s.Store.ConsultationBySlug(ctx, q.Consultation); err != nil {
			return f, nil, err
		}
		f.ConsultationID = c.ID
	}
	if q.Paragraph == "" {
		return f, nil, nil
	}
	n, err := strconv.Atoi(q.Paragraph)
	switch {
	case c == nil:
		return f, model.FieldErrors{"f-paragraph": "officials.queue.paragraph.consultation"}, nil
	case err != nil || n < 1:
		return f, model.FieldErrors{"f-paragraph": "officials.queue.paragraph.number"}, nil
	}
	f.ParagraphKey, err = s.Services.Consult.ParagraphKeyByNumber(ctx, c, n)
	if errors.Is(err, model.ErrNotFound) {
		return f, model.FieldErrors{"f-paragraph": "officials.queue.paragraph.missing"}, nil
	}
	return f, nil, err
}

// queueFilterBase reads the parts of the query that need no database.
func (s *Server) queueFilterBase(q queueQuery) (store.QueueFilter, error) {
	f := store.QueueFilter{Queue: store.QueuePending, Query: q.Q}
	switch q.Queue {
	case "", store.QueuePending:
	case store.QueueFlagged:
		f.Queue = store.QueueFlagged
	default:
		return f, model.ErrInvalidInput
	}
	if q.Status != "" {
		st := model.CommentStatus(q.Status)
		if st != model.CommentPending && st != model.CommentApproved && st != model.CommentRejected {
			return f, model.ErrInvalidInput
		}
		f.Status = st
	}
	if utf8.RuneCountInString(q.Q) > 200 || len(q.Paragraph) > 100 || !utf8.ValidString(q.Q) || strings.ContainsRune(q.Q, 0) {
		return f, model.ErrInvalidInput
	}
	if q.After != "" {
		cur, ok := parseQueueCursor(q.After)
		if !ok {
			return f, model.ErrInvalidInput
		}
		f.After = &cur
	}
	return f, nil
}

func parseQueueCursor(v string) (store.QueueCursor, bool) {
	a, b, ok := strings.Cut(v, "-")
	nanos, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || err1 != nil || err2 != nil || id <= 0 {
		return store.QueueCursor{}, false
	}
	return store.QueueCursor{CreatedAt: time.Unix(0, nanos).UTC(), ID: id}, true
}

// values encodes the query, leaving out what is empty.
func (q queueQuery) values() url.Values {
	v := url.Values{}
	for k, val := range map[string]string{"queue": q.Queue, "consultation": q.Consultation, "paragraph": q.Paragraph,
		"status": q.Status, "q": q.Q, "after": q.After} {
		if val != "" {
			v.Set(k, val)
		}
	}
	return v
}

// Held says in words why a comment was held; a reason the catalogue does not
// know yet reads as its code rather than as a message key.
func (p queuePage) Held(reason string) string {
	if key := "officials.held." + reason; p.cat.Has(key) {
		return p.T(key)
	}
	return strings.ReplaceAll(reason, "_", " ")
}

// Seen is the hidden value that tells Decide what state the moderator saw.
func (p queuePage) Seen(it consult.QueueItem) string {
	if it.ModeratedAt == nil {
		return "0"
	}
	return strconv.FormatInt(it.ModeratedAt.UnixNano(), 10)
}

// QueueURL links to another queue with this page's filters.
func (p queuePage) QueueURL(queue, status string) string {
	q := p.Query
	q.Queue, q.Status, q.After = queue, status, ""
	return "/admin/moderation?" + q.values().Encode()
}
