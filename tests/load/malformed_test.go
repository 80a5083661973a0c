package load

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// badValues are what a hostile client puts in a text field: invalid UTF-8, a
// NUL byte (which PostgreSQL refuses), and an encoded UTF-16 surrogate.
var badValues = map[string]string{"invalid UTF-8": "caf\xe9 \xff\xfe", "NUL": "a\x00b", "surrogate": "x\xed\xa0\x80y"}

// watchedTables are counted before and after the attack: none may change.
var watchedTables = []string{"users", "sessions", "consultations", "document_versions", "blocks",
	"comments", "flags", "audit_log", "jobs"}

// TestFaultMalformedRequests sends oversized and malformed requests, and bad
// bytes in every field of every POST form the site serves to an admin, and
// checks that each gets a 4xx answer and that no table changes.
func TestFaultMalformedRequests(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		dbURL := testutil.DatabaseURL(t, engine)
		cons := seedConsultation(t, dbURL, "malformed")
		inst := startPilcrow(t, dbURL, nil)
		tr := newTransport()
		pool := make([]*client, 12)
		for i := range pool {
			pool[i] = newClient(inst.URL, tr)
			must(t, pool[i].signIn(fmt.Sprintf("Admin %d", i), fmt.Sprintf("admin%d@example.org", i), "admin"))
		}
		owner := pool[0]
		postComment(t, owner, cons.Slug, cons.Keys[1], "A pending comment, so that the edit and withdraw forms exist.")
		setModeration(t, dbURL, cons.Slug, "post")
		postComment(t, pool[1], cons.Slug, cons.Keys[1], "A published comment, so that the flag form exists.")
		forms, pages := crawlForms(owner, []string{"/", "/me", "/account", "/admin", "/auth/dev", "/consultations/" + cons.Slug,
			"/consultations/" + cons.Slug + "/paragraphs/" + cons.Keys[1], "/admin/moderation", "/admin/users"}, 150)
		for _, p := range pool {
			_, _ = p.get("/consultations/" + cons.Slug + "/paragraphs/" + cons.Keys[1]) // a fresh CSRF token each
		}
		db := openDB(t, dbURL)
		before := tableCounts(t, db)
		checker := &answers{t: t}

		fuzzForms(checker, pool, owner, forms)
		oversized(checker, owner, cons)
		badMethods(checker, owner, cons)
		brokenMultipart(checker, owner, forms)
		absurdQueries(checker, owner, cons)

		if after := tableCounts(t, db); after != before {
			t.Errorf("rows changed:\nbefore %s\nafter  %s", before, after)
		}
		var actions []string
		for _, f := range forms {
			actions = append(actions, f.Action)
		}
		t.Logf("%d pages crawled, %d POST forms, %d malformed requests, statuses %v; forms: %s",
			pages, len(forms), checker.n, checker.statuses, strings.Join(actions, " "))
		if len(forms) < 5 {
			t.Errorf("only %d POST forms found: the crawl missed the site", len(forms))
		}
	})
}

// answers checks statuses and tallies them.
type answers struct {
	t        *testing.T
	n        int
	statuses map[int]int
}

// want4xx records an answer and fails unless it is a 4xx (or one of allowed).
func (a *answers) want4xx(what string, r *reply, err error, allowed ...int) {
	a.t.Helper()
	a.n++
	if a.statuses == nil {
		a.statuses = map[int]int{}
	}
	if err != nil {
		a.t.Errorf("%s: no answer: %v", what, err)
		return
	}
	a.statuses[r.Status]++
	for _, s := range allowed {
		if r.Status == s {
			return
		}
	}
	if r.Status < 400 || r.Status > 499 {
		a.t.Errorf("%s: status %d, want 4xx (%.200s)", what, r.Status, r.Body)
	}
}

