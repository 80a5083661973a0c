package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/document"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Bounds of the in-memory caches: a handful of live consultations is the norm,
// so these hold every one of them on a small server.
const (
	maxCachedVersions = 64
	maxCachedPages    = 256
	// pageMaxAge is a safety net: the revision already marks a page stale, but a
	// change that forgot to bump it heals within this time.
	pageMaxAge = 5 * time.Minute
)

// splitVersion is a published version cut at its count markers. Versions never
// change, so it is cached by id for as long as it fits.
type splitVersion struct {
	ID          int64
	Number      int
	PublishedAt time.Time
	Headings    []document.Heading
	Questions   []consult.QuestionBlock
	// Asked are the questions as the shown language asks them, by key; nil when
	// that is the English of Questions, whose options remain the answers' values.
	Asked    map[string]document.Question
	segments []string
	keys     []string
	numbers  []int // paragraph number of each key
}

// assembledPage is a version's HTML with every block's comment link filled in,
// valid for one revision of its consultation.
type assembledPage struct {
	revision  int64
	versionID int64
	split     *splitVersion // what was assembled: the version, or its translation
	docLang   string        // the language of the document shown
	built     time.Time
	HTML      template.HTML
	Counts    map[string]int
	Total     int
	// shared is the whole page as rendered for visitors who are not signed in,
	// for sharedStatus: the status moves with the clock, not the revision.
	shared       *sharedPage
	sharedStatus model.Status
}

// sharedPage is a rendered page, never changed once made, so handlers may read
// it without the cache's lock.
type sharedPage struct {
	plain   []byte
	gzipped []byte // compressed once, instead of once per request
}

// pageCache keeps the document page's expensive parts between requests, so a
// request costs one query (the consultation row, which carries the revision)
// when nothing changed, and a constant few when something did.
//
// The revision rule: an assembled page is valid for exactly one revision of
// its consultation. Every change a public page shows (a version published,
// the details edited, a comment made public, edited, withdrawn, moderated,
// unpublished after flags or deleted with its account) bumps
// consultations.revision in the store, in the same transaction as the change
// (a new comment on PostgreSQL: just after its commit, see
// store.CreateComment). A request that finds another revision builds the page
// again. pageMaxAge bounds the harm of a change that missed its bump. The page
// kept whole for anonymous visitors is also keyed by status, which moves with
// the clock (opening, closing) rather than with the revision. Pages are
// rendered by views.execute, like every other page.
type pageCache struct {
	mu           sync.Mutex
	versions     map[int64]*splitVersion
	translations map[int64]*splitVersion // by translation id; a translation never changes either
	pages        map[pageKey]*assembledPage
}

// pageKey names a consultation's document page in one interface language.
type pageKey struct {
	id   int64
	lang string
}

func newPageCache() *pageCache {
	return &pageCache{versions: map[int64]*splitVersion{}, translations: map[int64]*splitVersion{},
		pages: map[pageKey]*assembledPage{}}
}

// version returns the split form of a version, reading it (two queries) on a miss.
func (pc *pageCache) version(ctx context.Context, st *store.Store, id int64) (*splitVersion, error) {
	pc.mu.Lock()
	v, ok := pc.versions[id]
	pc.mu.Unlock()
	if ok {
		return v, nil
	}
	dv, err := st.Version(ctx, id)
	if err != nil {
		return nil, err
	}
	blocks, err := st.Blocks(ctx, id)
	if err != nil {
		return nil, err
	}
	v = newSplitVersion(dv, blocks)
	pc.mu.Lock()
	evictOneEntry(pc.versions, maxCachedVersions)
	pc.versions[id] = v
	pc.mu.Unlock()
	return v, nil
}

func newSplitVersion(dv *model.DocumentVersion, blocks []model.Block) *splitVersion {
	v := &splitVersion{ID: dv.ID, Number: dv.Number, PublishedAt: dv.PublishedAt, Headings: consult.Headings(dv),
		Questions: consult.Questions(dv)}
	v.segments, v.keys = document.Split(dv.HTML)
	number := make(map[string]int, len(blocks))
	for _, b := range blocks {
		number[b.Key] = b.Number
	}
	v.numbers = make([]int, len(v.keys))
	for i, k := range v.keys {
		v.numbers[i] = number[k]
	}
	return v
}

