package importdoc

import "testing"

// wantQuestionTables is what testdata/question_tables.fodt becomes: three
// questions written as tables, and a table that only mentions a question.
const wantQuestionTables = "Questions written as tables.\n\n" +
	"```question\nShould the 12 bus run on Sundays?\n- Yes\n- No\n- Don’t know\n```\n\n" +
	"```question\nWhich stops do you use?\ntype: many\n- Town centre\n- Station\n```\n\n" +
	"```question\nWhat else should we know?\ntype: text\n```\n\n" +
	"| Questions asked | Count |\n| --- | --- |\n| Question | 3 |"

func TestConvertQuestionTables(t *testing.T) {
	for _, path := range []string{"testdata/question_tables.docx", "testdata/question_tables.odt"} {
		t.Run(path, func(t *testing.T) {
			r, err := convertFile(t, path)
			if err != nil {
				t.Fatal(err)
			}
			if r.Markdown != wantQuestionTables {
				t.Errorf("Markdown:\n%s\n\nwant:\n%s", r.Markdown, wantQuestionTables)
			}
			// The free-text question's extra row is dropped and said so.
			if len(r.Losses) != 1 || r.Losses[0].Code != LossQuestion || r.Losses[0].Count != 1 {
				t.Errorf("losses = %+v, want one %s", r.Losses, LossQuestion)
			}
		})
	}
}
