package web

import (
	"sync"
	"time"

	"pilcrow/app/model"
)

// maxSharedPages bounds the whole pages kept for visitors who are not signed
// in: the busiest paragraphs of a few live consultations in two languages.
const maxSharedPages = 2048

// sharedCache keeps whole pages rendered for visitors who are not signed in,
// other than the document page (see pageCache), under the same revision rule:
// a page is valid for exactly the revision, current version and status of its
// consultation that it was built from, and for pageMaxAge at most.
type sharedCache struct {
	mu    sync.Mutex
	pages map[sharedKey]*sharedEntry
}

// sharedKey names one page of a consultation in one language: kind is the
// page ("paragraph", "feed"…), key what it shows (a block key, "" for the
// whole document).
type sharedKey struct {
	consultation    int64
	kind, key, lang string
}

type sharedEntry struct {
	revision, version int64
	status            model.Status
	built             time.Time
	page              *sharedPage
}

func newSharedCache() *sharedCache { return &sharedCache{pages: map[sharedKey]*sharedEntry{}} }

// get returns the page kept under k for this state of the consultation, or nil.
func (sc *sharedCache) get(k sharedKey, c *model.Consultation, status model.Status) *sharedPage {
	sc.mu.Lock()
	e, ok := sc.pages[k]
	sc.mu.Unlock()
	if !ok || e.revision != c.Revision || e.version != versionOf(c) || e.status != status ||
		time.Since(e.built) >= pageMaxAge {
		return nil
	}
	return e.page
}

// keep remembers body as the page k for the state of c it was built from.
func (sc *sharedCache) keep(k sharedKey, c *model.Consultation, status model.Status, body []byte) *sharedPage {
	p := newSharedPage(body)
	sc.mu.Lock()
	evictOneEntry(sc.pages, maxSharedPages)
	sc.pages[k] = &sharedEntry{revision: c.Revision, version: versionOf(c), status: status, built: time.Now(), page: p}
	sc.mu.Unlock()
	return p
}

func versionOf(c *model.Consultation) int64 {
	if c.CurrentVersionID == nil {
		return 0
	}
	return *c.CurrentVersionID
}
