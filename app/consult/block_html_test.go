package consult_test

import (
	"context"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestParagraphShowsTheBlockHTMLOfItsVersion checks that a paragraph page gets
// the block's own HTML from publication, and for a block stored before blocks
// kept their HTML, the same HTML rendered again from the version's Markdown.
func TestParagraphShowsTheBlockHTMLOfItsVersion(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "html", model.PreModeration)
		b := f.Paragraph(1)
		p, err := f.Service.Paragraph(ctx, "html", b.Key, nil)
		if err != nil {
			t.Fatal(err)
		}
		stored := p.Block.HTML
		if !strings.HasPrefix(stored, `<p class="govuk-body">Speed limits`) || strings.Contains(stored, "pc-block") {
			t.Fatalf("block HTML = %q", stored)
		}
		if err := st.DB.Exec("UPDATE blocks SET html = '' WHERE version_id = ?", f.Version.ID).Error; err != nil {
			t.Fatal(err)
		}
		p, err = f.Service.Paragraph(ctx, "html", b.Key, nil)
		if err != nil || p.Block.HTML != stored {
			t.Fatalf("block HTML rendered again = %q, %v; want %q", p.Block.HTML, err, stored)
		}
	})
}
