package document

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// linkTarget classifies a link destination. Only http, https and mailto
// links, in-page fragments and site paths are allowed: an allow-list, since
// a deny-list of schemes (javascript:, data:, vbscript:…) is easy to evade.
// external asks for rel="nofollow noopener" on links that leave the site.
func linkTarget(dest []byte) (ok, external bool) {
	d := bytes.ToLower(bytes.TrimSpace(dest))
	switch {
	case bytes.HasPrefix(d, []byte("http://")), bytes.HasPrefix(d, []byte("https://")):
		return true, true
	case bytes.HasPrefix(d, []byte("mailto:")), bytes.HasPrefix(d, []byte("#")):
		return true, false
	case bytes.HasPrefix(d, []byte("//")), bytes.HasPrefix(d, []byte(`/\`)):
		// Browsers read both as a link to another host.
		return true, true
	case bytes.HasPrefix(d, []byte("/")):
		return true, false
	}
	return false, false
}

// openLink writes an <a> start tag for a destination already checked.
func openLink(w util.BufWriter, dest, title []byte, external bool) {
	w.WriteString(`<a class="govuk-link" href="`)
	w.Write(util.EscapeHTML(util.URLEscape(bytes.TrimSpace(dest), true)))
	w.WriteString(`"`)
	if external {
		w.WriteString(` rel="nofollow noopener"`)
	}
	if len(title) > 0 {
		w.WriteString(` title="`)
		w.Write(util.EscapeHTML(title))
		w.WriteString(`"`)
	}
	w.WriteString(">")
}

// insideLink reports whether n is within a link or an image (whose alt text
// we may render as a link): HTML forbids nested links, and browsers would
// break the surrounding block apart to undo them.
func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if k := p.Kind(); k == ast.KindLink || k == ast.KindImage {
			return true
		}
	}
	return false
}

// renderLink writes a link, or only its text when the target is not allowed.
func renderLink(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	l := n.(*ast.Link)
	ok, external := linkTarget(l.Destination)
	if !ok || insideLink(n) {
		return ast.WalkContinue, nil
	}
	if entering {
		openLink(w, l.Destination, l.Title, external)
	} else {
		w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

func renderAutoLink(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	l := n.(*ast.AutoLink)
	url, label := l.URL(source), l.Label(source)
	if l.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		url = append([]byte("mailto:"), url...)
	}
	ok, external := linkTarget(url)
	ok = ok && !insideLink(n)
	if ok {
		openLink(w, url, nil, external)
	}
	w.Write(util.EscapeHTML(label))
	if ok {
		w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

// renderImage embeds only an image uploaded to the consultation, named by a
// bare file name (![Route map](map.png)): it is written with a placeholder
// address that ResolveImages turns into the image's content-hashed URL. Any
// other image is never loaded (a document must not load third-party content
// or track its readers): its alt text is shown instead, linked to the image
// when its address is http or https.
func renderImage(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	img := n.(*ast.Image)
	if name := bytes.TrimSpace(img.Destination); IsImageName(string(name)) && !insideLink(n) {
		if entering {
			writeImage(w, string(name), plainText(n, source))
		}
		return ast.WalkSkipChildren, nil
	}
	ok, external := linkTarget(img.Destination)
	ok = ok && external && !bytes.HasPrefix(bytes.TrimSpace(img.Destination), []byte("/")) && !insideLink(n)
	if !ok {
		return ast.WalkContinue, nil
	}
	if !entering {
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	openLink(w, img.Destination, img.Title, true)
	if n.FirstChild() == nil {
		w.Write(util.EscapeHTML(bytes.TrimSpace(img.Destination)))
	}
	return ast.WalkContinue, nil
}