// fuzzForms sends each form once per field and bad value, with every other field
// as served. Comment and account forms go through their owner; the rest rotate
// through a pool of admins so that rate limits do not hide the answers.
func fuzzForms(a *answers, pool []*client, owner *client, forms []formSpec) {
	i := 0
	for _, f := range forms {
		if f.Action == "/auth/logout" {
			continue // signing out changes nothing stored, but would end the owner's session
		}
		send := func(what string, values url.Values) {
			c := pool[i%len(pool)]
			i++
			if strings.HasPrefix(f.Action, "/comments/") || strings.HasPrefix(f.Action, "/me") {
				c = owner
			}
			if _, own := values["_csrf"]; own && values.Get("_csrf") == f.Defaults.Get("_csrf") {
				values.Set("_csrf", c.csrf)
			}
			r, err := c.post(f.Action, values)
			a.want4xx(fmt.Sprintf("POST %s %s", f.Action, what), r, err)
		}
		for _, field := range f.Fields {
			for name, bad := range badValues {
				values := cloneValues(f.Defaults)
				values.Set(field, bad)
				send(fmt.Sprintf("field %s: %s", field, name), values)
			}
		}
		values := cloneValues(f.Defaults)
		values.Set("\xff\x00name", "x")
		send("a field name of bad bytes", values)
	}
}

// oversized sends headers and bodies beyond the server's limits.
func oversized(a *answers, c *client, cons consultation) {
	path := "/consultations/" + cons.Slug
	r, err := rawRequest(c.base, "GET "+path+" HTTP/1.1\r\nHost: x\r\nX-Big: "+strings.Repeat("a", 64<<10)+"\r\n\r\n")
	a.want4xx("64 KB header", r, err)
	if r != nil && r.Status != http.StatusRequestHeaderFieldsTooLarge {
		a.t.Errorf("64 KB header: status %d, want 431", r.Status)
	}
	var many strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&many, "X-H%d: %s\r\n", i, strings.Repeat("b", 30))
	}
	r, err = rawRequest(c.base, "GET "+path+" HTTP/1.1\r\nHost: x\r\n"+many.String()+"\r\n")
	a.want4xx("2,000 headers", r, err)

	big := "body=" + strings.Repeat("z", 3<<20)
	form := "/consultations/" + cons.Slug + "/comments"
	for _, chunked := range []bool{false, true} {
		var body io.Reader = strings.NewReader(big)
		if chunked {
			body = io.MultiReader(strings.NewReader(big)) // unknown length: sent chunked
		}
		r, err := c.doWith(http.MethodPost, form, body, "application/x-www-form-urlencoded", map[string]string{"X-CSRF-Token": c.csrf})
		what := fmt.Sprintf("3 MB body (chunked %t)", chunked)
		a.want4xx(what, r, err)
		if r != nil && r.Status != http.StatusRequestEntityTooLarge {
			a.t.Errorf("%s: status %d, want 413", what, r.Status)
		}
	}
}

// badMethods sends methods no route accepts. Under a route group with its own
// middleware (/me, /admin) Echo v4 answers 404 rather than 405, after the
// group's role check: still a refusal, so only public routes must say 405.
func badMethods(a *answers, c *client, cons consultation) {
	paths := map[string]bool{"/": true, "/consultations/" + cons.Slug: true, "/consultations/" + cons.Slug + "/comments": true,
		"/auth/dev": true, "/readyz": true, "/admin/moderation/decide": false, "/me": false}
	for p, public := range paths {
		for _, m := range []string{"PUT", "DELETE", "PATCH", "TRACE", "PROPFIND"} {
			r, err := c.doWith(m, p, strings.NewReader("x=1"), "application/x-www-form-urlencoded", map[string]string{"X-CSRF-Token": c.csrf})
			a.want4xx(m+" "+p, r, err)
			if public && r != nil && r.Status != http.StatusMethodNotAllowed {
				a.t.Errorf("%s %s: status %d, want 405", m, p, r.Status)
			}
		}
	}
}

