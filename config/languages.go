package config

import (
	"fmt"
	"slices"
	"strings"
)

// languages reads the interface languages: "en" (the default) or "en,cy", in any
// order and spacing. English is always on, because every message has an English
// original; anything else is a mistake worth stopping start-up for.
func (r *reader) languages(name string) []string {
	v := r.str(name, "en")
	var langs []string
	for _, part := range strings.Split(v, ",") {
		l := strings.ToLower(strings.TrimSpace(part))
		if l != "en" && l != "cy" {
			r.fail(name, fmt.Sprintf(`must be "en" or "en,cy", not %q`, v))
			return []string{"en"}
		}
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	if !slices.Contains(langs, "en") {
		r.fail(name, fmt.Sprintf(`must include en ("en" or "en,cy"), not %q`, v))
		return []string{"en"}
	}
	slices.SortFunc(langs, func(a, b string) int {
		if a == "en" {
			return -1
		}
		if b == "en" {
			return 1
		}
		return strings.Compare(a, b)
	})
	return langs
}

// Bilingual reports whether Welsh is offered beside English.
func (c *Config) Bilingual() bool { return slices.Contains(c.Languages, "cy") }
