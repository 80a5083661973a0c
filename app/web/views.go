package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"pilcrow/app/i18n"
	"pilcrow/app/model"
	viewfs "pilcrow/views"
)

// views holds every page template, parsed once at start: each page is the shared
// layouts and partials plus its own file, so pages cannot collide on block names.
type views struct {
	// base holds the layouts and partials alone, for fragments of a page.
	base  *template.Template
	pages map[string]*template.Template
	sizes map[string]*atomic.Int64 // the size of each page last rendered
	cat   *i18n.Catalogue
	loc   *time.Location
}

func newViews(a *assets, cat *i18n.Catalogue, loc *time.Location) (*views, error) {
	funcs := template.FuncMap{
		"asset": a.URL,
		"add":   func(a, b int) int { return a + b },
		"join":  strings.Join,
		"dict":  dict,
		// paragraphs splits catalogue text on blank lines into paragraphs.
		"paragraphs": func(s string) []string { return strings.Split(s, "\n\n") },
		// commentText renders a comment's plain text: escaped, line breaks and links kept.
		"commentText": formatComment,
	}
	base, err := template.New("base").Funcs(funcs).ParseFS(viewfs.FS, "layouts/*.html", "partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layouts: %w", err)
	}
	v := &views{base: base, pages: map[string]*template.Template{}, sizes: map[string]*atomic.Int64{}, cat: cat, loc: loc}
	files, err := fs.Glob(viewfs.FS, "pages/*/*.html")
	if err != nil {
		return nil, err
	}
	errorPages, _ := fs.Glob(viewfs.FS, "errors/*.html")
	for _, f := range append(files, errorPages...) {
		t, err := template.Must(base.Clone()).ParseFS(viewfs.FS, f)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		// "pages/account/show.html" → "account/show"; "errors/error.html" → "errors/error".
		name := strings.TrimSuffix(strings.TrimPrefix(f, "pages/"), path.Ext(f))
		v.pages[name], v.sizes[name] = t, new(atomic.Int64)
	}
	return v, nil
}

// execute runs a page template into bytes. It is the one way a page is
// rendered, whether it is sent at once (render) or kept in the page cache;
// rendering into a buffer first turns a template error into a clean 500 page
// instead of half a page sent with 200.
func (v *views) execute(name string, data any) ([]byte, error) {
	t, ok := v.pages[name]
	if !ok {
		return nil, fmt.Errorf("no template %q", name)
	}
	// Room for the last page of this name, so a long page is not copied
	// again and again as it grows.
	var buf bytes.Buffer
	buf.Grow(int(v.sizes[name].Load()))
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	v.sizes[name].Store(int64(buf.Len()))
	return buf.Bytes(), nil
}

// fragment runs one partial template into a string, for a part of a page that
// is kept and assembled without running the page's template again.
func (v *views) fragment(name string, data any) (string, error) {
	var b strings.Builder
	if err := v.base.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return b.String(), nil
}

// render executes the page and sends it.
func (v *views) render(c echo.Context, status int, name string, data any) error {
	body, err := v.execute(name, data)
	if err != nil {
		return err
	}
	return sendPage(c, status, body)
}

// sendPage writes a rendered page with the headers every page carries.
func sendPage(c echo.Context, status int, body []byte) error {
	c.Response().Header().Set("Content-Type", "text/html; charset=utf-8")
	if c.Response().Header().Get("Cache-Control") == "" {
		// A signed-in page carries its reader's name, roles and CSRF token: no
		// cache may keep it (noStoreForSignedIn says so for every response).
		cc := "no-cache"
		if currentUser(c) != nil {
			cc = "no-store"
		}
		c.Response().Header().Set("Cache-Control", cc)
	}
	return c.HTMLBlob(status, body)
}

// Page is what the layout needs; every page struct embeds it.
type Page struct {
	Lang         string
	Title        string
	CSRF         string
	User         *model.User
	Path         string // this page, for sign-in links to come back to
	DevLogin     bool
	Service      string
	Organisation string
	Errors       []FieldError
	Languages    []LanguageLink // the header's language switcher; empty when only English is on
	Flash        string
	Blocked      *BlockedNotice // the banner a blocked person sees on every page
	cat          *i18n.Catalogue
	loc          *time.Location
}

// FieldError is one entry of a GOV.UK error summary.
type FieldError struct {
	Field, Message string
}

// T looks up a message in the page's language.
func (p Page) T(key string, args ...any) string { return p.cat.T(p.Lang, key, args...) }

// Plural looks up key.one or key.other for n.
func (p Page) Plural(key string, n int) string { return p.cat.Plural(p.Lang, key, n) }

// Date formats an instant as a date in the service's time zone and the page's
// language, GOV.UK style ("8 January 2027", "8 Ionawr 2027").
func (p Page) Date(t time.Time) string { return i18n.FormatDate(p.Lang, t.In(p.loc)) }

// DateTime formats an instant with its time, GOV.UK style: "8 January 2027 at
// 11:59pm", "9am" rather than "9:00am", "midday" and "midnight" rather than 12pm
// and 12am; in Welsh "8 Ionawr 2027 am 11:59yh". The PDF report writes the same.
func (p Page) DateTime(t time.Time) string {
	t = t.In(p.loc)
	clock := i18n.FormatTime(p.Lang, t)
	switch {
	case t.Hour() == 12 && t.Minute() == 0:
		clock = p.T("report.time.midday")
	case t.Hour() == 0 && t.Minute() == 0:
		clock = p.T("report.time.midnight")
	case t.Minute() == 0:
		clock = strings.Replace(clock, ":00", "", 1)
	}
	return p.T("report.date.at", i18n.FormatDate(p.Lang, t), clock)
}

// ISO formats an instant for <time datetime>.
func (p Page) ISO(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// ErrorFor returns the message for one field, or "".
func (p Page) ErrorFor(field string) string {
	for _, e := range p.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// page fills the common part of a page for this request.
func (s *Server) page(c echo.Context, titleKey string, args ...any) Page {
	p := Page{
		Lang: langOf(c), CSRF: csrfFrom(c), User: currentUser(c), Path: c.Request().URL.RequestURI(),
		DevLogin: s.cfg.DevLogin, Service: s.cfg.ServiceName, Organisation: s.cfg.Organisation,
		cat: s.Catalogue, loc: s.cfg.TimeZone,
	}
	p.Languages = s.languageLinks(c, p.Lang)
	p.Blocked = s.blockedNotice(c, p.User)
	p.Title = p.T(titleKey, args...)
	return p
}

// withErrors turns field errors into the page's error summary: the fields named in
// order first, as they appear in the form, then any others.
func (p *Page) withErrors(fe model.FieldErrors, order ...string) {
	seen := map[string]bool{}
	for _, f := range append(order, slices.Sorted(maps.Keys(fe))...) {
		if key, ok := fe[f]; ok && !seen[f] {
			seen[f] = true
			p.Errors = append(p.Errors, FieldError{Field: f, Message: p.T(key)})
		}
	}
}

// dict builds a map for passing several values to a partial template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// seeOther redirects after a successful POST, as the POST/redirect/GET pattern asks.
func seeOther(c echo.Context, to string) error { return c.Redirect(http.StatusSeeOther, to) }
