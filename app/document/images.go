package document

import (
	"html"
	"regexp"
	"strconv"
	"strings"
)

// imageName is what a Markdown image may name to mean an uploaded image: a
// plain file name, no path, no scheme.
var imageName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(?i:png|jpe?g|webp)$`)

// IsImageName reports whether a Markdown image destination names an image
// uploaded to the consultation.
func IsImageName(s string) bool { return imageName.MatchString(s) && !strings.Contains(s, "..") }

// imagePrefix starts the placeholder address of an uploaded image in
// Document.HTML. Source text cannot produce `src="pc-image:`: goldmark
// escapes quotes in text and drops raw HTML.
const imagePrefix = `<img class="pc-document-image" src="pc-image:`

// writeImage writes the placeholder <img> for an uploaded image.
func writeImage(w interface{ WriteString(string) (int, error) }, name, alt string) {
	w.WriteString(imagePrefix + html.EscapeString(name) + `" alt="` + html.EscapeString(alt) + `">`)
}

// ImageRef is what ResolveImages needs to know of an uploaded image.
type ImageRef struct {
	URL           string
	Alt           string // used when the Markdown gives none
	Width, Height int
}

// ImageNames lists the uploaded images an HTML document shows, in order,
// each once.
func ImageNames(h string) []string {
	var names []string
	seen := map[string]bool{}
	forEachImage(h, func(name, _ string) string {
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
		return ""
	})
	return names
}

// ServedImage is an uploaded image as a published document shows it: by the
// content hash of its address, with its alternative text.
type ServedImage struct{ Hash, Alt string }

// servedImage matches the <img> ResolveImages writes for an image found.
var servedImage = regexp.MustCompile(`<img class="pc-document-image" src="/images/([0-9a-f]{64})\.[a-z]+" alt="([^"]*)"`)

// ServedImages lists the uploaded images a published HTML document shows, in
// order, each time it shows them.
func ServedImages(h string) []ServedImage {
	var out []ServedImage
	for _, m := range servedImage.FindAllStringSubmatch(h, -1) {
		out = append(out, ServedImage{Hash: m[1], Alt: html.UnescapeString(m[2])})
	}
	return out
}

// ResolveImages gives each uploaded image in h its address, size and, when
// the Markdown gave none, its stored alternative text. An image find does not
// know is replaced by its alternative text, so a preview shows what is
// missing instead of a broken picture.
func ResolveImages(h string, find func(name string) (ImageRef, bool)) string {
	return forEachImage(h, func(name, alt string) string {
		ref, ok := find(name)
		if !ok {
			if alt == "" {
				alt = name
			}
			return `<span class="pc-document-image--missing">` + html.EscapeString(alt) + `</span>`
		}
		if alt == "" {
			alt = ref.Alt
		}
		var b strings.Builder
		b.WriteString(`<img class="pc-document-image" src="` + html.EscapeString(ref.URL) + `" alt="` + html.EscapeString(alt) + `"`)
		if ref.Width > 0 && ref.Height > 0 {
			b.WriteString(` width="` + strconv.Itoa(ref.Width) + `" height="` + strconv.Itoa(ref.Height) + `"`)
		}
		b.WriteString(` loading="lazy">`)
		return b.String()
	})
}

// forEachImage replaces each placeholder <img> by what f returns.
func forEachImage(h string, f func(name, alt string) string) string {
	var b strings.Builder
	for {
		i := strings.Index(h, imagePrefix)
		if i < 0 {
			b.WriteString(h)
			return b.String()
		}
		rest := h[i+len(imagePrefix):]
		j := strings.Index(rest, `" alt="`)
		k := strings.Index(rest, `">`)
		if j < 0 || k < j {
			b.WriteString(h)
			return b.String()
		}
		name, alt := html.UnescapeString(rest[:j]), html.UnescapeString(rest[j+len(`" alt="`):k])
		b.WriteString(h[:i])
		b.WriteString(f(name, alt))
		h = rest[k+2:]
	}
}
