package i18n

import (
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collator compares names as a reader of lang sorts them: in Welsh the digraphs
// ch, dd, ff, ng, ll, ph, rh and th are letters of their own (so Llanelli comes
// after Lunt), and ŵ and ŷ sort beside w and y rather than after z as bytes would.
// A Collator is not safe for concurrent use: make one per sort.
func Collator(lang string) func(a, b string) int {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	c := collate.New(tag, collate.IgnoreCase)
	return c.CompareString
}
