package web

import "testing"

func TestFormatComment(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in, want string
	}{
		{"plain", "Good idea.", "Good idea."},
		{"escapes markup", `<script>alert("x")</script> & <b>`, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;"},
		{"line breaks", "one\r\ntwo\nthree", "one<br>two<br>three"},
		{"link", "See https://example.org/a?b=1&c=2.", `See <a href="https://example.org/a?b=1&amp;c=2" class="govuk-link" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a>.`},
		{"http link in brackets", "(http://x.test/p)", `(<a href="http://x.test/p" class="govuk-link" rel="nofollow ugc noopener">http://x.test/p</a>)`},
		{"javascript is not a link", "javascript:alert(1)", "javascript:alert(1)"},
		{"data is not a link", "data:text/html,<b>", "data:text/html,&lt;b&gt;"},
		{"quote cannot break out", `https://x.test/"onmouseover="a`, `<a href="https://x.test/" class="govuk-link" rel="nofollow ugc noopener">https://x.test/</a>&#34;onmouseover=&#34;a`},
		{"two links", "http://a.test and https://b.test", `<a href="http://a.test" class="govuk-link" rel="nofollow ugc noopener">http://a.test</a> and <a href="https://b.test" class="govuk-link" rel="nofollow ugc noopener">https://b.test</a>`},
		{"ftp is not a link", "ftp://x.test", "ftp://x.test"},
		{"link between lines", "see\nhttps://x.test/a\r\nthanks", `see<br><a href="https://x.test/a" class="govuk-link" rel="nofollow ugc noopener">https://x.test/a</a><br>thanks`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(formatComment(tc.in)); got != tc.want {
				t.Errorf("formatComment(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

// BenchmarkFormatComment renders typical comments: a few lines, with and
// without a link.
func BenchmarkFormatComment(b *testing.B) {
	lines := "I cycle to the station every day.\r\nThe lane on Mill Road stops short & drivers park in it.\n\n"
	for name, text := range map[string]string{
		"plain": lines + "Please fix it before winter.",
		"link":  lines + "See https://example.org/photos?id=12&size=large for pictures. Please fix it before winter.",
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = formatComment(text)
			}
		})
	}
}
