package consult

import (
	"context"
	"errors"
	"slices"
	"strconv"

	"pilcrow/app/document"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Orphan is a block that a newer version rewrote so much that its key did not
// survive, with the comments still standing on it and the current block most
// like it, if any.
type Orphan struct {
	Block     model.Block // its last text, the one its latest comments were written about
	RemovedIn int         // the version that removed it
	Comments  int
	Successor *model.Block // the suggestion; nil when no current block is alike
}

// Orphans lists, for an admin, the removed blocks of a consultation that still
// have comments, each with the current block that most likely replaced it.
func (s *Service) Orphans(ctx context.Context, by *model.User, c *model.Consultation) ([]Orphan, error) {
	if err := acting(by, model.RoleAdmin); err != nil {
		return nil, err
	}
	if c.CurrentVersionID == nil {
		return nil, nil
	}
	counts, err := s.Store.OrphanedComments(ctx, c.ID, *c.CurrentVersionID)
	if err != nil || len(counts) == 0 {
		return nil, err
	}
	current, err := s.Store.Blocks(ctx, *c.CurrentVersionID)
	if err != nil {
		return nil, err
	}
	out := make([]Orphan, 0, len(counts))
	var gone []model.Block
	for _, n := range counts {
		b, number, err := s.Store.LatestBlock(ctx, c.ID, n.ParagraphKey)
		if errors.Is(err, model.ErrNotFound) {
			continue // a key no version had: nothing to show or suggest
		} else if err != nil {
			return nil, err
		}
		out = append(out, Orphan{Block: *b, RemovedIn: number + 1, Comments: n.N})
		gone = append(gone, *b)
	}
	suggested := document.SuggestSuccessors(toDocumentBlocks(gone), toDocumentBlocks(current))
	for i := range out {
		if sug, ok := suggested[out[i].Block.Key]; ok {
			j := slices.IndexFunc(current, func(x model.Block) bool { return x.Key == sug.Key })
			out[i].Successor = &current[j]
		}
	}
	return out, nil
}

// OrphanCount is how many removed blocks still have comments, for the admin's
// notice; it suggests nothing, so it costs one grouped query.
func (s *Service) OrphanCount(ctx context.Context, by *model.User, c *model.Consultation) (int, error) {
	if err := acting(by, model.RoleAdmin); err != nil || c.CurrentVersionID == nil {
		return 0, err
	}
	counts, err := s.Store.OrphanedComments(ctx, c.ID, *c.CurrentVersionID)
	return len(counts), err
}

// movedTo returns the current block that the comments of the removed block key
// were re-attached to, or nil when they were not.
func (s *Service) movedTo(ctx context.Context, c *model.Consultation, key string) (*model.Block, error) {
	to, err := s.Store.ReattachedTo(ctx, c.ID, key)
	if err != nil || to == "" {
		return nil, err
	}
	b, err := s.Store.Block(ctx, *c.CurrentVersionID, to)
	if errors.Is(err, model.ErrNotFound) {
		return nil, nil // rewritten away in its turn: the page says only that it was removed
	}
	return b, err
}

// Reattach moves, for an admin, every comment on the removed block from to the
// current block numbered to. Each comment keeps the version and the key of the
// text its author read, so that text is still shown beside it; the audit log
// records the move.
func (s *Service) Reattach(ctx context.Context, by *model.User, c *model.Consultation, from string, to int) (int64, error) {
	if err := acting(by, model.RoleAdmin); err != nil {
		return 0, err
	}
	target, err := s.ParagraphKeyByNumber(ctx, c, to)
	if errors.Is(err, model.ErrNotFound) {
		return 0, model.FieldErrors{"to": "reattach.error.to"}
	} else if err != nil {
		return 0, err
	}
	switch _, err := s.Store.Block(ctx, *c.CurrentVersionID, from); {
	case err == nil:
		return 0, model.ErrConflict // the block is still current: nothing to re-attach
	case !errors.Is(err, model.ErrNotFound):
		return 0, err
	}
	var moved int64
	err = s.Store.Tx(ctx, func(tx *store.Store) error {
		if moved, err = tx.ReattachComments(ctx, c.ID, from, target); err != nil {
			return err
		}
		if moved == 0 {
			return model.ErrConflict // moved already, perhaps by another admin
		}
		if err := tx.BumpRevision(ctx, c.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, &by.ID, "comments.reattach", "consultation", c.Slug,
			map[string]any{"paragraph_key": from},
			map[string]any{"paragraph_key": target, "paragraph": strconv.Itoa(to), "count": moved})
	})
	return moved, err
}
