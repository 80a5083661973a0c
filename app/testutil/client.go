package testutil

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Client is a browser stand-in: it keeps cookies, does not follow redirects (so
// tests can check them), and reads CSRF tokens from the forms it is served.
type Client struct {
	t    testing.TB
	HTTP *http.Client
	Base string
	csrf string
}

// Response is a finished request with its body read and parsed.
type Response struct {
	*http.Response
	Body string
	Doc  *goquery.Document
}

// NewClient returns a client of the site at base.
func NewClient(t testing.TB, base string) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: t, Base: base, HTTP: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Get fetches a path and remembers the page's CSRF token, if it has a form.
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	return c.Do(http.MethodGet, path, nil, "")
}

// PostForm sends a form, adding the CSRF token from the last page unless the
// form sets _csrf itself (set it to "" to send none).
func (c *Client) PostForm(path string, form url.Values) *Response {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, set := form["_csrf"]; !set {
		if c.csrf == "" {
			c.Get("/auth/sign-in")
		}
		form.Set("_csrf", c.csrf)
	}
	return c.Do(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// Do sends any request.
func (c *Client) Do(method, path string, body io.Reader, contentType string) *Response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.Base+path, body)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	r := &Response{Response: resp, Body: string(b)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		r.Doc, _ = goquery.NewDocumentFromReader(strings.NewReader(r.Body))
		if tok, ok := r.Doc.Find(`input[name="_csrf"]`).First().Attr("value"); ok {
			c.csrf = tok
		}
	}
	return r
}

// Follow fetches the Location a redirect points to.
func (c *Client) Follow(r *Response) *Response {
	c.t.Helper()
	loc := r.Header.Get("Location")
	if loc == "" {
		c.t.Fatalf("expected a redirect, got %d", r.StatusCode)
	}
	u, err := url.Parse(loc)
	if err != nil {
		c.t.Fatalf("bad Location %q", loc)
	}
	return c.Get(u.RequestURI())
}

// SignIn signs in through the development sign-in with the given role.
func (c *Client) SignIn(name, email, role string) {
	c.t.Helper()
	c.Get("/auth/dev")
	r := c.PostForm("/auth/dev", url.Values{"name": {name}, "email": {email}, "role": {role}})
	if r.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("dev sign-in: status %d: %s", r.StatusCode, Text(r))
	}
	// The CSRF token is bound to the session: read the new one.
	c.Get("/auth/sign-in")
}

// CSRF returns the token of the last form served.
func (c *Client) CSRF() string { return c.csrf }

// Text returns the visible text of the page's main element, for messages.
func Text(r *Response) string {
	if r.Doc == nil {
		return r.Body
	}
	return strings.Join(strings.Fields(r.Doc.Find("main").Text()), " ")
}

// Expect fails the test unless the response has the status.
func (r *Response) Expect(t testing.TB, status int) *Response {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %.400s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, Text(r))
	}
	return r
}
