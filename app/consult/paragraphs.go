package consult

import (
	"context"
	"errors"
	"html"

	"pilcrow/app/document"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// CommentView is a comment as one viewer may see it.
type CommentView struct {
	model.Comment
	Author   string // the display name, only when published with it or shown to its author
	Own      bool   // the viewer wrote it
	Original string // the block's text it was written against, when the text has changed since
	Replies  []CommentView
}

// Paragraph is a block with its comments, for its page; Block is nil for the
// whole document.
type Paragraph struct {
	Consultation *model.Consultation
	Status       model.Status
	Version      *model.DocumentVersion // the version the shown block comes from
	Block        *model.Block
	RemovedIn    int          // the version number that removed the block, 0 while current
	MovedTo      *model.Block // for a removed block, the current one its comments were re-attached to
	// Threads may be shared with other requests: read them, never change them.
	Threads []CommentView
	Public  int // comments anyone can see
	// Response is the HTML of the published outcome's sections that link to
	// this block: what was done about it ("Our response").
	Response []string
	// Welsh is the block in the Welsh translation of its version, with that
	// translation, when there is one.
	Welsh            *model.Block
	WelshTranslation *model.Translation
}

// Paragraph returns the block with key (or the whole document for "") of the
// consultation, with the comments viewer may see. A key of a removed block
// returns its last text.
func (s *Service) Paragraph(ctx context.Context, slug, key string, viewer *model.User) (*Paragraph, error) {
	c, err := s.readerPublishedConsultation(ctx, slug)
	if err != nil {
		return nil, err
	}
	e, err := s.paragraphEntry(ctx, c, key)
	if err != nil {
		return nil, err
	}
	p := e.base
	p.Consultation, p.Status = c, c.StatusAt(s.now())
	if p.Threads, err = s.threadsFor(ctx, &p, e, viewer); err != nil {
		return nil, err
	}
	return &p, nil
}

// findBlock sets the paragraph's block: the current one, or the last text of a
// removed one with the version that removed it.
func (s *Service) findBlock(ctx context.Context, p *Paragraph, key string) error {
	b, err := s.Store.Block(ctx, p.Version.ID, key)
	if err == nil {
		p.Block = b
		return nil
	}
	if !errors.Is(err, model.ErrNotFound) {
		return err
	}
	b, number, err := s.Store.LatestBlock(ctx, p.Consultation.ID, key)
	if err != nil {
		return err
	}
	p.Block, p.RemovedIn = b, number+1
	if p.MovedTo, err = s.movedTo(ctx, p.Consultation, key); err != nil {
		return err
	}
	p.Version, err = s.Store.Version(ctx, b.VersionID)
	return err
}

// fillBlockHTML gives a block published before blocks kept their own HTML
// (migration 00016) its HTML, by rendering its version's Markdown again with
// the version's own blocks as the previous ones, so every key comes back.
func (s *Service) fillBlockHTML(ctx context.Context, p *Paragraph) error {
	if p.Block.HTML != "" {
		return nil
	}
	blocks, err := s.Store.Blocks(ctx, p.Block.VersionID)
	if err != nil {
		return err
	}
	v := p.Version
	if v.ID != p.Block.VersionID {
		if v, err = s.Store.Version(ctx, p.Block.VersionID); err != nil {
			return err
		}
	}
	d, err := document.Render(v.Markdown, toDocumentBlocks(blocks), document.RandomKey)
	if err != nil {
		return err
	}
	for _, b := range d.Blocks {
		if b.Key == p.Block.Key {
			p.Block.HTML = b.HTML
			return nil
		}
	}
	p.Block.HTML = "<p class=\"govuk-body\">" + html.EscapeString(p.Block.Text) + "</p>"
	return nil
}

// commentViews decides, for each comment, what the viewer sees of its author
// and whether the text it answered has changed since. Names already known
// (the viewer's own) are not read again.
func (s *Service) commentViews(ctx context.Context, p *Paragraph, cs []model.Comment, viewerID int64, known map[int64]string) ([]CommentView, error) {
	userIDs, versionIDs := []int64{}, []int64{}
	var moved []store.BlockRef // re-attached comments: the block each author read
	for _, c := range cs {
		if _, ok := known[c.UserID]; !ok {
			userIDs = append(userIDs, c.UserID)
		}
		// A comment on the shown block's own version answered the same text.
		if p.Block == nil || c.VersionID != p.Block.VersionID {
			versionIDs = append(versionIDs, c.VersionID)
		}
		if c.WrittenOnKey != "" {
			moved = append(moved, store.BlockRef{VersionID: c.VersionID, Key: c.WrittenOnKey})
		}
	}
	names := known
	if len(userIDs) > 0 {
		var err error
		if names, err = s.Store.UserNames(ctx, userIDs); err != nil {
			return nil, err
		}
		for id, n := range known {
			names[id] = n
		}
	}
	var err error
	original := map[int64]model.Block{}
	if p.Block != nil && len(versionIDs) > 0 {
		if original, err = s.Store.BlocksByKey(ctx, p.Block.Key, versionIDs); err != nil {
			return nil, err
		}
	}
	read, err := s.Store.QueueBlocks(ctx, moved)
	if err != nil {
		return nil, err
	}
	out := make([]CommentView, len(cs))
	for i, c := range cs {
		v := CommentView{Comment: c, Own: c.UserID == viewerID}
		if AuthorShownTo(&c, viewerID) {
			v.Author = names[c.UserID]
		}
		if b, ok := original[c.VersionID]; ok && p.Block != nil && b.Text != p.Block.Text {
			v.Original = b.Text
		}
		if b, ok := read[store.BlockRef{VersionID: c.VersionID, Key: c.WrittenOnKey}]; ok && c.WrittenOnKey != "" {
			v.Original = b.Text
		}
		if c.Status == model.CommentApproved && c.Publish.Public() {
			p.Public++
		}
		out[i] = v
	}
	return out, nil
}

// threads puts replies under their comment. A reply whose comment the viewer
// cannot see (withdrawn or rejected since) stands on its own.
func threads(views []CommentView) []CommentView {
	index := map[int64]int{}
	var out []CommentView
	for _, v := range views {
		if v.ParentID == nil {
			index[v.ID] = len(out)
			out = append(out, v)
		}
	}
	for _, v := range views {
		if v.ParentID == nil {
			continue
		}
		if i, ok := index[*v.ParentID]; ok {
			out[i].Replies = append(out[i].Replies, v)
		} else {
			out = append(out, v)
		}
	}
	return out
}

// VisibleComment returns one comment for showing it beside a form, such as the one it
// replies to or the one being reported; only public ones are visible to others.
func (s *Service) VisibleComment(ctx context.Context, id int64, viewer *model.User) (*CommentView, error) {
	cm, err := s.Store.Comment(ctx, id)
	if err != nil {
		return nil, err
	}
	var viewerID int64
	if viewer != nil {
		viewerID = viewer.ID
	}
	if !VisibleTo(cm, viewerID) {
		return nil, model.ErrNotFound
	}
	v := &CommentView{Comment: *cm, Own: viewerID != 0 && viewerID == cm.UserID}
	if AuthorShownTo(cm, viewerID) {
		names, err := s.Store.UserNames(ctx, []int64{cm.UserID})
		if err != nil {
			return nil, err
		}
		v.Author = names[cm.UserID]
	}
	return v, nil
}
