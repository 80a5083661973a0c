package export

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
)

// pictureConfig reads a picture's size and gives the file extension of its
// type; ok is false for anything but a PNG or JPEG that decodes.
func pictureConfig(p Picture) (cfg image.Config, ext string, ok bool) {
	var err error
	switch p.ContentType {
	case "image/png":
		cfg, err = png.DecodeConfig(bytes.NewReader(p.Data))
		ext = "png"
	case "image/jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(p.Data))
		ext = "jpg"
	default:
		return cfg, "", false
	}
	return cfg, ext, err == nil && cfg.Width > 0 && cfg.Height > 0
}

// pdfPictureBytes gives the bytes fpdf can embed: JPEG as it is, PNG with
// 8 bits a channel (fpdf refuses 16-bit PNG, which Go writes for deep images).
func pdfPictureBytes(p Picture) ([]byte, bool) {
	if p.ContentType != "image/png" {
		return p.Data, true
	}
	img, err := png.Decode(bytes.NewReader(p.Data))
	if err != nil {
		return nil, false
	}
	switch img.ColorModel() {
	case color.RGBA64Model, color.NRGBA64Model, color.Gray16Model:
		flat := image.NewNRGBA(img.Bounds())
		draw.Draw(flat, flat.Bounds(), img, img.Bounds().Min, draw.Src)
		var buf bytes.Buffer
		if png.Encode(&buf, flat) != nil {
			return nil, false
		}
		return buf.Bytes(), true
	}
	return p.Data, true
}
