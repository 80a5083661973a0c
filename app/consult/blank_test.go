package consult_test

import (
	"context"
	"errors"
	"testing"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestInvisibleCommentsAreEmpty: a body of only no-break, zero-width or other
// Unicode spaces is refused as an empty one, on submission and on edit.
func TestInvisibleCommentsAreEmpty(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "blank", model.PreModeration)
		ctx := context.Background()
		u := f.User("Ada", "ada@example.test", model.RoleCitizen)
		own := f.Comment(u, "Pending")
		for _, body := range []string{"\u00a0\u00a0\u00a0", "\u200b", "\u2002\u2003\u3000", "\ufeff \u2060", "\u202f\n\u205f"} {
			in := consult.CommentInput{ParagraphKey: f.Paragraph(0).Key, Body: body, RespondingAs: "individual", Publish: "name"}
			_, _, err := f.Service.SubmitComment(ctx, u, "192.0.2.1", f.Consultation.Slug, in)
			var fe model.FieldErrors
			if !errors.As(err, &fe) || fe["body"] != "comments.error.body.empty" {
				t.Errorf("submit %q: err = %v, want the empty-body error", body, err)
			}
			if _, err := f.Service.EditComment(ctx, u, own.ID, in); !errors.As(err, &fe) || fe["body"] != "comments.error.body.empty" {
				t.Errorf("edit to %q: err = %v, want the empty-body error", body, err)
			}
		}
		in := consult.CommentInput{ParagraphKey: f.Paragraph(0).Key, Body: "\u200b\u00a0Real words\u3000", RespondingAs: "individual", Publish: "name"}
		c, _, err := f.Service.SubmitComment(ctx, u, "192.0.2.1", f.Consultation.Slug, in)
		if err != nil || c.Body != "Real words" {
			t.Errorf("body with words: %v, %q", err, c.Body)
		}
	})
}
