package consult_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

var london, _ = time.LoadLocation("Europe/London")

// clock is a settable time source for consult.Service.Now.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func newService(t *testing.T, engine string, now time.Time) (*consult.Service, *clock) {
	t.Helper()
	c := &clock{t: now}
	return &consult.Service{Store: testutil.NewStore(t, engine), Log: testutil.TestLogger(), Now: c.Now}, c
}

func details(slug string) consult.Details {
	return consult.Details{Slug: slug, Title: "A plan", Moderation: "pre",
		Opens: "2026-03-29T09:00", Closes: "2026-05-01T17:00"}
}

// TestStatusAtTheInstants checks the status one nanosecond either side of the
// opening and closing instants, which the admin typed in London time across a
// change to summer time.
func TestStatusAtTheInstants(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		svc, clk := newService(t, engine, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		if _, err := svc.CreateConsultation(ctx, details("instants"), london, nil); err != nil {
			t.Fatal(err)
		}
		c, _ := svc.Store.ConsultationBySlug(ctx, "instants")
		if got := svc.Status(c); got != model.StatusDraft {
			t.Fatalf("before publication: %s, want draft", got)
		}
		if _, err := svc.NewVersion(ctx, "instants", "Hello.", "", nil); err != nil {
			t.Fatal(err)
		}
		c, _ = svc.Store.ConsultationBySlug(ctx, "instants")
		// 29 March 2026 is the first day of British Summer Time: 09:00 there is 08:00 UTC.
		opens, closes := time.Date(2026, 3, 29, 8, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 16, 0, 0, 0, time.UTC)
		if !c.OpensAt.Equal(opens) || !c.ClosesAt.Equal(closes) {
			t.Fatalf("stored %v – %v, want %v – %v", c.OpensAt, c.ClosesAt, opens, closes)
		}
		for _, tc := range []struct {
			name string
			at   time.Time
			want model.Status
		}{
			{"just before opening", opens.Add(-time.Nanosecond), model.StatusUpcoming},
			{"at opening", opens, model.StatusOpen},
			{"just before closing", closes.Add(-time.Nanosecond), model.StatusOpen},
			{"at closing", closes, model.StatusClosed},
		} {
			clk.t = tc.at
			if got := svc.Status(c); got != tc.want {
				t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
			}
		}
	})
}

// TestDetailsValidation checks that every bad detail gets its own message and
// that nothing is stored.
func TestDetailsValidation(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		svc, _ := newService(t, engine, time.Now())
		if _, err := svc.CreateConsultation(ctx, details("taken"), london, nil); err != nil {
			t.Fatal(err)
		}
		with := func(f func(*consult.Details)) consult.Details { d := details("fresh"); f(&d); return d }
		for _, tc := range []struct {
			name   string
			d      consult.Details
			field  string
			msgKey string
		}{
			{"duplicate slug", details("taken"), "slug", "consultation.error.slug.taken"},
			{"empty slug", with(func(d *consult.Details) { d.Slug = "" }), "slug", "consultation.error.slug.required"},
			{"upper case", with(func(d *consult.Details) { d.Slug = "Cycle-plan" }), "slug", "consultation.error.slug.format"},
			{"too short", with(func(d *consult.Details) { d.Slug = "ab" }), "slug", "consultation.error.slug.format"},
			{"too long", with(func(d *consult.Details) { d.Slug = strings.Repeat("a", 81) }), "slug", "consultation.error.slug.format"},
			{"leading hyphen", with(func(d *consult.Details) { d.Slug = "-plan" }), "slug", "consultation.error.slug.format"},
			{"trailing hyphen", with(func(d *consult.Details) { d.Slug = "plan-" }), "slug", "consultation.error.slug.format"},
			{"path characters", with(func(d *consult.Details) { d.Slug = "../admin" }), "slug", "consultation.error.slug.format"},
			{"non-ASCII", with(func(d *consult.Details) { d.Slug = "ŵyau" }), "slug", "consultation.error.slug.format"},
			{"reserved", with(func(d *consult.Details) { d.Slug = "new" }), "slug", "consultation.error.slug.taken"},
			{"no title", with(func(d *consult.Details) { d.Title = "  " }), "title", "consultation.error.title.required"},
			{"long title", with(func(d *consult.Details) { d.Title = strings.Repeat("ŵ", 201) }), "title", "consultation.error.title.long"},
			{"long summary", with(func(d *consult.Details) { d.Summary = strings.Repeat("x", 2001) }), "summary", "consultation.error.summary.long"},
			{"NUL in title", with(func(d *consult.Details) { d.Title = "a\x00b" }), "title", "consultation.error.text"},
			{"closes before opens", with(func(d *consult.Details) { d.Closes = "2026-03-01T09:00" }), "closes", "consultation.error.closes.before"},
			{"closes at opening", with(func(d *consult.Details) { d.Closes = d.Opens }), "closes", "consultation.error.closes.before"},
			{"not a date", with(func(d *consult.Details) { d.Opens = "31/02/2026" }), "opens", "consultation.error.opens"},
			{"only one date", with(func(d *consult.Details) { d.Closes = "" }), "closes", "consultation.error.closes"},
			{"bad moderation", with(func(d *consult.Details) { d.Moderation = "none" }), "moderation", "consultation.error.moderation"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := svc.CreateConsultation(ctx, tc.d, london, nil)
				var fe model.FieldErrors
				if !errors.As(err, &fe) || fe[tc.field] != tc.msgKey {
					t.Fatalf("err = %v, want %s=%s", err, tc.field, tc.msgKey)
				}
			})
		}
		all, _ := svc.Store.AllConsultations(ctx)
		if len(all) != 1 {
			t.Errorf("%d consultations stored, want only the first", len(all))
		}
	})
}

