package consult

import (
	"context"

	"pilcrow/app/document"
	"pilcrow/app/export"
	"pilcrow/app/model"
)

// reportPictures returns a function that gives the uploaded images a block's
// HTML shows, with their bytes, for the reports to draw beneath the paragraph.
// The list of images is read once; each image's bytes once, when first shown.
func (s *Reports) reportPictures(ctx context.Context, c *model.Consultation) (func(blockHTML string) ([]export.Picture, error), error) {
	imgs, err := s.Store.Images(ctx, c.ID)
	if err != nil || len(imgs) == 0 {
		return func(string) ([]export.Picture, error) { return nil, nil }, err
	}
	byName := make(map[string]*model.DocumentImage, len(imgs))
	for i := range imgs {
		byName[imgs[i].Name] = &imgs[i]
	}
	data := map[string][]byte{}
	return func(h string) ([]export.Picture, error) {
		var out []export.Picture
		for _, use := range document.ImageUses(h) {
			img, ok := byName[use.Name]
			if !ok {
				continue
			}
			if data[use.Name] == nil {
				if data[use.Name], _, err = s.ImageBytes(ctx, c.ID, use.Name); err != nil {
					return nil, err
				}
			}
			alt := use.Alt
			if alt == "" {
				alt = img.Alt
			}
			out = append(out, export.Picture{Alt: alt, ContentType: img.ContentType, Data: data[use.Name]})
		}
		return out, nil
	}, nil
}
