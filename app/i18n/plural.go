package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// pluralForms names x/text's plural categories as the catalogue's key suffixes.
var pluralForms = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two",
	plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

// PluralForm returns n's CLDR cardinal plural category in lang: "zero", "one",
// "two", "few", "many" or "other". An unknown language gets English's rule.
func PluralForm(lang string, n int) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	if n < 0 {
		n = -n
	}
	return pluralForms[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
}
