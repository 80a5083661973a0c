package document

import (
	"strings"
	"testing"
)

func TestUploadedImages(t *testing.T) {
	d, err := Render("Intro\n\n![Route *map*](map.png)\n\n![Far](https://example.org/x.png)\n\n![Up](../secret.png) ![Path](/a/b.png) [![In a link](map.png)](https://example.org)", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := ImageNames(d.HTML); len(got) != 1 || got[0] != "map.png" {
		t.Fatalf("ImageNames = %v, want [map.png]; HTML:\n%s", got, d.HTML)
	}
	if strings.Contains(d.HTML, `src="https://`) || strings.Contains(d.HTML, "secret.png\"") {
		t.Errorf("an image that is not an uploaded one would load:\n%s", d.HTML)
	}
	h := ResolveImages(d.HTML, func(name string) (ImageRef, bool) {
		return ImageRef{URL: "/images/abc.png", Alt: "stored", Width: 40, Height: 30}, name == "map.png"
	})
	want := `<img class="pc-document-image" src="/images/abc.png" alt="Route map" width="40" height="30" loading="lazy">`
	if !strings.Contains(h, want) {
		t.Errorf("resolved HTML lacks %s:\n%s", want, h)
	}
	missing := ResolveImages(d.HTML, func(string) (ImageRef, bool) { return ImageRef{}, false })
	if strings.Contains(missing, "<img") || !strings.Contains(missing, `<span class="pc-document-image--missing">Route map</span>`) {
		t.Errorf("a missing image should show its alt text:\n%s", missing)
	}
	noAlt, _ := Render("![](map.png)", nil, nil)
	if h := ResolveImages(noAlt.HTML, func(string) (ImageRef, bool) { return ImageRef{URL: "/i.png", Alt: "Stored alt"}, true }); !strings.Contains(h, `alt="Stored alt"`) {
		t.Errorf("an image without alt in the Markdown takes the stored one:\n%s", h)
	}
}
