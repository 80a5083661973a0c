package consult

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"pilcrow/app/model"
)

// Bounds of the paragraph cache: every paragraph of a few live consultations.
const (
	maxCachedParagraphs = 4096
	// paragraphMaxAge heals a change that forgot to bump the revision, such as
	// a display name changed at sign-in.
	paragraphMaxAge = 5 * time.Minute
)

// paragraphCache keeps, per paragraph, what every reader sees alike: the block,
// its version and its public comments with their authors' published names.
// An entry is valid for exactly the revision and current version of its
// consultation that it was read at; every change that a public page shows
// bumps the revision (see store.BumpRevision). What only one reader sees,
// their own comments, is read for each request.
type paragraphCache struct {
	mu      sync.Mutex
	entries map[paragraphKey]*paragraphEntry
}

type paragraphKey struct {
	consultation int64
	key          string
}

type paragraphEntry struct {
	revision, version int64
	built             time.Time
	// base is the paragraph without comments: Consultation and Status are the
	// request's own.
	base    Paragraph
	public  []CommentView // flat, oldest first, as an anonymous reader sees them
	threads []CommentView // public as threads, shared read-only by every reader without comments here
}

func (pc *paragraphCache) get(c *model.Consultation, key string) *paragraphEntry {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	e, ok := pc.entries[paragraphKey{c.ID, key}]
	if !ok || e.revision != c.Revision || c.CurrentVersionID == nil || e.version != *c.CurrentVersionID ||
		time.Since(e.built) >= paragraphMaxAge {
		return nil
	}
	return e
}

func (pc *paragraphCache) keep(c *model.Consultation, key string, e *paragraphEntry) {
	e.revision, e.version, e.built = c.Revision, *c.CurrentVersionID, time.Now()
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.entries == nil {
		pc.entries = map[paragraphKey]*paragraphEntry{}
	}
	if len(pc.entries) >= maxCachedParagraphs {
		for k := range pc.entries {
			delete(pc.entries, k)
			break
		}
	}
	pc.entries[paragraphKey{c.ID, key}] = e
}

// paragraphEntry returns the shared part of a paragraph's page, reading it
// when the consultation moved on since it was kept.
func (s *Service) paragraphEntry(ctx context.Context, c *model.Consultation, key string) (*paragraphEntry, error) {
	if e := s.paragraphs.get(c, key); e != nil {
		return e, nil
	}
	e := &paragraphEntry{base: Paragraph{Consultation: c}}
	p := &e.base
	var err error
	if p.Version, err = s.Store.Version(ctx, *c.CurrentVersionID); err != nil {
		return nil, err
	}
	if key != "" {
		if err := s.findBlock(ctx, p, key); err != nil {
			return nil, err
		}
		if err := s.fillBlockHTML(ctx, p); err != nil {
			return nil, err
		}
		if p.Welsh, p.WelshTranslation, err = s.TranslatedBlock(ctx, p.Version.ID, model.Welsh, key); err != nil {
			return nil, err
		}
		if p.Response, err = s.OutcomeSections(ctx, c, key); err != nil {
			return nil, err
		}
	}
	cs, err := s.Store.ParagraphComments(ctx, c.ID, key, 0)
	if err != nil {
		return nil, err
	}
	if e.public, err = s.commentViews(ctx, p, cs, 0, nil); err != nil {
		return nil, err
	}
	e.threads = threads(e.public)
	s.paragraphs.keep(c, key, e)
	return e, nil
}

// threadsFor returns the paragraph's threads as viewer sees them: the shared
// ones unless the viewer has comments here, which are merged in, in the order
// of the page (oldest first), marked as theirs.
func (s *Service) threadsFor(ctx context.Context, p *Paragraph, e *paragraphEntry, viewer *model.User) ([]CommentView, error) {
	if viewer == nil {
		return e.threads, nil
	}
	viewerID := viewer.ID
	cs, err := s.Store.OwnParagraphComments(ctx, p.Consultation.ID, p.keyOrEmpty(), viewerID)
	if err != nil || len(cs) == 0 {
		return e.threads, err
	}
	public := e.public
	own, err := s.commentViews(ctx, &Paragraph{Block: p.Block}, cs, viewerID, map[int64]string{viewerID: viewer.DisplayName})
	if err != nil {
		return nil, err
	}
	out := make([]CommentView, 0, len(public)+len(own))
	for _, v := range public {
		if v.UserID != viewerID {
			out = append(out, v)
		}
	}
	out = append(out, own...)
	slices.SortFunc(out, func(a, b CommentView) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return threads(out), nil
}

// keyOrEmpty is the block's key, or "" for the whole document.
func (p *Paragraph) keyOrEmpty() string {
	if p.Block == nil {
		return ""
	}
	return p.Block.Key
}

// maxCachedVersionKeys bounds the versions whose block keys are kept.
const maxCachedVersionKeys = 256

// versionKeys keeps each published version's block keys, for checking the
// paragraph of a new comment without a query: a version never changes.
type versionKeys struct {
	mu   sync.Mutex
	keys map[int64]map[string]bool
}

// hasBlock reports whether the version has a block with key.
func (s *Service) hasBlock(ctx context.Context, versionID int64, key string) (bool, error) {
	vk := &s.versionKeys
	vk.mu.Lock()
	keys, ok := vk.keys[versionID]
	vk.mu.Unlock()
	if ok {
		return keys[key], nil
	}
	blocks, err := s.Store.Blocks(ctx, versionID)
	if err != nil {
		return false, err
	}
	keys = make(map[string]bool, len(blocks))
	for _, b := range blocks {
		keys[b.Key] = true
	}
	vk.mu.Lock()
	if vk.keys == nil || len(vk.keys) >= maxCachedVersionKeys {
		vk.keys = map[int64]map[string]bool{}
	}
	vk.keys[versionID] = keys
	vk.mu.Unlock()
	return keys[key], nil
}
