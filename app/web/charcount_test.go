package web_test

import (
	"net/http"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestCharacterCountSpeaksThePageLanguage: the GOV.UK character count's
// words, which its script writes under the box, come from the catalogue in
// the page's language, with every Welsh plural form.
func TestCharacterCountSpeaksThePageLanguage(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", bilingual)
	f := testutil.NewModerationFixture(t, a.Store, a.Consult, "cyfrif", model.PostModeration)
	path := "/consultations/cyfrif/paragraphs/" + f.Paragraph(0).Key
	cases := []struct{ lang, attr, want string }{
		{"en", "data-i18n.characters-under-limit.other", "You have %{count} characters remaining"},
		{"cy", "data-i18n.characters-under-limit.other", "Mae gennych %{count} nod ar ôl"},
		{"cy", "data-i18n.characters-under-limit.few", "Mae gennych %{count} nod ar ôl"},
		{"cy", "data-i18n.characters-over-limit.two", "Mae gennych %{count} nod yn ormod"},
	}
	for _, tc := range cases {
		cl := a.Client(t)
		cl.SignIn("Cyfrif "+tc.lang, "cyfrif-"+tc.lang+"@example.test", "citizen")
		r := cl.Get(path+"?lang="+tc.lang).Expect(t, http.StatusOK)
		count := r.Doc.Find(`[data-module="govuk-character-count"]`).First()
		if count.Length() == 0 {
			t.Fatalf("%s: no character count on the paragraph page", tc.lang)
		}
		if got, _ := count.Attr(tc.attr); got != tc.want {
			t.Errorf("%s: %s = %q, want %q", tc.lang, tc.attr, got, tc.want)
		}
	}
}
