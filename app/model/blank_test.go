package model

import "testing"

func TestBlank(t *testing.T) {
	cases := map[string]bool{
		"":                         true,
		" \t\n":                    true,
		"\u00a0\u00a0":             true, // no-break spaces
		"\u2000\u2005\u200a":       true, // en quad … hair space
		"\u200b":                   true, // zero-width space, which TrimSpace keeps
		"\u3000":                   true, // ideographic space
		"\ufeff\u2060\u202f\u205f": true, // BOM, word joiner, narrow no-break, maths space
		"\u00a0a\u00a0":            false,
		"Ŵ":                        false,
		"👍":                        false,
	}
	for s, want := range cases {
		if got := Blank(s); got != want {
			t.Errorf("Blank(%q) = %t, want %t", s, got, want)
		}
	}
	if got := TrimInvisible("\u200b\u00a0Hello\u3000\ufeff"); got != "Hello" {
		t.Errorf("TrimInvisible = %q", got)
	}
	if ValidDisplayName("\u200b\u200b") {
		t.Error("a display name of zero-width spaces is valid")
	}
}
