package export

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
)

// chartPNG draws a bar chart as a PNG for the Word document, in the report's
// colours; its meaning is in the alternative text and the caption or table.
func chartPNG(c chart) ([]byte, int, int) {
	const pad = 10
	w, h := 600, 240
	if c.Horizontal {
		h = max(40, min(len(c.Values), 60)*16+2*pad)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	bar := color.RGBA{29, 112, 184, 255}
	axis := color.RGBA{80, 90, 95, 255}
	most := 1
	for _, v := range c.Values {
		most = max(most, v)
	}
	fill := func(x0, y0, x1, y1 int, col color.Color) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), &image.Uniform{col}, image.Point{}, draw.Src)
	}
	if c.Horizontal {
		fill(pad, pad, pad+2, h-pad, axis)
		for i, v := range c.Values {
			if i >= 60 {
				break
			}
			y := pad + i*16
			fill(pad+2, y+3, pad+2+(w-2*pad-2)*v/most, y+14, bar)
		}
	} else {
		fill(pad, pad, pad+2, h-pad, axis)
		fill(pad, h-pad-2, w-pad, h-pad, axis)
		n := max(1, len(c.Values))
		slot := float64(w-2*pad-2) / float64(n)
		for i, v := range c.Values {
			x0 := pad + 2 + int(float64(i)*slot+slot*0.1)
			x1 := pad + 2 + int(float64(i)*slot+slot*0.9)
			top := h - pad - 2 - (h-2*pad-2)*v/most
			fill(x0, top, max(x1, x0+1), h-pad-2, bar)
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes(), w, h
}
