package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/export"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// auditPageSize is how many entries one page of the audit log shows.
const auditPageSize = 50

// auditQuery is the audit log's filter, as the form sends it.
type auditQuery struct {
	Actor, Action, Target, From, To string
}

type auditPage struct {
	Page
	Query   auditQuery
	Entries []model.AuditEntry
	Actors  map[int64]model.User
	NextURL string
	CSVURL  string
}

// showAudit lists the audit log, newest first, filtered and paged by keyset.
func (s *Server) showAudit(c echo.Context) error {
	q := auditQueryFrom(c)
	p := auditPage{Page: s.page(c, "audit.title"), Query: q}
	f, fe := s.auditFilter(c.Request().Context(), q)
	if len(fe) > 0 {
		p.withErrors(fe, "actor", "action", "target", "from", "to")
		return s.views.render(c, http.StatusUnprocessableEntity, "audit/list", p)
	}
	if v := c.QueryParam("before"); v != "" {
		cur, ok := parseQueueCursor(v)
		if !ok {
			return model.ErrInvalidInput
		}
		f.Before = &store.AuditCursor{CreatedAt: cur.CreatedAt, ID: cur.ID}
	}
	f.Limit = auditPageSize + 1
	es, err := s.Store.AuditEntries(c.Request().Context(), f)
	if err != nil {
		return err
	}
	if len(es) > auditPageSize {
		es = es[:auditPageSize]
		last := es[len(es)-1]
		p.NextURL = "/admin/audit?" + q.values().Encode() + "&before=" + strconv.FormatInt(last.CreatedAt.UnixNano(), 10) + "-" + strconv.FormatInt(last.ID, 10)
	}
	p.Entries, p.CSVURL = es, "/admin/audit.csv?"+q.values().Encode()
	if p.Actors, err = s.Store.UsersByID(c.Request().Context(), actorIDs(es)); err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "audit/list", p)
}

// exportAudit downloads the filtered log as CSV, a page of the log at a time, with
// every cell neutralised so a spreadsheet runs none of them as a formula.
func (s *Server) exportAudit(c echo.Context) error {
	ctx := c.Request().Context()
	f, fe := s.auditFilter(ctx, auditQueryFrom(c))
	if len(fe) > 0 {
		return model.ErrInvalidInput
	}
	name := "audit-log-" + s.Now().UTC().Format("20060102") + ".csv"
	q := auditQueryFrom(c).values()
	details := map[string]any{"file": name}
	for k := range q {
		details[k] = q.Get(k)
	}
	if err := s.Services.Consult.RecordDownload(ctx, currentUser(c), consult.Download{Action: consult.AuditDownloadAudit, Details: details}); err != nil {
		return err
	}
	extendWriteDeadline(c, 10*time.Minute)
	h := c.Response().Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Response().WriteHeader(http.StatusOK)
	w, err := export.NewAuditWriter(c.Response())
	if err != nil {
		return err // the status is sent: the error handler only logs
	}
	f.Limit = 1000
	for {
		es, err := s.Services.Consult.AuditEntries(ctx, currentUser(c), f)
		if err != nil {
			return err
		}
		actors, err := s.Store.UsersByID(ctx, actorIDs(es))
		if err != nil {
			return err
		}
		for _, e := range es {
			if err := w.Write(auditRow(e, actors)); err != nil {
				return err
			}
		}
		if len(es) < f.Limit {
			return w.Flush()
		}
		last := es[len(es)-1]
		f.Before = &store.AuditCursor{CreatedAt: last.CreatedAt, ID: last.ID}
	}
}

func auditRow(e model.AuditEntry, actors map[int64]model.User) export.AuditRow {
	r := export.AuditRow{ID: e.ID, CreatedAt: e.CreatedAt, Action: e.Action, TargetType: e.TargetType,
		TargetID: e.TargetID, Before: e.Before, After: e.After}
	if e.ActorID != nil {
		r.ActorID, r.Actor = strconv.FormatInt(*e.ActorID, 10), actors[*e.ActorID].DisplayName
	}
	return r
}

func auditQueryFrom(c echo.Context) auditQuery {
	return auditQuery{Actor: strings.TrimSpace(c.QueryParam("actor")), Action: strings.TrimSpace(c.QueryParam("action")),
		Target: strings.TrimSpace(c.QueryParam("target")), From: strings.TrimSpace(c.QueryParam("from")), To: strings.TrimSpace(c.QueryParam("to"))}
}

// auditFilter turns the form into a filter: actor is an account id or part of a
// name or email; target is "type:id" or an id; dates are whole days, to inclusive.
func (s *Server) auditFilter(ctx context.Context, q auditQuery) (store.AuditFilter, model.FieldErrors) {
	var f store.AuditFilter
	fe := model.FieldErrors{}
	for field, v := range map[string]string{"actor": q.Actor, "action": q.Action, "target": q.Target} {
		if utf8.RuneCountInString(v) > 200 || !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
			fe[field] = "audit.error.text"
		}
	}
	f.Action = q.Action
	if typ, id, ok := strings.Cut(q.Target, ":"); ok {
		f.TargetType, f.TargetID = typ, id
	} else {
		f.TargetID = q.Target
	}
	var ok bool
	if f.From, ok = s.parseDay(q.From, 0); !ok {
		fe["from"] = "audit.error.date"
	}
	if f.To, ok = s.parseDay(q.To, 1); !ok {
		fe["to"] = "audit.error.date"
	}
	if q.Actor != "" && len(fe) == 0 {
		if id, err := strconv.ParseInt(q.Actor, 10, 64); err == nil {
			f.ActorIDs = []int64{id}
		} else if ids, err := s.Store.ActorsMatching(ctx, q.Actor, 500); err == nil {
			f.ActorIDs = ids
		} else {
			fe["actor"] = "audit.error.text"
		}
	}
	return f, fe
}

// parseDay reads a YYYY-MM-DD day in the service's time zone, plus offset days.
func (s *Server) parseDay(v string, offset int) (*time.Time, bool) {
	if v == "" {
		return nil, true
	}
	d, err := time.ParseInLocation("2006-01-02", v, s.cfg.TimeZone)
	if err != nil {
		return nil, false
	}
	d = d.AddDate(0, 0, offset)
	return &d, true
}

func (q auditQuery) values() url.Values {
	v := url.Values{}
	for k, val := range map[string]string{"actor": q.Actor, "action": q.Action, "target": q.Target, "from": q.From, "to": q.To} {
		if val != "" {
			v.Set(k, val)
		}
	}
	return v
}

func actorIDs(es []model.AuditEntry) []int64 {
	var ids []int64
	for _, e := range es {
		if e.ActorID != nil {
			ids = append(ids, *e.ActorID)
		}
	}
	return ids
}

// urlValues encodes pairs of query parameters, leaving out empty values.
func urlValues(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	return v.Encode()
}

// Fields lists the filter form's fields in order.
func (p auditPage) Fields() []string { return []string{"actor", "action", "target", "from", "to"} }

// Value returns a filter field's current value.
func (p auditPage) Value(field string) string { return p.Query.values().Get(field) }

// Actor names who made a change: an account, or the system for changes made
// from the command line.
func (p auditPage) Actor(id *int64) string {
	if id == nil {
		return p.T("audit.system")
	}
	if u, ok := p.Actors[*id]; ok {
		return u.DisplayName
	}
	return p.T("audit.deleted", *id)
}