// TestUpdateAuditsAndBumpsRevision checks an edit: the audit entry holds the
// values before and after, the revision grows, and a scheduled slug is locked.
func TestUpdateAuditsAndBumpsRevision(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		svc, _ := newService(t, engine, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
		c, err := svc.CreateConsultation(ctx, details("edit-me"), london, nil)
		if err != nil {
			t.Fatal(err)
		}
		d := consult.DetailsOf(c, london)
		d.Title = "A better plan"
		if _, err := svc.UpdateConsultation(ctx, "edit-me", d, london, nil); err != nil {
			t.Fatal(err)
		}
		after, _ := svc.Store.ConsultationBySlug(ctx, "edit-me")
		if after.Title != "A better plan" || after.Revision <= c.Revision {
			t.Errorf("title %q revision %d (was %d)", after.Title, after.Revision, c.Revision)
		}
		var e model.AuditEntry
		if err := svc.Store.DB.Where("action = ?", "consultation.update").Take(&e).Error; err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(e.Before, `"title":"A plan"`) || !strings.Contains(e.After, `"title":"A better plan"`) {
			t.Errorf("audit before %s after %s", e.Before, e.After)
		}
		if _, err := svc.NewVersion(ctx, "edit-me", "Text.", "", nil); err != nil {
			t.Fatal(err)
		}
		d.Slug = "renamed"
		_, err = svc.UpdateConsultation(ctx, "edit-me", d, london, nil)
		var fe model.FieldErrors
		if !errors.As(err, &fe) || fe["slug"] != "consultation.error.slug.locked" {
			t.Errorf("renaming an open consultation: %v", err)
		}
	})
}

// TestNewVersionValidation checks the refusals of a new version and that none
// of them stores anything.
func TestNewVersionValidation(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		svc, _ := newService(t, engine, time.Now())
		if _, err := svc.CreateConsultation(ctx, details("versions"), london, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.NewVersion(ctx, "versions", "# Plan\r\n\r\nFirst paragraph.\r\n", "", nil); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name, md, note, field, msgKey string
		}{
			{"empty", "", "n", "markdown", "consultation.error.markdown.required"},
			{"blank", " \n\t\n", "n", "markdown", "consultation.error.markdown.required"},
			{"over 1 MB", strings.Repeat("a", 1<<20+1), "n", "markdown", "consultation.error.markdown.large"},
			{"invalid UTF-8", "caf\xe9", "n", "markdown", "consultation.error.markdown.text"},
			{"NUL", "a\x00b", "n", "markdown", "consultation.error.markdown.text"},
			{"no change", "# Plan\n\nFirst paragraph.\n", "n", "markdown", "consultation.error.markdown.same"},
			{"no change note", "# Plan\n\nSecond paragraph.", "", "change_note", "consultation.error.change_note.required"},
			{"long change note", "# Plan\n\nSecond paragraph.", strings.Repeat("n", 1001), "change_note", "consultation.error.change_note.long"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := svc.NewVersion(ctx, "versions", tc.md, tc.note, nil)
				var fe model.FieldErrors
				if !errors.As(err, &fe) || fe[tc.field] != tc.msgKey {
					t.Fatalf("err = %v, want %s=%s", err, tc.field, tc.msgKey)
				}
			})
		}
		c, _ := svc.Store.ConsultationBySlug(ctx, "versions")
		if vs, _ := svc.Store.Versions(ctx, c.ID); len(vs) != 1 {
			t.Errorf("%d versions stored, want 1", len(vs))
		}
		if _, err := svc.NewVersion(ctx, "nope", "x", "", nil); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("unknown slug: %v", err)
		}
	})
}

