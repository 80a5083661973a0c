package export

import "fmt"

// l is one of the report's words: from the catalogue in the report's language
// when Labels is set and knows key, else the English built in, formatted with args.
func (p *pdfReport) l(key, english string, args ...any) string {
	if p.r.Labels != nil {
		if s := p.r.Labels(key, args...); s != key {
			return s
		}
	}
	if len(args) == 0 {
		return english
	}
	return fmt.Sprintf(english, args...)
}

// pdfLang is the document's /Lang entry for the report's language.
func pdfLang(lang string) string {
	if lang == "cy" {
		return "cy-GB"
	}
	return "en-GB"
}
