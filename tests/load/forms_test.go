package load

import (
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// formSpec is one POST form found on the site: where it posts, the values its
// fields carry as served, and the names of every field it has.
type formSpec struct {
	Action   string
	Defaults url.Values
	Fields   []string
}

// skipCrawl lists paths the crawler must not fetch: downloads, feeds, GETs
// with side effects (starting a report) and the sign-in flows.
func skipCrawl(path string) bool {
	if path == "/auth/dev" {
		return false
	}
	for _, s := range []string{"/static/", "/auth/", "/download", "/me/data"} {
		if strings.Contains(path, s) {
			return true
		}
	}
	for _, s := range []string{".atom", ".json", ".csv", ".pdf"} {
		if strings.HasSuffix(path, s) {
			return true
		}
	}
	return false
}

var idPattern = regexp.MustCompile(`/\d+(/|$)`)

// crawlForms visits the site from the seeds as c, up to limit pages, and
// returns every POST form found, one per action.
func crawlForms(c *client, seeds []string, limit int) ([]formSpec, int) {
	seen := map[string]bool{}
	queue := append([]string(nil), seeds...)
	forms := map[string]formSpec{}
	pages := 0
	for len(queue) > 0 && pages < limit {
		link := queue[0]
		queue = queue[1:]
		u, err := url.Parse(link)
		if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/") || seen[u.Path] || skipCrawl(u.Path) {
			continue
		}
		seen[u.Path] = true
		r, err := c.get(u.RequestURI())
		if err != nil || r.Status != 200 || !strings.HasPrefix(r.Type, "text/html") {
			continue
		}
		pages++
		doc := r.doc()
		doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			queue = append(queue, href)
		})
		doc.Find("form").Each(func(_ int, f *goquery.Selection) {
			if m, _ := f.Attr("method"); !strings.EqualFold(m, "post") {
				return
			}
			action, _ := f.Attr("action")
			if action == "" {
				action = u.Path
			}
			if key := idPattern.ReplaceAllString(action, "/N$1"); forms[key].Action == "" {
				forms[key] = readForm(action, f) // one form per route, not per user or comment
			}
		})
	}
	var out []formSpec
	for _, f := range forms {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Action < out[j].Action })
	return out, pages
}

// readForm collects a form's fields and the values a browser would submit.
func readForm(action string, f *goquery.Selection) formSpec {
	spec := formSpec{Action: action, Defaults: url.Values{}}
	names := map[string]bool{}
	f.Find("input[name], textarea[name], select[name], button[name]").Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		names[name] = true
		value, _ := in.Attr("value")
		typ, _ := in.Attr("type")
		switch {
		case goquery.NodeName(in) == "textarea":
			spec.Defaults.Set(name, in.Text())
		case goquery.NodeName(in) == "select":
			opt := in.Find("option[selected]").First()
			if opt.Length() == 0 {
				opt = in.Find("option").First()
			}
			v, _ := opt.Attr("value")
			spec.Defaults.Set(name, v)
		case goquery.NodeName(in) == "button", typ == "submit":
		case typ == "radio":
			if _, checked := in.Attr("checked"); checked || !spec.Defaults.Has(name) {
				spec.Defaults.Set(name, value)
			}
		case typ == "checkbox":
			if _, checked := in.Attr("checked"); checked {
				spec.Defaults.Add(name, value)
			}
		default:
			spec.Defaults.Set(name, value)
		}
	})
	for n := range names {
		spec.Fields = append(spec.Fields, n)
	}
	sort.Strings(spec.Fields)
	return spec
}
