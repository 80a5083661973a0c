package consult

import "testing"

func TestSpamReason(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, body, want string }{
		{"ordinary", "The bus lanes on Station Road should run all day.", ""},
		{"three links are fine", "See http://a.test, https://b.test and www.c.test", ""},
		{"four links", "http://a.test http://b.test https://c.test www.d.test", "links"},
		{"buy now", "BUY NOW and save", "spam_words"},
		{"casino", "Best online casino bonus", "spam_words"},
		{"crypto", "Pay for it with cryptocurrency", "spam_words"},
		{"repeated characters", "Noooooooooooooooooo!", "repeated_characters"},
		{"repeated spaces are fine", "Gap" + "          " + "here", ""},
		{"shouting", "I OBJECT TO EVERY WORD OF THIS PLAN", "capitals"},
		{"acronyms are fine", "The NHS and the DVLA share the site with HMRC.", ""},
		{"short capitals are fine", "NO WAY", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := spamReason(tc.body); got != tc.want {
				t.Errorf("spamReason(%q) = %q, want %q", tc.body, got, tc.want)
			}
		})
	}
}

func TestValidText(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   string
		want bool
	}{
		{"plain", "Hello", true},
		{"line breaks and tabs", "a\r\nb\tc", true},
		{"Welsh", "Ŵyn a ŷd", true},
		{"NUL", "a\x00b", false},
		{"bell", "a\ab", false},
		{"DEL", "a\x7fb", false},
		{"C1 control", "a\u0085b", false},
		{"invalid UTF-8", "a\xffb", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := validText(tc.in); got != tc.want {
				t.Errorf("validText(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestNormaliseToken(t *testing.T) {
	t.Parallel()
	if got := normaliseToken("abcDEF-123_xyz"); got != "abcDEF-123_xyz" {
		t.Errorf("a good token was replaced: %q", got)
	}
	for _, bad := range []string{"", "short", "has space in it", "<script>alert(1)</script>", string(make([]byte, 65))} {
		if got := normaliseToken(bad); got == bad || len(got) < 16 {
			t.Errorf("normaliseToken(%q) = %q", bad, got)
		}
	}
}
