package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// welshQuestionsMarkdown pairs block by block with questionsMarkdown.
const welshQuestionsMarkdown = "# Cynllun\n\nRydym yn cynnig rhwydwaith beicio.\n\n" +
	"```question\nYdych chi’n cytuno â’r rhwydwaith?\n- Cytuno\n- Anghytuno\n- Ddim yn gwybod\n```\n\n" +
	"```question\nPa lwybrau fyddech chi’n eu defnyddio?\ntype: many\n- Gogledd\n- De\n- =SUM(A1)\nexplain: no\n```\n\n" +
	"```question\nBeth arall ddylen ni ei wybod?\n```\n\nDiolch.\n"

// TestWelshQuestions: a Welsh page asks the questions in Welsh, on the document
// page and on the question's own page, while each option's value stays the
// English one that answers store and count; an answer sent from the Welsh page
// counts with the English answers.
func TestWelshQuestions(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, bilingual)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration, Markdown: questionsMarkdown})
		ctx := context.Background()
		if _, err := a.Consult.NewTranslation(ctx, f.Slug, "cy", welshQuestionsMarkdown, nil); err != nil {
			t.Fatal(err)
		}
		keys := questionKeys(f)
		cl := welshClient(t, a, "Gwenllian", "citizen")
		for _, path := range []string{"/consultations/" + f.Slug + "?lang=cy", "/consultations/" + f.Slug + "/paragraphs/" + keys[0] + "?lang=cy"} {
			r := cl.Get(path).Expect(t, http.StatusOK)
			legend := r.Doc.Find(".pc-answer-form legend").First().Text()
			if !strings.Contains(legend, "Ydych chi’n cytuno") {
				t.Errorf("%s: question asked as %q", path, legend)
			}
			radio := r.Doc.Find(`.pc-answer-form input[name="choice"]`).First()
			value, _ := radio.Attr("value")
			id, _ := radio.Attr("id")
			label := strings.TrimSpace(r.Doc.Find(`label[for="` + id + `"]`).Text())
			if value != "Agree" || label != "Cytuno" {
				t.Errorf("%s: first option value %q label %q, want Agree under Cytuno", path, value, label)
			}
		}
		cl.PostForm("/consultations/"+f.Slug+"/answers", url.Values{"question": {keys[0]}, "choice": {"Agree"},
			"responding_as": {"individual"}, "publish": {"anonymous"}}).Expect(t, http.StatusSeeOther)
		rs, err := a.Consult.QuestionResults(ctx, mustConsultation(t, a, f.Slug))
		if err != nil {
			t.Fatal(err)
		}
		if rs[0].Options[0].Option != "Agree" || rs[0].Options[0].Count != 1 || rs[0].ByLanguage["cy"] != 1 {
			t.Errorf("answer from the Welsh page counted as %+v", rs[0])
		}
		// The English page still asks in English.
		en := a.Client(t).Get("/consultations/"+f.Slug+"?lang=en").Expect(t, http.StatusOK)
		if legend := en.Doc.Find(".pc-answer-form legend").First().Text(); !strings.Contains(legend, "Do you agree") {
			t.Errorf("English page asks %q", legend)
		}
	})
}
