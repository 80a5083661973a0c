package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"pilcrow/app"
	"pilcrow/app/i18n"
	"pilcrow/app/importdoc"
)

// isWordFile tells a Word or OpenDocument file, which import converts, from
// Markdown, which it takes as it is.
func isWordFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".docx" || ext == ".odt"
}

// checkWord converts the file once before the database is touched, so a
// file that cannot be imported creates no consultation.
func checkWord(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	kind, err := importdoc.KindOf(path)
	if err != nil {
		return err
	}
	if _, err := importdoc.Convert(f, st.Size(), kind, importdoc.Options{}); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// importWord converts the file into the consultation's draft, keeping its
// images, and says on stderr what could not be carried over.
func importWord(ctx context.Context, a *app.App, o importOptions) (string, error) {
	f, err := os.Open(o.file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	cat := a.Web.Catalogue
	res, err := a.Consult.ImportDocument(ctx, o.slug, o.file, f, st.Size(), cat.T(i18n.Default, "authoring.import.notes"), nil)
	if err != nil {
		return "", err
	}
	for _, img := range res.Images {
		fmt.Printf("kept image %s\n", img.Name)
	}
	for _, l := range res.Losses {
		fmt.Fprintf(os.Stderr, "not carried over: %s\n", cat.Plural(i18n.Default, "authoring.loss."+l.Code, l.Count))
	}
	return res.Markdown, nil
}
