// Package analysis learns from the analysts' own tagging: TF-IDF features of
// comment text, a nearest-centroid classifier that suggests themes with the
// words that drove each suggestion, and k-means clustering that proposes themes
// for comments nobody has tagged. Pure Go: no text leaves the service.
package analysis

import (
	"strings"
	"unicode"
)

// folds removes the accents Welsh and English text carries, so "ŵyr" and "wyr"
// are one word.
var folds = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ŵ': 'w', 'ẁ': 'w', 'ẃ': 'w', 'ẅ': 'w',
	'ŷ': 'y', 'ÿ': 'y', 'ý': 'y', 'ỳ': 'y', 'ç': 'c', 'ñ': 'n',
}

// stopwords carry no theme: the commonest English and Welsh function words.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but if of to in on at by for with from as is are was were be been
		being it its this that these those there their they them we our us you your i me my he she his her
		not no nor so than too very can could would should will shall may might must do does did done have has
		had having about into over under again further then once here when where why how all any both each few
		more most other some such only own same just also what which who whom up down out off am im dont
		y yr ar am i o a ac ond yn mae bod roedd fy dy ei ein eich eu hyn hynny na nad ni chi nhw fe hi
		gyda wedi oedd sydd fel neu mewn ddim hefyd iawn`) {
		m[w] = true
	}
	return m
}()

// Words lower-cases and folds text and cuts it into words of two letters or
// more, without stop words.
func Words(text string) []string {
	folded := strings.Map(func(r rune) rune {
		r = unicode.ToLower(r)
		if f, ok := folds[r]; ok {
			return f
		}
		return r
	}, text)
	fields := strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := fields[:0]
	for _, w := range fields {
		if len(w) >= 2 && !stopwords[w] {
			out = append(out, w)
		}
	}
	return out
}
