package auth

import (
	"net/url"
	"strings"
)

// SafeNext returns next when it is a path on this site, and "/" otherwise. It
// refuses scheme-relative ("//evil"), backslash ("/\evil") and encoded variants,
// because browsers treat a backslash as a slash and decode before navigating.
func SafeNext(next string) string {
	if next == "" || len(next) > 2048 {
		return "/"
	}
	decoded := next
	for range 3 { // undo double and triple encoding too
		d, err := url.PathUnescape(decoded)
		if err != nil {
			return "/"
		}
		decoded = d
	}
	if !strings.HasPrefix(decoded, "/") || strings.HasPrefix(decoded, "//") ||
		strings.ContainsAny(decoded, "\\\r\n\t\x00") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") {
		return "/"
	}
	if strings.HasPrefix(decoded, "/auth/") {
		return "/" // never loop back into a sign-in
	}
	return next
}