// page returns the consultation's current document in lang (its translation when
// there is one, else the English) with comment links, built from cached parts and
// one grouped count query when its revision moved on. Comments and counts are the
// same in every language: both documents share their blocks' keys.
func (pc *pageCache) page(ctx context.Context, st *store.Store, c *model.Consultation, lang string, link func(slug, key string, number, count int) string) (*assembledPage, *splitVersion, error) {
	key := pageKey{c.ID, lang}
	pc.mu.Lock()
	p, ok := pc.pages[key]
	pc.mu.Unlock()
	if ok && p.revision == c.Revision && p.versionID == *c.CurrentVersionID && time.Since(p.built) < pageMaxAge {
		return p, p.split, nil
	}
	v, docLang, err := pc.document(ctx, st, *c.CurrentVersionID, lang)
	if err != nil {
		return nil, nil, err
	}
	counts, err := st.CommentCounts(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	p = assembleDocument(v, c, counts, link)
	p.split, p.docLang = v, docLang
	pc.mu.Lock()
	evictOneEntry(pc.pages, maxCachedPages)
	pc.pages[key] = p
	pc.mu.Unlock()
	return p, v, nil
}

// document returns the split form of a version in lang: its translation when
// there is one, shaped as the version (same id, number and date), else the
// version itself; with the language it is in.
func (pc *pageCache) document(ctx context.Context, st *store.Store, versionID int64, lang string) (*splitVersion, string, error) {
	v, err := pc.version(ctx, st, versionID)
	if err != nil || lang == model.English {
		return v, model.English, err
	}
	t, err := st.Translation(ctx, versionID, lang)
	if errors.Is(err, model.ErrNotFound) {
		return v, model.English, nil
	} else if err != nil {
		return nil, "", err
	}
	pc.mu.Lock()
	tv, ok := pc.translations[t.ID]
	pc.mu.Unlock()
	if ok {
		return tv, t.Language, nil
	}
	blocks, err := st.TranslationBlocks(ctx, t.ID)
	if err != nil {
		return nil, "", err
	}
	tv = newSplitVersion(&model.DocumentVersion{ID: v.ID, Number: v.Number, PublishedAt: v.PublishedAt,
		HTML: t.HTML, Headings: t.Headings}, blocks)
	tv.Questions, tv.Asked = v.Questions, consult.TranslatedQuestions(t)
	pc.mu.Lock()
	evictOneEntry(pc.translations, maxCachedVersions)
	pc.translations[t.ID] = tv
	pc.mu.Unlock()
	return tv, t.Language, nil
}

// anonymousPage returns the whole page last rendered for visitors who are not
// signed in, or nil when it is stale or there is none.
func (pc *pageCache) anonymousPage(c *model.Consultation, status model.Status, lang string) *sharedPage {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	p, ok := pc.pages[pageKey{c.ID, lang}]
	if !ok || c.CurrentVersionID == nil || p.revision != c.Revision || p.versionID != *c.CurrentVersionID ||
		p.sharedStatus != status || p.shared == nil || time.Since(p.built) >= pageMaxAge {
		return nil
	}
	return p.shared
}

// keepAnonymousPage remembers the page rendered from p for visitors who are not
// signed in. Such a page holds nothing personal: no name, no form, no token.
func (pc *pageCache) keepAnonymousPage(p *assembledPage, status model.Status, body []byte) *sharedPage {
	sp := newSharedPage(body)
	pc.mu.Lock()
	p.shared, p.sharedStatus = sp, status
	pc.mu.Unlock()
	return sp
}

// newSharedPage keeps body with its compressed form.
func newSharedPage(body []byte) *sharedPage {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	_, _ = zw.Write(body)
	if zw.Close() != nil {
		gz.Reset()
	}
	return &sharedPage{plain: body, gzipped: gz.Bytes()}
}

// writeSharedPage sends the page kept for visitors who are not signed in,
// compressed when the client accepts it. The bytes were compressed once when
// the page was kept, so the response goes around the gzip middleware, which
// would otherwise compress them again on every request.
func writeSharedPage(c echo.Context, p *sharedPage) error {
	if len(p.gzipped) == 0 || !strings.Contains(c.Request().Header.Get(echo.HeaderAcceptEncoding), "gzip") {
		return sendPage(c, http.StatusOK, p.plain)
	}
	res := c.Response()
	if u, ok := res.Writer.(interface{ Unwrap() http.ResponseWriter }); ok {
		res.Writer = u.Unwrap()
	}
	h := res.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set(echo.HeaderContentEncoding, "gzip")
	h.Set(echo.HeaderContentLength, strconv.Itoa(len(p.gzipped)))
	return c.Blob(http.StatusOK, echo.MIMETextHTMLCharsetUTF8, p.gzipped)
}

// assembleDocument interleaves the version's segments with each block's comment link.
func assembleDocument(v *splitVersion, c *model.Consultation, counts map[string]int, link func(slug, key string, number, count int) string) *assembledPage {
	var b strings.Builder
	size := 0
	for _, s := range v.segments {
		size += len(s)
	}
	b.Grow(size + len(v.keys)*160)
	total := 0
	for _, n := range counts {
		total += n
	}
	for i, s := range v.segments {
		b.WriteString(s)
		if i < len(v.keys) {
			b.WriteString(link(c.Slug, v.keys[i], v.numbers[i], counts[v.keys[i]]))
		}
	}
	// The HTML was rendered and sanitised by app/document at publication; the
	// links are built from escaped values below.
	return &assembledPage{revision: c.Revision, versionID: v.ID, built: time.Now(),
		HTML: template.HTML(b.String()), Counts: counts, Total: total}
}

// evictOneEntry makes room for one more entry in a full map. Which entry goes does
// not matter much at these sizes; map order is as good as any.
func evictOneEntry[K comparable, V any](m map[K]V, max int) {
	if len(m) < max {
		return
	}
	for k := range m {
		delete(m, k)
		return
	}
}

// blockLink returns the link under a block to its paragraph page, with its count,
// in lang; screen readers hear which paragraph it belongs to.
func (s *Server) blockLink(lang string) func(slug, key string, number, count int) string {
	return func(slug, key string, number, count int) string {
		t := func(k string, args ...any) string { return html.EscapeString(s.Catalogue.T(lang, k, args...)) }
		label := t("consultation.block.comment")
		if count > 0 {
			label = html.EscapeString(s.Catalogue.Plural(lang, "consultation.block.comments", count))
		}
		return `<a class="govuk-link pc-block__comments" href="` + blockPageURL(slug, key) + `">` + label +
			`<span class="govuk-visually-hidden"> ` + t("consultation.block.on", number) + `</span></a>`
	}
}

// blockPageURL is the address of one block's page.
func blockPageURL(slug, key string) string {
	return "/consultations/" + html.EscapeString(slug) + "/paragraphs/" + html.EscapeString(key)
}

// stripMarkers removes the count markers, for pages that show a version as it
// was, without live comment links.
func stripMarkers(h string) template.HTML {
	segs, _ := document.Split(h)
	return template.HTML(strings.Join(segs, ""))
}
