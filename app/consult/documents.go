package consult

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"pilcrow/app/document"
	"pilcrow/app/model"
)

// Publish errors, shown beside the Markdown field.
var (
	ErrNoChange = errors.New("the new version is the same as the current one")
)

// PublishVersion renders the Markdown once, keeps the keys of blocks that survive
// from the current version, and makes the result the consultation's current
// version. The HTML is stored, so no request ever renders Markdown again.
func (s *Service) PublishVersion(ctx context.Context, c *model.Consultation, markdown, changeNote string, actor *int64) (*model.DocumentVersion, error) {
	var previous []document.Block
	if c.CurrentVersionID != nil {
		cur, err := s.Store.Version(ctx, *c.CurrentVersionID)
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(cur.Markdown) == strings.TrimSpace(markdown) {
			return nil, ErrNoChange
		}
		blocks, err := s.Store.Blocks(ctx, cur.ID)
		if err != nil {
			return nil, err
		}
		previous = toDocumentBlocks(blocks)
	}
	doc, err := document.Render(markdown, previous, document.RandomKey)
	if err != nil {
		return nil, err
	}
	if err := s.publishedImagesOf(ctx, c, &doc); err != nil {
		return nil, err
	}
	headings, err := json.Marshal(doc.Headings)
	if err != nil {
		return nil, err
	}
	v := &model.DocumentVersion{
		ConsultationID: c.ID, Markdown: markdown, ChangeNote: strings.TrimSpace(changeNote),
		HTML: doc.HTML, Headings: string(headings), PublishedAt: s.now(), CreatedBy: actor,
		Questions: questionsJSON(doc.Blocks),
	}
	if err := s.Store.CreateVersion(ctx, v, toModelBlocks(doc.Blocks)); err != nil {
		return nil, err
	}
	c.CurrentVersionID = &v.ID
	if err := s.Store.Audit(ctx, actor, "version.publish", "consultation", c.Slug, nil,
		map[string]any{"version": v.Number, "change_note": v.ChangeNote, "blocks": len(doc.Blocks)}); err != nil {
		return nil, err
	}
	return v, nil
}

// Headings decodes a version's table of contents.
func Headings(v *model.DocumentVersion) []document.Heading {
	var hs []document.Heading
	_ = json.Unmarshal([]byte(v.Headings), &hs)
	return hs
}

func toDocumentBlocks(bs []model.Block) []document.Block {
	out := make([]document.Block, len(bs))
	for i, b := range bs {
		out[i] = document.Block{Key: b.Key, Number: b.Number, Kind: b.Kind, Text: b.Text, Section: b.Section}
	}
	return out
}

func toModelBlocks(bs []document.Block) []model.Block {
	out := make([]model.Block, len(bs))
	for i, b := range bs {
		out[i] = model.Block{Key: b.Key, Number: b.Number, Kind: b.Kind, Text: b.Text, Section: b.Section, HTML: b.HTML}
	}
	return out
}
