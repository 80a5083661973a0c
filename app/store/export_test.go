package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// exportFixture is a consultation with two versions, two authors and comments
// on a paragraph of each version, on the whole document, and a reply.
type exportFixture struct {
	c        *model.Consultation
	v1, v2   *model.DocumentVersion
	comments []model.Comment
}

var day = time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)

func newExportFixture(t *testing.T, st *store.Store) exportFixture {
	t.Helper()
	ctx := context.Background()
	c := &model.Consultation{Slug: "buses", Title: "Buses", Moderation: model.PreModeration}
	must(t, st.CreateConsultation(ctx, c))
	v1 := &model.DocumentVersion{ConsultationID: c.ID, Markdown: "a", HTML: "<p>a</p>", PublishedAt: day}
	must(t, st.CreateVersion(ctx, v1, []model.Block{{Key: "k1", Number: 1, Kind: "p", Text: "Old text of the first paragraph."}}))
	v2 := &model.DocumentVersion{ConsultationID: c.ID, Markdown: "b", HTML: "<p>b</p>", PublishedAt: day}
	must(t, st.CreateVersion(ctx, v2, []model.Block{
		{Key: "k1", Number: 1, Kind: "p", Text: "New text of the first paragraph."},
		{Key: "k2", Number: 2, Kind: "p", Text: "Second paragraph."},
	}))
	now := time.Now().UTC()
	users := []model.User{
		{Provider: "dev", Subject: "a", DisplayName: "Siân Ŵyn", Role: model.RoleCitizen, CreatedAt: now, UpdatedAt: now},
		{Provider: "dev", Subject: "b", DisplayName: "Bob", Role: model.RoleCitizen, CreatedAt: now, UpdatedAt: now},
	}
	must(t, st.DB.Create(&users).Error)
	moderated := day.Add(48 * time.Hour)
	cs := []model.Comment{
		{VersionID: v1.ID, ParagraphKey: "k1", UserID: users[0].ID, Body: "=SUM(A1)", Status: model.CommentApproved, CreatedAt: day, ModeratedAt: &moderated},
		{VersionID: v2.ID, ParagraphKey: "k1", UserID: users[1].ID, Body: "two", Status: model.CommentPending, CreatedAt: day.Add(24 * time.Hour)},
		{VersionID: v2.ID, ParagraphKey: "", UserID: users[1].ID, Body: "whole", Status: model.CommentRejected, ModerationReason: "spam", CreatedAt: day.Add(72 * time.Hour)},
	}
	for i := range cs {
		cs[i].ConsultationID, cs[i].Publish, cs[i].RespondingAs = c.ID, model.PublishName, "individual"
		cs[i].SubmissionToken, cs[i].UpdatedAt = fmt.Sprint("tok", i), cs[i].CreatedAt
		must(t, st.DB.Create(&cs[i]).Error)
	}
	reply := model.Comment{ConsultationID: c.ID, VersionID: v2.ID, ParagraphKey: "k2", ParentID: &cs[1].ID,
		UserID: users[0].ID, Body: "reply", Status: model.CommentApproved, Publish: model.PublishAnonymous,
		RespondingAs: "organisation", Organisation: "Cymdeithas", SubmissionToken: "tok9",
		CreatedAt: day.Add(96 * time.Hour), UpdatedAt: day}
	must(t, st.DB.Create(&reply).Error)
	return exportFixture{c: c, v1: v1, v2: v2, comments: append(cs, reply)}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestExportComments(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		fx := newExportFixture(t, st)
		var rows []store.ExportRow
		must(t, st.ExportComments(context.Background(), fx.c.ID, store.ExportFilter{}, func(r *store.ExportRow) error {
			rows = append(rows, *r)
			return nil
		}))
		if len(rows) != 4 {
			t.Fatalf("got %d rows, want 4", len(rows))
		}
		first := rows[0]
		if first.Author != "Siân Ŵyn" || first.VersionNumber != 1 || first.ParagraphNumber != 1 ||
			first.ParagraphText != "Old text of the first paragraph." || first.ModeratedAt == nil ||
			!first.SubmittedAt.Equal(day) || first.Body != "=SUM(A1)" {
			t.Errorf("first row = %+v", first)
		}
		if rows[1].ParagraphText != "New text of the first paragraph." || rows[1].VersionNumber != 2 || rows[1].ModeratedAt != nil {
			t.Errorf("second row reads the block of its own version: %+v", rows[1])
		}
		if rows[2].ParagraphNumber != 0 || rows[2].ParagraphText != "" || rows[2].ModerationReason != "spam" {
			t.Errorf("whole-document row = %+v", rows[2])
		}
		if rows[3].ParentID != fx.comments[1].ID || rows[3].Organisation != "Cymdeithas" || rows[3].ParagraphNumber != 2 {
			t.Errorf("reply row = %+v", rows[3])
		}
		for i := 1; i < len(rows); i++ {
			if rows[i].CommentID <= rows[i-1].CommentID {
				t.Errorf("rows not in id order")
			}
		}
	})
}

func TestExportCommentsFilters(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		fx := newExportFixture(t, st)
		cases := []struct {
			name string
			f    store.ExportFilter
			want []string
		}{
			{"all", store.ExportFilter{}, []string{"=SUM(A1)", "two", "whole", "reply"}},
			{"approved", store.ExportFilter{Status: model.CommentApproved}, []string{"=SUM(A1)", "reply"}},
			{"from", store.ExportFilter{From: day.Add(24 * time.Hour)}, []string{"two", "whole", "reply"}},
			{"before", store.ExportFilter{Before: day.Add(24 * time.Hour)}, []string{"=SUM(A1)"}},
			{"range and status", store.ExportFilter{Status: model.CommentPending, From: day.Add(time.Hour), Before: day.Add(100 * time.Hour)}, []string{"two"}},
			{"nothing", store.ExportFilter{Status: model.CommentWithdrawn}, nil},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				var got []string
				must(t, st.ExportComments(context.Background(), fx.c.ID, tc.f, func(r *store.ExportRow) error {
					got = append(got, r.Body)
					return nil
				}))
				if fmt.Sprint(got) != fmt.Sprint(tc.want) {
					t.Errorf("got %q, want %q", got, tc.want)
				}
			})
		}
	})
}

func TestCommentsFingerprintChanges(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		fx := newExportFixture(t, st)
		ctx := context.Background()
		before, err := st.CommentsFingerprint(ctx, fx.c.ID)
		must(t, err)
		again, _ := st.CommentsFingerprint(ctx, fx.c.ID)
		if before != again {
			t.Fatalf("fingerprint unstable: %q then %q", before, again)
		}
		must(t, st.DB.Model(&model.Comment{}).Where("id = ?", fx.comments[1].ID).
			Updates(map[string]any{"status": "approved", "updated_at": time.Now().UTC()}).Error)
		after, _ := st.CommentsFingerprint(ctx, fx.c.ID)
		if after == before {
			t.Errorf("fingerprint did not change after a moderation: %q", after)
		}
	})
}
