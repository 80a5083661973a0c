package consult

import (
	"context"

	"pilcrow/app/document"
	"pilcrow/app/model"
)

// Comparison is what changed between a version and the one before it.
type Comparison struct {
	From, To  *model.DocumentVersion
	Changes   []document.Change // only the blocks that were added, removed or changed
	Unchanged int
}

// VersionOf returns the consultation's nth version; numbers that do not exist
// are model.ErrNotFound.
func (s *Service) VersionOf(ctx context.Context, c *model.Consultation, n int) (*model.DocumentVersion, error) {
	if n < 1 || c.CurrentVersionID == nil {
		return nil, model.ErrNotFound
	}
	return s.Store.VersionByNumber(ctx, c.ID, n)
}

// Compare describes version n against version n-1, block by block. The first
// version has nothing before it and is reported as not found.
func (s *Service) Compare(ctx context.Context, c *model.Consultation, n int) (*Comparison, error) {
	if n < 2 {
		return nil, model.ErrNotFound
	}
	to, err := s.VersionOf(ctx, c, n)
	if err != nil {
		return nil, err
	}
	from, err := s.Store.VersionByNumber(ctx, c.ID, n-1)
	if err != nil {
		return nil, err
	}
	oldBlocks, err := s.Store.Blocks(ctx, from.ID)
	if err != nil {
		return nil, err
	}
	newBlocks, err := s.Store.Blocks(ctx, to.ID)
	if err != nil {
		return nil, err
	}
	cmp := &Comparison{From: from, To: to}
	for _, ch := range document.Diff(toDocumentBlocks(oldBlocks), toDocumentBlocks(newBlocks)) {
		if ch.Kind == "unchanged" {
			cmp.Unchanged++
			continue
		}
		cmp.Changes = append(cmp.Changes, ch)
	}
	return cmp, nil
}
