package load

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/consult"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestLoadTwoInstances runs two instances of the binary on one PostgreSQL with
// the same session secret, as a deployment behind a load balancer does, and
// checks that nothing depends on which instance answers.
func TestLoadTwoInstances(t *testing.T) {
	t.Parallel()
	dbURL := testutil.DatabaseURL(t, store.Postgres)
	cons := seedConsultation(t, dbURL, "twins")
	setModeration(t, dbURL, cons.Slug, "post")
	a, b := startPilcrow(t, dbURL, nil), startPilcrow(t, dbURL, nil)
	tr := newTransport()

	t.Run("session made on one works on the other", func(t *testing.T) {
		c := newClient(a.URL, tr)
		must(t, c.signIn("Ada Twin", "ada@example.org", "citizen"))
		c.base = b.URL
		expectStatus(t, c, "/me", http.StatusOK)
		r, err := c.post("/auth/logout", url.Values{})
		must(t, err)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("sign out on the second instance: %d", r.Status)
		}
		c.base = a.URL
		expectStatus(t, c, "/me", http.StatusSeeOther) // ended everywhere
	})

	t.Run("a comment shows on the other within a second", func(t *testing.T) {
		writer := newClient(a.URL, tr)
		must(t, writer.signIn("Bea Twin", "bea@example.org", "citizen"))
		key := cons.Keys[3]
		for i, pair := range [][2]*instance{{a, b}, {b, a}, {a, b}} {
			on, other := pair[0], pair[1]
			reader := newClient(other.URL, tr)
			before := blockCount(t, reader, cons.Slug, key) // also fills the other's page cache
			writer.base = on.URL
			body := fmt.Sprintf("Posted on one instance, read on the other, round %d.", i)
			postComment(t, writer, cons.Slug, key, body)
			after := 0
			if !withinASecond(func() bool { after = blockCount(t, reader, cons.Slug, key); return after == before+1 }) {
				t.Errorf("round %d: count on the other instance went from %d to %d", i, before, after)
			}
			if !withinASecond(func() bool { return paragraphShows(t, reader, cons.Slug, key, body) }) {
				t.Errorf("round %d: the other instance's paragraph page does not show the comment", i)
			}
		}
	})

	t.Run("rate limits hold across both", func(t *testing.T) {
		limit := consult.DefaultLimits.CommentsPerMinute
		for attempt := range 2 { // a minute boundary in the middle resets the window
			c := newClient(a.URL, tr)
			must(t, c.signIn("Cy Twin", fmt.Sprintf("cy%d@example.org", attempt), "citizen"))
			start := time.Now().UTC()
			acked, limited := 0, 0
			for i := range limit + 4 {
				c.base = []string{a.URL, b.URL}[i%2]
				form, err := c.commentForm(cons.Slug, cons.Keys[i%len(cons.Keys)])
				must(t, err)
				r, err := c.post("/consultations/"+cons.Slug+"/comments", comment(form, fmt.Sprintf("Limit test %d.", i)))
				must(t, err)
				switch {
				case accepted(r, cons.Slug):
					acked++
				case r.Status == http.StatusTooManyRequests:
					limited++
				default:
					t.Fatalf("post %d: status %d", i, r.Status)
				}
			}
			if start.Truncate(time.Minute) != time.Now().UTC().Truncate(time.Minute) {
				continue
			}
			if acked != limit || limited != 4 {
				t.Errorf("%d posts alternating between instances: %d accepted and %d refused, want %d and 4", limit+4, acked, limited, limit)
			}
			return
		}
		t.Error("two attempts crossed a minute boundary")
	})

	t.Run("a report started on one is fetched from the other", func(t *testing.T) {
		c := newClient(a.URL, tr)
		must(t, c.signIn("Dee Analyst", "dee@example.org", "analyst"))
		r, err := c.post("/admin/consultations/"+cons.Slug+"/reports", url.Values{"kind": {"pdf"}})
		must(t, err)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/admin/jobs/") {
			t.Fatalf("start report: %d %q", r.Status, r.Location)
		}
		c.base = b.URL
		expectStatus(t, c, r.Location, http.StatusOK)
		deadline := time.Now().Add(60 * time.Second)
		for {
			d, err := c.get(r.Location + "/download")
			must(t, err)
			if d.Status == http.StatusOK {
				if !bytes.HasPrefix(d.Body, []byte("%PDF")) {
					t.Errorf("download is not a PDF: %q", d.Body[:min(len(d.Body), 20)])
				}
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("report not ready on the other instance after a minute (last status %d)", d.Status)
			}
			time.Sleep(300 * time.Millisecond)
		}
	})

	t.Run("a moderation decision on one shows on the other", func(t *testing.T) {
		setModeration(t, dbURL, cons.Slug, "pre")
		key, body := cons.Keys[5], "Awaiting a decision taken on the other instance."
		author := newClient(a.URL, tr)
		must(t, author.signIn("Eve Twin", "eve@example.org", "citizen"))
		postComment(t, author, cons.Slug, key, body)
		reader := newClient(a.URL, tr)
		if paragraphShows(t, reader, cons.Slug, key, body) {
			t.Fatal("a pending comment is public")
		}
		mod := newClient(b.URL, tr)
		must(t, mod.signIn("Fay Moderator", "fay@example.org", "moderator"))
		approve(t, mod, body)
		if !withinASecond(func() bool { return paragraphShows(t, reader, cons.Slug, key, body) }) {
			t.Error("the comment approved on one instance is not public on the other")
		}
	})
}

