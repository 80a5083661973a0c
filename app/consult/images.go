package consult

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path"
	"regexp"
	"strings"

	"pilcrow/app/document"
	"pilcrow/app/model"
	"pilcrow/app/picture"
)

// MaxAlt is the longest alternative text an image may have.
const MaxAlt = 1000

var nameRunes = regexp.MustCompile(`[^a-z0-9._-]+`)

// ImageName turns an uploaded file's name into the name a document uses for
// it: lower case, letters, digits, dots and dashes, no path.
func ImageName(file string) string {
	base := strings.ToLower(path.Base(strings.ReplaceAll(file, `\`, "/")))
	base = strings.Trim(nameRunes.ReplaceAllString(base, "-"), "-.")
	for strings.Contains(base, "..") {
		base = strings.ReplaceAll(base, "..", ".")
	}
	return base
}

// ImageURL is the content-hashed address an image is served from.
func ImageURL(img *model.DocumentImage) string {
	ext := ".png"
	if img.ContentType == "image/jpeg" {
		ext = ".jpg"
	}
	return "/images/" + img.Hash + ext
}

// UploadImage cleans an image and keeps it under a name the consultation's
// document can show as ![alt](name). Alternative text is required: an image
// without it tells a screen-reader user nothing.
func (s *Service) UploadImage(ctx context.Context, slug, file, alt string, data []byte, actor *int64) (*model.DocumentImage, error) {
	c, err := s.Store.ConsultationBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	fe := model.FieldErrors{}
	alt = strings.TrimSpace(alt)
	checkTextAs(fe, "alt", alt, MaxAlt, textKeys{Required: "authoring.image.error.alt.required",
		Text: "authoring.image.error.alt.text", Long: "authoring.image.error.alt.long"})
	name := ImageName(file)
	if len(data) == 0 {
		fe["image"] = "authoring.image.error.required"
	} else if !document.IsImageName(name) {
		fe["image"] = "authoring.image.error.format"
	}
	if len(fe) > 0 {
		return nil, fe
	}
	return s.storeImage(ctx, c, name, alt, data, actor)
}

// storeImage cleans and stores an image, turning the picture package's
// refusals into field errors.
func (s *Service) storeImage(ctx context.Context, c *model.Consultation, name, alt string, data []byte, actor *int64) (*model.DocumentImage, error) {
	p, err := picture.Clean(data)
	switch {
	case errors.Is(err, picture.ErrFormat):
		return nil, model.FieldErrors{"image": "authoring.image.error.format"}
	case errors.Is(err, picture.ErrDamaged):
		return nil, model.FieldErrors{"image": "authoring.image.error.damaged"}
	case errors.Is(err, picture.ErrTooLarge):
		return nil, model.FieldErrors{"image": "authoring.image.error.large"}
	case err != nil:
		return nil, err
	}
	sum := sha256.Sum256(p.Data)
	img := &model.DocumentImage{ConsultationID: c.ID, Name: name, Alt: alt, ContentType: p.ContentType,
		Hash: hex.EncodeToString(sum[:]), Width: p.Width, Height: p.Height, Size: len(p.Data), Data: p.Data,
		CreatedAt: s.now(), CreatedBy: actor}
	if err := s.Store.AddImage(ctx, img); err != nil {
		return nil, err
	}
	if err := s.Store.Audit(ctx, actor, "image.upload", "consultation", c.Slug, nil,
		map[string]any{"name": name, "hash": img.Hash, "bytes": img.Size}); err != nil {
		return nil, err
	}
	img.Data = nil
	return img, nil
}

// Images lists the images a consultation's document can show.
func (s *Service) Images(ctx context.Context, c *model.Consultation) ([]model.DocumentImage, error) {
	return s.Store.Images(ctx, c.ID)
}

// ImageBytes gives the bytes and type of the image a consultation's document
// calls name, for writers that embed images (the PDF and Word reports).
func (s *Service) ImageBytes(ctx context.Context, consultationID int64, name string) ([]byte, string, error) {
	img, err := s.Store.ImageByName(ctx, consultationID, name)
	if err != nil {
		return nil, "", err
	}
	return img.Data, img.ContentType, nil
}

// ImageByHash returns an image by its content address, for serving.
func (s *Service) ImageByHash(ctx context.Context, hash string) (*model.DocumentImage, error) {
	return s.Store.ImageByHash(ctx, hash)
}

// ResolveImages gives the uploaded images in rendered HTML their addresses,
// and names those the consultation does not have.
func (s *Service) ResolveImages(ctx context.Context, consultationID int64, h string) (string, []string, error) {
	if len(document.ImageNames(h)) == 0 {
		return h, nil, nil
	}
	imgs, err := s.Store.Images(ctx, consultationID)
	if err != nil {
		return "", nil, err
	}
	byName := make(map[string]*model.DocumentImage, len(imgs))
	for i := range imgs {
		byName[imgs[i].Name] = &imgs[i]
	}
	var missing []string
	out := document.ResolveImages(h, func(name string) (document.ImageRef, bool) {
		img, ok := byName[strings.ToLower(name)]
		if !ok {
			missing = append(missing, name)
			return document.ImageRef{}, false
		}
		return document.ImageRef{URL: ImageURL(img), Alt: img.Alt, Width: img.Width, Height: img.Height}, true
	})
	return out, missing, nil
}

// publishedImagesOf fixes the images of a rendered document: in the whole page
// and in each block's own HTML, which its paragraph page shows.
func (s *Service) publishedImagesOf(ctx context.Context, c *model.Consultation, doc *document.Document) error {
	var err error
	if doc.HTML, err = s.publishedImages(ctx, c, doc.HTML); err != nil {
		return err
	}
	for i := range doc.Blocks {
		if doc.Blocks[i].HTML, err = s.publishedImages(ctx, c, doc.Blocks[i].HTML); err != nil {
			return err
		}
	}
	return nil
}

// publishedImages fixes the address of every image a version shows at
// publication, refusing a version that shows an image never uploaded.
func (s *Service) publishedImages(ctx context.Context, c *model.Consultation, h string) (string, error) {
	out, missing, err := s.ResolveImages(ctx, c.ID, h)
	if err != nil {
		return "", err
	}
	if len(missing) > 0 {
		return "", model.FieldErrors{"markdown": "authoring.image.error.missing"}
	}
	return out, nil
}
