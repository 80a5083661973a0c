package consult_test

import (
	"context"
	"slices"
	"testing"

	"pilcrow/app/testutil"
)

// Which links make a section show on a paragraph page: the consultation's own
// paragraph pages, as a site path or under the base URL, and nothing else.
func TestOutcomeSectionLinks(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "links"})
		k := f.Blocks[0].Key
		cases := []struct {
			name, link string
			shown      bool
		}{
			{"site path", "/consultations/links/paragraphs/" + k, true},
			{"with query and fragment", "/consultations/links/paragraphs/" + k + "?lang=cy#comments", true},
			{"under the base URL", a.URL + "/consultations/links/paragraphs/" + k, true},
			{"another host", "https://elsewhere.example/consultations/links/paragraphs/" + k, false},
			{"another consultation", "/consultations/other/paragraphs/" + k, false},
			{"a key the document lacks", "/consultations/links/paragraphs/zzzzzzzz", false},
			{"the consultation page", "/consultations/links", false},
			{"a javascript link", "javascript:alert(1)", false},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				p, err := a.Consult.PreviewOutcome(context.Background(), f.Consultation, "# A\n\nSee [it]("+tc.link+").\n", nil)
				if err != nil {
					t.Fatal(err)
				}
				if got := slices.Contains(p.Sections[0].Numbers, 1); got != tc.shown {
					t.Errorf("shown on paragraph 1: %v, want %v", got, tc.shown)
				}
			})
		}
	})
}
