package i18n

import (
	"testing"
	"testing/fstest"
	"time"
)

func TestPluralForm(t *testing.T) {
	cases := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"}, {"en", 3, "other"}, {"en", 6, "other"}, {"en", 11, "other"},
		{"cy", 0, "zero"}, {"cy", 1, "one"}, {"cy", 2, "two"}, {"cy", 3, "few"}, {"cy", 6, "many"}, {"cy", 11, "other"},
	}
	for _, tc := range cases {
		if got := PluralForm(tc.lang, tc.n); got != tc.want {
			t.Errorf("PluralForm(%s, %d) = %s, want %s", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestPluralPicksFormAndFallsBack(t *testing.T) {
	cat, err := Load(fstest.MapFS{
		"messages/en/a.json": {Data: []byte(`{"c.one":"%d comment","c.other":"%d comments"}`)},
		"messages/cy/a.json": {Data: []byte(`{"c.zero":"%d sylwadau (dim)","c.one":"%d sylw","c.two":"%d sylw (dau)",
			"c.few":"%d sylw (tri)","c.many":"%d sylw (chwech)","c.other":"%d sylw (arall)"}`)},
		"messages/xx/a.json": {Data: []byte(`{"c.other":"%d x"}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[int]string{
		"en": {0: "0 comments", 1: "1 comment", 2: "2 comments", 3: "3 comments", 6: "6 comments", 11: "11 comments"},
		"cy": {0: "0 sylwadau (dim)", 1: "1 sylw", 2: "2 sylw (dau)", 3: "3 sylw (tri)", 6: "6 sylw (chwech)", 11: "11 sylw (arall)"},
		// A language with only .other still gets a sentence, not a key.
		"xx": {1: "1 x", 2: "2 x"},
	}
	for lang, byN := range want {
		for n, w := range byN {
			if got := cat.Plural(lang, "c", n); got != w {
				t.Errorf("Plural(%s, %d) = %q, want %q", lang, n, got, w)
			}
		}
	}
}

func TestFormatDateAndTime(t *testing.T) {
	morning := time.Date(2027, time.January, 8, 9, 0, 0, 0, time.UTC)
	night := time.Date(2027, time.December, 31, 23, 59, 0, 0, time.UTC)
	cases := []struct{ got, want string }{
		{FormatDate("cy", morning), "8 Ionawr 2027"},
		{FormatDate("en", morning), "8 January 2027"},
		{FormatDate("cy", night), "31 Rhagfyr 2027"},
		{FormatTime("cy", morning), "9:00yb"},
		{FormatTime("cy", night), "11:59yh"},
		{FormatTime("en", night), "11:59pm"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
