package i18n_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"pilcrow/app/i18n"
	viewfs "pilcrow/views"
)

// verbs finds fmt verbs (with flags, width and index), so "%[2]s" and "%d" count;
// the space flag is left out so that prose such as "400% without" is not a verb.
var verbs = regexp.MustCompile(`%(\[\d+\])?[-+#0]*\d*(\.\d+)?[a-zA-Z%]`)

// pluralSuffixes are the forms a plural key may carry; Welsh needs more of them
// than English, so they are compared by stem.
var pluralSuffixes = []string{".zero", ".one", ".two", ".few", ".many", ".other"}

// stem returns a plural key's stem: a key is plural when English has both its
// ".one" and ".other" forms (so "flags.reason.other", a reason code, is not).
func stem(en map[string]string, key string) (string, bool) {
	for _, s := range pluralSuffixes {
		if st, ok := strings.CutSuffix(key, s); ok {
			_, one := en[st+".one"]
			_, other := en[st+".other"]
			return st, one && other
		}
	}
	return key, false
}

// TestWelshCatalogueMatchesEnglish fails when a key of views/messages/en is missing
// from cy or the other way round, or when a Welsh message's format verbs differ from
// its English one's. Plural keys compare by stem: cy has every form English has, and
// all six when it has any.
func TestWelshCatalogueMatchesEnglish(t *testing.T) {
	cat, err := i18n.Load(viewfs.FS)
	if err != nil {
		t.Fatal(err)
	}
	en, cy := cat.Messages("en"), cat.Messages("cy")
	if len(cy) == 0 {
		t.Fatal("no Welsh messages")
	}
	for k, e := range en {
		w, ok := cy[k]
		if !ok {
			t.Errorf("cy lacks %q", k)
			continue
		}
		if a, b := verbs.FindAllString(e, -1), verbs.FindAllString(w, -1); !slices.Equal(a, b) {
			t.Errorf("%q: en verbs %v, cy verbs %v", k, a, b)
		}
	}
	for k, w := range cy {
		if _, ok := en[k]; ok {
			continue
		}
		s, plural := stem(en, k)
		if !plural {
			t.Errorf("en lacks %q", k)
			continue
		}
		if a, b := verbs.FindAllString(en[s+".other"], -1), verbs.FindAllString(w, -1); !slices.Equal(a, b) {
			t.Errorf("%q: en verbs %v, cy verbs %v", k, a, b)
		}
	}
	for k := range en {
		if s, plural := stem(en, k); plural {
			for _, suf := range pluralSuffixes {
				if _, ok := cy[s+suf]; !ok {
					t.Errorf("cy lacks plural form %q", s+suf)
				}
			}
		}
	}
}
