package consult

import (
	"context"
	"errors"
	"io"

	"pilcrow/app/importdoc"
	"pilcrow/app/model"
)

// Imported is a Word or OpenDocument file turned into the editor's Markdown.
type Imported struct {
	Markdown string
	Images   []model.DocumentImage
	Losses   []importdoc.Loss
}

// ImportDocument converts a .docx or .odt file, keeps the images it holds
// as the consultation's images, and saves the Markdown as the draft, so the
// official reviews it in the editor before publishing and nothing is lost
// if the session ends. notesHeading heads the footnotes, in the reader's
// language.
func (s *Service) ImportDocument(ctx context.Context, slug, file string, r io.ReaderAt, size int64, notesHeading string, actor *int64) (*Imported, error) {
	c, err := s.Store.ConsultationBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	kind, err := importdoc.KindOf(file)
	if err != nil {
		return nil, model.FieldErrors{"document": importErrorKey(err)}
	}
	res, err := importdoc.Convert(r, size, kind, importdoc.Options{NotesHeading: notesHeading})
	if err != nil {
		return nil, model.FieldErrors{"document": importErrorKey(err)}
	}
	out := &Imported{Markdown: res.Markdown, Losses: res.Losses}
	for _, im := range res.Images {
		img, err := s.storeImage(ctx, c, im.Name, im.Alt, im.Data, actor)
		var fe model.FieldErrors
		if errors.As(err, &fe) {
			out.Losses = addLoss(out.Losses, importdoc.LossImageFormat)
			continue
		}
		if err != nil {
			return nil, err
		}
		out.Images = append(out.Images, *img)
	}
	if err := s.SaveDraft(ctx, slug, out.Markdown, actor); err != nil {
		return nil, err
	}
	return out, nil
}

func addLoss(ls []importdoc.Loss, code string) []importdoc.Loss {
	for i := range ls {
		if ls[i].Code == code {
			ls[i].Count++
			return ls
		}
	}
	return append(ls, importdoc.Loss{Code: code, Count: 1})
}

// importErrorKey names the message for a file that cannot be imported.
func importErrorKey(err error) string {
	switch {
	case errors.Is(err, importdoc.ErrUnsupported):
		return "authoring.import.error.type"
	case errors.Is(err, importdoc.ErrTooLarge):
		return "authoring.import.error.large"
	case errors.Is(err, importdoc.ErrNotZip):
		return "authoring.import.error.notzip"
	case errors.Is(err, importdoc.ErrZipBomb):
		return "authoring.import.error.bomb"
	case errors.Is(err, importdoc.ErrDoctype):
		return "authoring.import.error.doctype"
	}
	return "authoring.import.error.damaged"
}
