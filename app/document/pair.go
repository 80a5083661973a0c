package document

import (
	"fmt"
	"unicode/utf8"
)

// MismatchError says where a translation stops pairing with its original: the
// 1-based number of the first block that differs, and what each side has there
// (Want/Got are block kinds, "" where a document has run out of blocks).
type MismatchError struct {
	Number    int
	Want, Got string
	Excerpt   string // the start of the original block, to find it by
}

func (e *MismatchError) Error() string {
	switch {
	case e.Got == "":
		return fmt.Sprintf("block %d (%s %q) has no counterpart: the translation has fewer blocks", e.Number, e.Want, e.Excerpt)
	case e.Want == "":
		return fmt.Sprintf("block %d (a %s) has no counterpart: the translation has more blocks", e.Number, e.Got)
	}
	return fmt.Sprintf("block %d differs: the original has a %s (%q), the translation a %s", e.Number, e.Want, e.Excerpt, e.Got)
}

// RenderPaired renders a translation of a document whose blocks are original:
// block i of the translation takes the key of original block i, so both languages
// address the same paragraphs. The two must have the same blocks in the same order;
// otherwise the error is a *MismatchError naming the first block that differs.
func RenderPaired(markdown string, original []Block) (Document, error) {
	i := 0
	keys := func() string {
		if i < len(original) {
			i++
			return original[i-1].Key
		}
		return RandomKey()
	}
	doc, err := Render(markdown, nil, keys)
	if err != nil {
		return Document{}, err
	}
	for n := 0; n < max(len(doc.Blocks), len(original)); n++ {
		e := &MismatchError{Number: n + 1}
		if n < len(original) {
			e.Want, e.Excerpt = original[n].Kind, excerpt(original[n].Text, 60)
		}
		if n < len(doc.Blocks) {
			e.Got = doc.Blocks[n].Kind
		}
		if e.Want != e.Got {
			return Document{}, e
		}
		if q := original[n].Question; q != nil && !sameQuestionShape(*q, doc.Blocks[n].Question) {
			e.Got = "question of another type or with another number of options"
			return Document{}, e
		}
	}
	return doc, nil
}

// sameQuestionShape reports whether a translated question asks in the same way as
// its original: the same type, the same "Tell us why" box and as many options, so
// that option n means the same in both languages.
func sameQuestionShape(original Question, translated *Question) bool {
	return translated != nil && translated.Type == original.Type &&
		translated.Explain == original.Explain && len(translated.Options) == len(original.Options)
}

// excerpt cuts text to at most n runes, marking the cut.
func excerpt(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)
	return string(r[:n]) + "…"
}
