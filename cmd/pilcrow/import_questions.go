package main

import (
	"errors"

	"pilcrow/app"
	"pilcrow/app/document"
	"pilcrow/app/i18n"
)

// checkQuestions refuses Markdown with a malformed question block, naming its
// line, whether the import publishes or only saves a draft.
func checkQuestions(a *app.App, md string) error {
	_, err := a.Consult.Preview(md)
	var qe *document.QuestionError
	if errors.As(err, &qe) {
		return errors.New("--file: " + a.Web.Catalogue.T(i18n.Default, "questions.error.markdown."+qe.Reason, qe.Line))
	}
	return nil
}
