package web

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/app/model"
)

var hashedImage = regexp.MustCompile(`^([0-9a-f]{64})\.(png|jpg)$`)

// serveImage serves a document image by its content address. The address
// changes with the content, so it may be cached for ever; the type is the one
// the cleaned image was encoded as, and nosniff stops a browser guessing.
func (s *Server) serveImage(c echo.Context) error {
	m := hashedImage.FindStringSubmatch(c.Param("file"))
	if m == nil {
		return model.ErrNotFound
	}
	img, err := s.Services.Consult.ImageByHash(c.Request().Context(), m[1])
	if err != nil {
		return err
	}
	if (m[2] == "jpg") != (img.ContentType == "image/jpeg") {
		return model.ErrNotFound
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'")
	if strings.Contains(c.Request().Header.Get("If-None-Match"), img.Hash) {
		return c.NoContent(http.StatusNotModified)
	}
	h.Set("ETag", `"`+img.Hash+`"`)
	return c.Blob(http.StatusOK, img.ContentType, img.Data)
}