// brokenMultipart posts unparseable multipart bodies to every form, with a valid
// CSRF token in the header so that the handlers themselves read them.
func brokenMultipart(a *answers, c *client, forms []formSpec) {
	bodies := map[string][2]string{
		"no boundary":      {"multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nhi\r\n--x--\r\n"},
		"garbage":          {"multipart/form-data; boundary=x", "\x00\xff not multipart at all"},
		"truncated":        {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nhal"},
		"bad part header":  {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: \xff\x00\r\n\r\nhi\r\n--x--\r\n"},
		"bad name in part": {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"\xff\x00\"\r\n\r\nhi\r\n--x--\r\n"},
	}
	for _, f := range forms {
		if f.Action == "/auth/logout" {
			continue
		}
		for name, b := range bodies {
			r, err := c.doWith(http.MethodPost, f.Action, strings.NewReader(b[1]), b[0], map[string]string{"X-CSRF-Token": c.csrf})
			a.want4xx(fmt.Sprintf("POST %s multipart %s", f.Action, name), r, err)
		}
	}
}

// absurdQueries fetches pages with query strings no form produces; the answer may
// be the page itself, but never a server error.
func absurdQueries(a *answers, c *client, cons consultation) {
	pages := []string{"/", "/consultations/" + cons.Slug, "/consultations/" + cons.Slug + "/paragraphs/" + cons.Keys[0],
		"/admin/moderation", "/admin/users", "/admin/audit", "/me", "/auth/sign-in", "/consultations/" + cons.Slug + "/comments.json"}
	queries := []string{"%zz", "after=%ff%00&q=%00", "after=-1&page=-1", "after=99999999999999999999999999&page=1e309",
		"q=" + strings.Repeat("%e2%80%ae", 2000), strings.Repeat("a=1&", 3000), "next=javascript:alert(1)",
		"consultation=%ff&status=%00&paragraph=..%2F..", "queue=%ff&decided=-9"}
	for _, p := range pages {
		for _, q := range queries {
			r, err := c.get(p + "?" + q)
			if err != nil {
				a.t.Errorf("GET %s?%.40s: %v", p, q, err)
				continue
			}
			a.n++
			if r.Status >= 500 {
				a.t.Errorf("GET %s?%.40s: status %d", p, q, r.Status)
			}
		}
	}
	r, err := c.get("/?" + strings.Repeat("q", 40<<10))
	a.want4xx("40 KB query", r, err)
	for _, p := range []string{"/consultations/%ff", "/consultations/%00", "/consultations/" + cons.Slug + "/paragraphs/%ff%fe",
		"/consultations/" + cons.Slug + "/paragraphs/a%00b", "/comments/%00/edit", "/admin/users/%ed%a0%80",
		"/consultations/" + cons.Slug + "/versions/99999999999999999999", "/admin/jobs/-1"} {
		r, err := c.get(p)
		a.want4xx("GET "+p, r, err)
	}
}

// doWith is do with extra headers.
func (c *client) doWith(method, path string, body io.Reader, contentType string, headers map[string]string) (*reply, error) {
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Forwarded-For", c.ip)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return &reply{Status: resp.StatusCode, Type: resp.Header.Get("Content-Type"), Body: b}, nil
}

// rawRequest writes bytes to a fresh connection and reads the status line,
// for requests Go's client refuses to send.
func rawRequest(base, raw string) (*reply, error) {
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), 5*time.Second)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	go func() { _, _ = conn.Write([]byte(raw)) }()
	buf := make([]byte, 512)
	n, err := io.ReadAtLeast(conn, buf, 12)
	if err != nil {
		return nil, err
	}
	var status int
	if _, err := fmt.Sscanf(string(buf[:n]), "HTTP/1.1 %d", &status); err != nil {
		return nil, fmt.Errorf("bad status line %q", bytes.SplitN(buf[:n], []byte("\r\n"), 2)[0])
	}
	return &reply{Status: status, Body: buf[:n]}, nil
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// tableCounts is the row count of every watched table, as one comparable string.
func tableCounts(t *testing.T, st *store.Store) string {
	t.Helper()
	var parts []string
	for _, table := range watchedTables {
		parts = append(parts, fmt.Sprintf("%s=%d", table, count(t, st, table)))
	}
	return strings.Join(parts, " ")
}
