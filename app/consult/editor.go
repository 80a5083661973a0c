package consult

import (
	"context"

	"pilcrow/app/document"
	"pilcrow/app/model"
)

// PreviewChanges compares Markdown in the editor with the published version,
// block by block, as the "what changed" page will once it is published: the
// blocks that would keep their keys are matched, and only the blocks added,
// removed or changed are returned. A consultation never published has none.
func (s *Service) PreviewChanges(ctx context.Context, c *model.Consultation, markdown string) ([]document.Change, error) {
	if c.CurrentVersionID == nil {
		return nil, nil
	}
	blocks, err := s.Store.Blocks(ctx, *c.CurrentVersionID)
	if err != nil {
		return nil, err
	}
	previous := toDocumentBlocks(blocks)
	n := 0
	doc, err := document.Render(normaliseNewlines(markdown), previous, func() string { n++; return previewKey(n) })
	if err != nil {
		return nil, nil // the preview itself reports what is wrong
	}
	var out []document.Change
	for _, ch := range document.Diff(previous, doc.Blocks) {
		if ch.Kind != "unchanged" {
			out = append(out, ch)
		}
	}
	return out, nil
}

// KeepDraft saves the editor's text as the draft without an audit entry: it
// runs on every preview and every few seconds while an official types, and
// an explicit "Save draft" (SaveDraft) is what the audit log records.
func (s *Service) KeepDraft(ctx context.Context, slug, markdown string) error {
	markdown = normaliseNewlines(markdown)
	if key := markdownProblem(markdown, false); key != "" {
		return model.FieldErrors{"markdown": key}
	}
	c, err := s.Store.ConsultationBySlug(ctx, slug)
	if err != nil {
		return err
	}
	return s.Store.SaveDraft(ctx, c.ID, markdown)
}
