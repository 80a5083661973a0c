package load

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// sharedTransport lets many clients reuse connections without the default
// limit of two idle connections per host.
func newTransport() *http.Transport {
	return &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        512,
		MaxIdleConnsPerHost: 512,
		IdleConnTimeout:     30 * time.Second,
	}
}

// client is one simulated person: a cookie jar, the CSRF token of the last form,
// and an address it claims through X-Forwarded-For, as a load balancer would
// send, so that per-address rate limits see many people rather than one.
// Unlike testutil.Client it returns errors, because under faults errors are
// expected and it runs in many goroutines at once.
type client struct {
	base    string
	http    *http.Client
	csrf    string
	ip      string
	timeout time.Duration
}

var clientSeq atomic.Int64

// newClient returns a client of the instance at base on a transport.
func newClient(base string, tr http.RoundTripper) *client {
	jar, _ := cookiejar.New(nil)
	n := clientSeq.Add(1)
	return &client{
		base: base, timeout: 15 * time.Second,
		ip: fmt.Sprintf("10.%d.%d.%d", (n>>16)&255, (n>>8)&255, n&255),
		http: &http.Client{Jar: jar, Transport: tr,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}
}

// reply is a response with its body read.
type reply struct {
	Status   int
	Location string
	Type     string
	Body     []byte
	Took     time.Duration
}

// doc parses the body as HTML.
func (r *reply) doc() *goquery.Document {
	d, err := goquery.NewDocumentFromReader(strings.NewReader(string(r.Body)))
	if err != nil {
		d, _ = goquery.NewDocumentFromReader(strings.NewReader(""))
	}
	return d
}

// do sends a request and reads the whole answer; the CSRF token of an HTML page
// is remembered for the next form.
func (c *client) do(method, path string, body io.Reader, contentType string) (*reply, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("X-Forwarded-For", c.ip)
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	r := &reply{Status: resp.StatusCode, Location: resp.Header.Get("Location"),
		Type: resp.Header.Get("Content-Type"), Body: b, Took: time.Since(start)}
	if err != nil {
		return r, err
	}
	if strings.HasPrefix(r.Type, "text/html") && method == http.MethodGet {
		if tok, ok := r.doc().Find(`input[name="_csrf"]`).First().Attr("value"); ok {
			c.csrf = tok
		}
	}
	return r, nil
}

func (c *client) get(path string) (*reply, error) { return c.do(http.MethodGet, path, nil, "") }

// post sends a form with the remembered CSRF token unless the form has its own.
func (c *client) post(path string, form url.Values) (*reply, error) {
	if _, ok := form["_csrf"]; !ok {
		form.Set("_csrf", c.csrf)
	}
	return c.do(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// signIn signs in through the development sign-in.
func (c *client) signIn(name, email, role string) error {
	if _, err := c.get("/auth/dev"); err != nil {
		return err
	}
	r, err := c.post("/auth/dev", url.Values{"name": {name}, "email": {email}, "role": {role}})
	if err != nil {
		return err
	}
	if r.Status != http.StatusSeeOther {
		return fmt.Errorf("dev sign-in: status %d", r.Status)
	}
	// The CSRF token is bound to the session: read the new one.
	_, err = c.get("/auth/sign-in")
	return err
}

// commentForm fetches a paragraph page and returns the fields of its comment
// form as the page filled them in (the CSRF token and the submission token).
func (c *client) commentForm(slug, key string) (url.Values, error) {
	r, err := c.get("/consultations/" + slug + "/paragraphs/" + key)
	if err != nil {
		return nil, err
	}
	if r.Status != http.StatusOK {
		return nil, fmt.Errorf("paragraph page: status %d", r.Status)
	}
	form := url.Values{}
	sel := r.doc().Find(`form[action$="/comments"]`).First()
	if sel.Length() == 0 {
		return nil, fmt.Errorf("paragraph page has no comment form")
	}
	sel.Find(`input[type="hidden"]`).Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		value, _ := in.Attr("value")
		form.Set(name, value)
	})
	return form, nil
}

// comment fills a copy of the form with a body and a fresh submission token.
func comment(form url.Values, body string) url.Values {
	f := url.Values{}
	for k, v := range form {
		f[k] = append([]string(nil), v...)
	}
	f.Set("body", body)
	f.Set("responding_as", "individual")
	f.Set("publish", "name")
	f.Set("stance", "agree")
	f.Set("submission_token", newToken())
	return f
}

// newToken is a submission token of the form the server accepts.
func newToken() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// accepted reports whether a comment POST was acknowledged: a 303 back to the
// paragraph page saying which comment was sent (not, say, to the sign-in page).
func accepted(r *reply, slug string) bool {
	return r != nil && r.Status == http.StatusSeeOther &&
		strings.HasPrefix(r.Location, "/consultations/"+slug+"/paragraphs/") && strings.Contains(r.Location, "sent=")
}
