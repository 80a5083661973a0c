package campaign

import "testing"

// TestNormaliseWelsh keeps ŵ and ŷ inside their words whether typed composed or
// as a letter with a combining circumflex, and folds their capitals.
func TestNormaliseWelsh(t *testing.T) {
	cases := map[string]string{
		"Dŵr glân i’r dyffryn":          "dŵr glân i r dyffryn",
		"Dw\u0302r gla\u0302n":          "dŵr glân",
		"ŶR YNYS A’R LLANNAU":           "ŷr ynys a r llannau",
		"Mae’r ffordd yn rhy gul, ddoe": "mae r ffordd yn rhy gul ddoe",
	}
	for in, want := range cases {
		if got := normalise(in); got != want {
			t.Errorf("normalise(%q) = %q, want %q", in, got, want)
		}
	}
	if normalise("Dw\u0302r") != normalise("DŴR") {
		t.Error("decomposed and capital ŵ differ")
	}
}
