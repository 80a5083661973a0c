// Package picture checks an uploaded image and makes a clean copy of it:
// decoded and encoded again, so that nothing but pixels survives (no EXIF,
// no location, no comments), and a damaged or disguised file is refused.
package picture

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"

	"golang.org/x/image/webp"
)

// Limits on what an upload may be.
const (
	MaxBytes  = 10 << 20 // the file as uploaded
	MaxPixels = 40e6     // width × height, checked before decoding
)

// Errors a caller can tell apart.
var (
	ErrFormat   = errors.New("picture: only PNG, JPEG and WebP images can be used")
	ErrDamaged  = errors.New("picture: the image is damaged or incomplete")
	ErrTooLarge = errors.New("picture: the image is too large")
)

// Picture is a cleaned image.
type Picture struct {
	Data          []byte
	ContentType   string // image/png or image/jpeg
	Ext           string // ".png" or ".jpg"
	Width, Height int
}

// Clean decodes data and encodes it again. PNG and WebP come out as PNG
// (lossless; the standard library writes no WebP), JPEG as JPEG. The format
// is told from the content, never from a name; SVG, which can carry script,
// is refused like any other format.
func Clean(data []byte) (Picture, error) {
	if len(data) > MaxBytes {
		return Picture{}, ErrTooLarge
	}
	var decode func([]byte) (image.Image, error)
	var config func([]byte) (image.Config, error)
	out := Picture{ContentType: "image/png", Ext: ".png"}
	switch http.DetectContentType(data) {
	case "image/png":
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
		config = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
	case "image/jpeg":
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
		config = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
		out.ContentType, out.Ext = "image/jpeg", ".jpg"
	case "image/webp":
		decode = func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) }
		config = func(b []byte) (image.Config, error) { return webp.DecodeConfig(bytes.NewReader(b)) }
	default:
		return Picture{}, ErrFormat
	}
	// The header alone says how much memory decoding would take: a small
	// file can claim a vast canvas.
	cfg, err := config(data)
	if err != nil {
		return Picture{}, ErrDamaged
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || float64(cfg.Width)*float64(cfg.Height) > MaxPixels {
		return Picture{}, ErrTooLarge
	}
	img, err := decode(data)
	if err != nil {
		return Picture{}, ErrDamaged
	}
	var buf bytes.Buffer
	if out.ContentType == "image/jpeg" {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img)
	}
	if err != nil {
		return Picture{}, err
	}
	b := img.Bounds()
	out.Data, out.Width, out.Height = buf.Bytes(), b.Dx(), b.Dy()
	return out, nil
}
