package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"pilcrow/static"
)

// assets serves the embedded static files at content-hashed URLs: a file's URL
// changes whenever its bytes do, so it can be cached for a year without going stale.
type assets struct {
	hashes map[string]string // file name → first 12 hex digits of its SHA-256
}

func newAssets() (*assets, error) {
	a := &assets{hashes: map[string]string{}}
	err := fs.WalkDir(static.FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static.FS, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.hashes[name] = hex.EncodeToString(sum[:])[:12]
		return nil
	})
	return a, err
}

// URL returns the hashed URL of a static file; an unknown name is a programming
// error that the template tests catch.
func (a *assets) URL(name string) (string, error) {
	h, ok := a.hashes[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + h + "/" + name, nil
}

// serve answers /static/{hash}/{name}. The bytes are the current ones whatever the
// hash; only a matching hash earns the year-long immutable lifetime, so a URL from
// an older release, or one resolved relative to a stylesheet, is revalidated soon.
func (a *assets) serve(c echo.Context) error {
	hash, name := c.Param("hash"), c.Param("*")
	current, ok := a.hashes[name]
	if !ok {
		return echo.ErrNotFound
	}
	b, err := fs.ReadFile(static.FS, name)
	if err != nil {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	if hash == current {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=3600")
	}
	h.Set("ETag", `"`+current+`"`)
	if match := c.Request().Header.Get("If-None-Match"); strings.Contains(match, current) {
		return c.NoContent(http.StatusNotModified)
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(b)
	}
	return c.Blob(http.StatusOK, ctype, b)
}
