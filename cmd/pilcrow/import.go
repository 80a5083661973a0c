package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"slices"
	"strings"

	"pilcrow/app"
	"pilcrow/app/consult"
	"pilcrow/app/document"
	"pilcrow/app/i18n"
	"pilcrow/app/model"
	"pilcrow/config"
)

// importOptions are the flags of `pilcrow import`.
type importOptions struct {
	slug, title, file, opens, closes string
	lang                             string // "en" (the default) or "cy" for the Welsh document
	publish                          bool
}

// importDoc creates a consultation from a Markdown file, or gives an existing
// one new text: published as its next version with --publish, otherwise kept
// as the draft the admin editor opens with.
func importDoc(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string) error {
	o, err := parseImport(args)
	if err != nil {
		return err
	}
	word := isWordFile(o.file)
	var md string
	if word {
		err = checkWord(o.file)
	} else {
		md, err = readMarkdown(o.file)
	}
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	if o.lang == model.Welsh {
		return importWelsh(ctx, a, o, md)
	}
	svc := a.Consult
	if err := checkQuestions(a, md); err != nil {
		return err
	}
	if err := ensureConsultation(ctx, a, o); err != nil {
		return explain(a, err)
	}
	if word {
		// Converting saves the draft and keeps the file's images.
		if md, err = importWord(ctx, a, o); err != nil {
			return explain(a, err)
		}
	}
	if !o.publish {
		if !word {
			if err := svc.SaveDraft(ctx, o.slug, md, nil); err != nil {
				return explain(a, err)
			}
		}
		fmt.Printf("saved the draft of %s; publish it with --publish or in the admin panel\n", o.slug)
		return nil
	}
	v, err := svc.NewVersion(ctx, o.slug, md, "Imported from "+o.file, nil)
	if err != nil {
		return explain(a, err)
	}
	fmt.Printf("published version %d of %s\n", v.Number, o.slug)
	return nil
}

func parseImport(args []string) (importOptions, error) {
	var o importOptions
	fs := newFlags("import")
	fs.StringVar(&o.slug, "slug", "", "")
	fs.StringVar(&o.title, "title", "", "")
	fs.StringVar(&o.file, "file", "", "")
	fs.StringVar(&o.opens, "opens", "", "")
	fs.StringVar(&o.closes, "closes", "", "")
	fs.BoolVar(&o.publish, "publish", false, "")
	fs.StringVar(&o.lang, "lang", model.English, "")
	usage := errors.New("usage: pilcrow import --slug S --title T --file doc.md [--lang en|cy] [--publish] [--opens RFC3339] [--closes RFC3339]")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || o.slug == "" || o.file == "" {
		return o, usage
	}
	if o.lang != model.English && o.lang != model.Welsh {
		return o, fmt.Errorf("--lang must be en or cy, not %q", o.lang)
	}
	if o.lang == model.Welsh && (o.opens != "" || o.closes != "") {
		return o, errors.New("--opens and --closes belong to the English import, not --lang cy")
	}
	return o, nil
}

// readMarkdown reads the file, refusing one too large to publish before
// reading it all.
func readMarkdown(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if st.Size() > document.MaxBytes {
		return "", fmt.Errorf("%s is larger than the 1 MB a document may be", path)
	}
	b, err := os.ReadFile(path)
	return string(b), err
}

// ensureConsultation creates the consultation when the slug is new, or sets
// the dates given on an existing one.
func ensureConsultation(ctx context.Context, a *app.App, o importOptions) error {
	svc, zone := a.Consult, a.Config.TimeZone
	c, err := a.Store.ConsultationBySlug(ctx, o.slug)
	if errors.Is(err, model.ErrNotFound) {
		if o.title == "" {
			return errors.New("--title is needed to create a consultation")
		}
		d := consult.Details{Slug: o.slug, Title: o.title, Opens: o.opens, Closes: o.closes, Moderation: string(model.PreModeration)}
		_, err = svc.CreateConsultation(ctx, d, zone, nil)
		if err == nil {
			fmt.Printf("created consultation %s\n", o.slug)
		}
		return err
	}
	if err != nil || (o.opens == "" && o.closes == "" && o.title == "") {
		return err
	}
	d := consult.DetailsOf(c, zone)
	d.Opens, d.Closes = firstNonEmpty(o.opens, d.Opens), firstNonEmpty(o.closes, d.Closes)
	d.Title = firstNonEmpty(o.title, d.Title)
	_, err = svc.UpdateConsultation(ctx, o.slug, d, zone, nil)
	return err
}

// explain turns field errors into the messages an admin would see on the form.
func explain(a *app.App, err error) error {
	var fe model.FieldErrors
	if !errors.As(err, &fe) {
		return err
	}
	var msgs []string
	for _, field := range slices.Sorted(maps.Keys(fe)) {
		msgs = append(msgs, "--"+flagFor(field)+": "+a.Web.Catalogue.T(i18n.Default, fe[field]))
	}
	return errors.New(strings.Join(msgs, "; "))
}

// flagFor names the flag behind a form field, where there is one.
func flagFor(field string) string {
	switch field {
	case "markdown", "markdown_cy", "change_note", "document":
		return "file"
	}
	return field
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
