package main

import (
	"context"
	"errors"
	"fmt"

	"pilcrow/app"
	"pilcrow/app/consult"
	"pilcrow/app/document"
)

// importWelsh gives an existing consultation its Welsh document (and, with --title,
// its Welsh title): published beside the current English version with --publish,
// otherwise kept as the Welsh draft of the admin editor. The Welsh blocks must pair
// with the English ones; a mismatch is refused naming the first block that differs.
func importWelsh(ctx context.Context, a *app.App, o importOptions, md string) error {
	c, err := a.Store.ConsultationBySlug(ctx, o.slug)
	if err != nil {
		return fmt.Errorf("no consultation %q: import its English document first", o.slug)
	}
	if o.title != "" {
		d := consult.DetailsOf(c, a.Config.TimeZone)
		d.TitleCy = o.title
		if _, err := a.Consult.UpdateConsultation(ctx, o.slug, d, a.Config.TimeZone, nil); err != nil {
			return explain(a, err)
		}
	}
	if !o.publish {
		if err := a.Consult.SaveDraftCy(ctx, o.slug, md); err != nil {
			return explain(a, err)
		}
		fmt.Printf("saved the Welsh draft of %s; publish it with --publish or in the admin panel\n", o.slug)
		return nil
	}
	_, err = a.Consult.NewTranslation(ctx, o.slug, "cy", md, nil)
	var me *document.MismatchError
	switch {
	case errors.As(err, &me):
		return fmt.Errorf("the Welsh document does not pair with the English one: %s", me.Error())
	case errors.Is(err, consult.ErrNoOriginal):
		return fmt.Errorf("%s has no published English document: import and publish it first", o.slug)
	case err != nil:
		return explain(a, err)
	}
	fmt.Printf("published the Welsh document of %s\n", o.slug)
	return nil
}