// postComment posts a comment through the paragraph page's form and fails
// unless it is acknowledged.
func postComment(t *testing.T, c *client, slug, key, body string) {
	t.Helper()
	form, err := c.commentForm(slug, key)
	must(t, err)
	r, err := c.post("/consultations/"+slug+"/comments", comment(form, body))
	must(t, err)
	if !accepted(r, slug) {
		t.Fatalf("comment not acknowledged: %d %q", r.Status, r.Location)
	}
}

var firstNumber = regexp.MustCompile(`\d+`)

// blockCount reads a block's comment count from the consultation page.
func blockCount(t *testing.T, c *client, slug, key string) int {
	t.Helper()
	r, err := c.get("/consultations/" + slug)
	must(t, err)
	if r.Status != http.StatusOK {
		t.Fatalf("consultation page: %d", r.Status)
	}
	link := r.doc().Find(`a.pc-block__comments[href$="/paragraphs/` + key + `"]`).First()
	if link.Length() == 0 {
		t.Fatalf("no comment link for paragraph %s", key)
	}
	label := strings.TrimSuffix(link.Text(), link.Find("span").Text()) // the hidden part names the paragraph number
	n, _ := strconv.Atoi(firstNumber.FindString(label))
	return n
}

// withinASecond reports whether ok becomes true within a second, the rule for
// how soon one instance sees another's change (a notification from PostgreSQL,
// else the cached consultation row's age limit).
func withinASecond(ok func() bool) bool {
	deadline := time.Now().Add(time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// paragraphShows reports whether the paragraph page shows a comment with the body.
func paragraphShows(t *testing.T, c *client, slug, key, body string) bool {
	t.Helper()
	r, err := c.get("/consultations/" + slug + "/paragraphs/" + key)
	must(t, err)
	if r.Status != http.StatusOK {
		t.Fatalf("paragraph page: %d", r.Status)
	}
	found := false
	r.doc().Find("article.pc-comment").Each(func(_ int, s *goquery.Selection) {
		found = found || strings.Contains(s.Text(), body)
	})
	return found
}

// approve finds the comment with the body in the pending queue and approves it
// with the item's own button.
func approve(t *testing.T, mod *client, body string) {
	t.Helper()
	r, err := mod.get("/admin/moderation")
	must(t, err)
	if r.Status != http.StatusOK {
		t.Fatalf("queue: %d", r.Status)
	}
	doc := r.doc()
	var id string
	doc.Find("li.pc-queue__item").Each(func(_ int, s *goquery.Selection) {
		if strings.Contains(s.Find(".pc-queue__body").Text(), body) {
			id, _ = s.Attr("data-comment-id")
		}
	})
	if id == "" {
		t.Fatal("the comment is not in the pending queue")
	}
	form := url.Values{"approve_one": {id}}
	doc.Find(`form[action="/admin/moderation/decide"] input[type="hidden"]`).Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		value, _ := s.Attr("value")
		if name == "_csrf" || name == "return" || name == "seen_"+id {
			form.Set(name, value)
		}
	})
	d, err := mod.post("/admin/moderation/decide", form)
	must(t, err)
	if d.Status != http.StatusSeeOther {
		t.Fatalf("approve: status %d", d.Status)
	}
}

// expectStatus fetches a path and checks its status.
func expectStatus(t *testing.T, c *client, path string, status int) {
	t.Helper()
	r, err := c.get(path)
	must(t, err)
	if r.Status != status {
		t.Fatalf("GET %s on %s: %d, want %d", path, c.base, r.Status, status)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
