package consult_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestMarkdownLimitsAreFieldErrors checks that a document over one of the
// document package's limits is refused by the preview and by publishing with
// a message key naming the limit, and that nothing is stored.
func TestMarkdownLimitsAreFieldErrors(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		svc, _ := newService(t, engine, time.Now())
		if _, err := svc.CreateConsultation(ctx, details("limits"), london, nil); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct{ name, md, key string }{
			{"nested quotes", strings.Repeat(">", 100_000), "consultation.error.markdown.limit.nesting"},
			{"links run together", strings.Repeat("[a](", 100_000), "consultation.error.markdown.limit.markup"},
			{"wide table", "|" + strings.Repeat("a|", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|\n", 400),
				"consultation.error.markdown.limit.table"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var fe model.FieldErrors
				if _, err := svc.Preview(tc.md); !errors.As(err, &fe) || fe["markdown"] != tc.key {
					t.Errorf("preview: %v, want markdown=%s", err, tc.key)
				}
				if _, err := svc.NewVersion(ctx, "limits", tc.md, "", nil); !errors.As(err, &fe) || fe["markdown"] != tc.key {
					t.Errorf("publish: %v, want markdown=%s", err, tc.key)
				}
			})
		}
		c, _ := svc.Store.ConsultationBySlug(ctx, "limits")
		if vs, _ := svc.Store.Versions(ctx, c.ID); len(vs) != 0 {
			t.Errorf("%d versions stored, want 0", len(vs))
		}
	})
}