// TestCloseEarlyAndOutcome walks a consultation from open to closed to its
// outcome, and checks the steps that are refused out of order.
func TestCloseEarlyAndOutcome(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		now := time.Date(2026, 4, 10, 12, 0, 0, 0, time.UTC)
		svc, _ := newService(t, engine, now)
		if _, err := svc.CreateConsultation(ctx, details("closing"), london, nil); err != nil {
			t.Fatal(err)
		}
		var fe model.FieldErrors
		if err := svc.CloseEarly(ctx, "closing", nil); !errors.As(err, &fe) {
			t.Errorf("closing a draft: %v", err)
		}
		if _, err := svc.NewVersion(ctx, "closing", "Text.", "", nil); err != nil {
			t.Fatal(err)
		}
		if err := svc.PublishOutcome(ctx, "closing", "Decided.", nil); !errors.As(err, &fe) || fe["outcome"] != "consultation.error.outcome.notclosed" {
			t.Errorf("outcome while open: %v", err)
		}
		if err := svc.CloseEarly(ctx, "closing", nil); err != nil {
			t.Fatal(err)
		}
		c, _ := svc.Store.ConsultationBySlug(ctx, "closing")
		if !c.ClosesAt.Equal(now) || svc.Status(c) != model.StatusClosed {
			t.Errorf("closes %v status %s", c.ClosesAt, svc.Status(c))
		}
		if err := svc.PublishOutcome(ctx, "closing", " ", nil); !errors.As(err, &fe) || fe["outcome"] != "consultation.error.outcome.required" {
			t.Errorf("empty outcome: %v", err)
		}
		if err := svc.PublishOutcome(ctx, "closing", "We will build C1 first.", nil); err != nil {
			t.Fatal(err)
		}
		c2, _ := svc.Store.ConsultationBySlug(ctx, "closing")
		if c2.Outcome != "We will build C1 first." || c2.OutcomePublishedAt == nil || c2.Revision <= c.Revision {
			t.Errorf("outcome %q at %v revision %d", c2.Outcome, c2.OutcomePublishedAt, c2.Revision)
		}
		var n int64
		svc.Store.DB.Model(&model.AuditEntry{}).Where("target_id = ? AND action IN ?", "closing",
			[]string{"consultation.create", "version.publish", "consultation.close", "consultation.outcome"}).Count(&n)
		if n != 4 {
			t.Errorf("%d audit entries, want 4", n)
		}
	})
}

// TestDraftsAndPreview checks that a draft is kept apart from the published
// text and that a preview stores nothing.
func TestDraftsAndPreview(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t, store.SQLite, time.Now())
	c, err := svc.CreateConsultation(ctx, details("drafts"), london, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SaveDraft(ctx, "drafts", "Work in progress.", nil); err != nil {
		t.Fatal(err)
	}
	if md, _ := svc.EditorText(ctx, c); md != "Work in progress." {
		t.Errorf("editor text %q", md)
	}
	d, err := svc.Preview("# A\n\nOne.\n\n- two\n- three")
	if err != nil || len(d.Blocks) != 3 || !strings.Contains(d.HTML, `id="p-pv000001"`) {
		t.Errorf("preview: %v, %d blocks", err, len(d.Blocks))
	}
	if _, err := svc.NewVersion(ctx, "drafts", "Published.", "", nil); err != nil {
		t.Fatal(err)
	}
	c, _ = svc.Store.ConsultationBySlug(ctx, "drafts")
	if md, _ := svc.EditorText(ctx, c); md != "Published." {
		t.Errorf("after publishing the editor starts from %q", md)
	}
	if vs, _ := svc.Store.Versions(ctx, c.ID); len(vs) != 1 {
		t.Errorf("%d versions", len(vs))
	}
}
