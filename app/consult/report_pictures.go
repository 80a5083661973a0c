package consult

import (
	"context"

	"pilcrow/app/document"
	"pilcrow/app/export"
	"pilcrow/app/model"
)

// reportPictures returns a function that gives the uploaded images a block's
// published HTML shows, with their bytes, for the reports to draw beneath the
// paragraph. Each image is read once, when first shown, by the content hash
// its address was fixed to at publication.
func (s *Reports) reportPictures(ctx context.Context) func(blockHTML string) ([]export.Picture, error) {
	byHash := map[string]*model.DocumentImage{}
	return func(h string) ([]export.Picture, error) {
		var out []export.Picture
		for _, use := range document.ServedImages(h) {
			img, ok := byHash[use.Hash]
			if !ok {
				var err error
				if img, err = s.Store.ImageByHash(ctx, use.Hash); err != nil {
					return nil, err
				}
				byHash[use.Hash] = img
			}
			out = append(out, export.Picture{Alt: use.Alt, ContentType: img.ContentType, Data: img.Data})
		}
		return out, nil
	}
}
