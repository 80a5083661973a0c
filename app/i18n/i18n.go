// Package i18n is the message catalogue: every user-facing string is looked up
// here by key, so that a Welsh catalogue can sit beside the English one.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"sort"
	"strings"
)

// Default is the language used when a page asks for one the catalogue lacks.
const Default = "en"

// Catalogue holds the messages of every language, keyed by language then message key.
type Catalogue struct {
	messages map[string]map[string]string
}

// Load reads messages/{lang}/*.json from fsys; each file is a flat object of key to
// text, so that each part of the site keeps its own file. A key defined twice is an error.
func Load(fsys fs.FS) (*Catalogue, error) {
	c := &Catalogue{messages: map[string]map[string]string{}}
	files, err := fs.Glob(fsys, "messages/*/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		lang := path.Base(path.Dir(f))
		raw, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if c.messages[lang] == nil {
			c.messages[lang] = map[string]string{}
		}
		for k, v := range m {
			if _, dup := c.messages[lang][k]; dup {
				return nil, fmt.Errorf("%s: message %q is defined twice", f, k)
			}
			c.messages[lang][k] = v
		}
	}
	if len(c.messages[Default]) == 0 {
		return nil, fmt.Errorf("no %s messages found", Default)
	}
	return c, nil
}

// T returns the message for key in lang, formatted with args (fmt verbs). A missing
// message falls back to English, then to the key itself so that a gap is visible.
func (c *Catalogue) T(lang, key string, args ...any) string {
	msg, ok := c.messages[lang][key]
	if !ok {
		msg, ok = c.messages[Default][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// HasIn reports whether lang itself defines key, without falling back.
func (c *Catalogue) HasIn(lang, key string) bool {
	_, ok := c.messages[lang][key]
	return ok
}

// Messages returns a copy of lang's messages, for tests that compare catalogues.
func (c *Catalogue) Messages(lang string) map[string]string {
	return maps.Clone(c.messages[lang])
}

// Has reports whether the default language defines key.
func (c *Catalogue) Has(key string) bool {
	_, ok := c.messages[Default][key]
	return ok
}

// Plural picks key+"."+form, where form is n's CLDR cardinal plural category in
// lang (Welsh has zero, one, two, few, many and other; English one and other),
// formatted with n. A form the catalogue lacks falls back to key+".other".
func (c *Catalogue) Plural(lang, key string, n int) string {
	k := key + "." + PluralForm(lang, n)
	if _, ok := c.messages[lang][k]; !ok {
		k = key + ".other"
		if _, ok := c.messages[lang][k]; !ok {
			// The language lacks the key altogether: English's own rule.
			k = key + "." + PluralForm(Default, n)
		}
	}
	return c.T(lang, k, n)
}

// Keys lists the default language's keys, sorted, for tests.
func (c *Catalogue) Keys() []string {
	keys := make([]string, 0, len(c.messages[Default]))
	for k := range maps.Keys(c.messages[Default]) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Languages lists the languages the catalogue holds.
func (c *Catalogue) Languages() []string {
	var langs []string
	for l := range c.messages {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	return langs
}

// Match returns the best catalogue language for an Accept-Language header value.
func (c *Catalogue) Match(acceptLanguage string) string {
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		base := strings.SplitN(tag, "-", 2)[0]
		if _, ok := c.messages[base]; ok && base != "" {
			return base
		}
	}
	return Default
}
