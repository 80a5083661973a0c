package store_test

import (
	"context"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestSearchChangedSeesEveryWayIn changes what a consultation's search shows
// in every way there is, and checks that SearchChanged reports each change
// once, and nothing for changes that search does not show.
func TestSearchChangedSeesEveryWayIn(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "changes", model.PostModeration)
		other := testutil.NewModerationFixture(t, st, nil, "changes-other", model.PostModeration)
		author := f.User("Ann Author", "ann@example.test", model.RoleCitizen)
		analyst := f.User("Ana Lyst", "ana@example.test", model.RoleAnalyst)

		changed, mark, err := st.SearchChanged(ctx, f.Consultation.ID, "")
		if err != nil || !changed {
			t.Fatalf("first look: changed %v, %v; want changed", changed, err)
		}
		look := func(what string, want bool) {
			t.Helper()
			got, next, err := st.SearchChanged(ctx, f.Consultation.ID, mark)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if got != want {
				t.Errorf("after %s: changed %v, want %v", what, got, want)
			}
			mark = next
			if got, _, _ := st.SearchChanged(ctx, f.Consultation.ID, mark); got {
				t.Errorf("after %s: the same change reported twice", what)
			}
		}
		look("nothing", false)

		cm := f.Comment(author, "Protected lanes please.")
		look("a new comment", true)
		must(t, st.DB.Model(cm).Update("body", "Protected lanes, please.").Error)
		look("an edit", true)
		must(t, st.DB.Model(cm).Update("status", model.CommentApproved).Error)
		look("a moderation decision", true)
		theme := &model.Theme{ConsultationID: f.Consultation.ID, Name: "Safety"}
		must(t, st.CreateTheme(ctx, theme))
		look("a new theme", true)
		must(t, st.TagComments(ctx, []int64{cm.ID}, []int64{theme.ID}, analyst.ID))
		look("a tag", true)
		must(t, st.SetCommentThemes(ctx, cm.ID, nil, analyst.ID))
		look("a tag taken off", true)
		must(t, st.DB.Model(theme).Update("name", "Road safety").Error)
		look("a theme renamed", true)
		must(t, st.DB.Delete(theme).Error)
		look("a theme deleted", true)
		must(t, st.SetDisplayName(ctx, author.ID, "Ann Other"))
		look("an author renamed", true)
		if _, err := st.WithdrawComment(ctx, cm.ID, author.ID); err != nil {
			t.Fatal(err)
		}
		look("a withdrawal", true)
		must(t, st.DB.Delete(cm).Error)
		look("a deletion", true)
		gone := f.User("Gone Soon", "gone@example.test", model.RoleCitizen)
		look("a new account", false)
		must(t, st.DB.Delete(gone).Error)
		look("an account deleted", true)

		other.Comment(author, "Elsewhere.")
		look("a comment on another consultation", false)
		must(t, st.SetRole(ctx, analyst.ID, model.RoleModerator))
		look("a change to an account that is not its name", false)
		must(t, st.SetDisplayName(ctx, author.ID, "Ann Other"))
		look("a name set to what it was", false)
	})
}

// TestSearchChangedSeesLateCommits holds a change's transaction open while a
// mark is taken and another change commits after it: the first change, once
// committed, is still new to every mark taken before its commit.
func TestSearchChangedSeesLateCommits(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "late", model.PostModeration)
		author := f.User("Ann Author", "ann@example.test", model.RoleCitizen)
		_, mark, err := st.SearchChanged(ctx, f.Consultation.ID, "")
		must(t, err)

		written, commit, done := make(chan struct{}), make(chan struct{}), make(chan error)
		go func() {
			done <- st.Tx(ctx, func(tx *store.Store) error {
				now := time.Now().UTC()
				err := tx.DB.Create(&model.Comment{ConsultationID: f.Consultation.ID, VersionID: f.Version.ID,
					ParagraphKey: f.Paragraph(0).Key, UserID: author.ID, Body: "Slow to commit.", RespondingAs: "individual",
					Publish: model.PublishName, Status: model.CommentPending, SubmissionToken: "late", CreatedAt: now, UpdatedAt: now}).Error
				close(written)
				<-commit
				return err
			})
		}()
		<-written
		changed, during, err := st.SearchChanged(ctx, f.Consultation.ID, mark)
		must(t, err)
		if changed {
			t.Error("a change not yet committed was reported")
		}
		close(commit)
		must(t, <-done)
		if changed, _, err := st.SearchChanged(ctx, f.Consultation.ID, during); err != nil || !changed {
			t.Errorf("a change committed after the mark: changed %v, %v; want changed", changed, err)
		}
	})
}

// TestPurgeExpiredTrimsTheChangeLog: PostgreSQL's log of search changes keeps
// a day, more than any mark is compared for (store.SearchMarkMaxAge).
func TestPurgeExpiredTrimsTheChangeLog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.NewStore(t, store.Postgres) // SQLite counts changes instead of logging them
	now := time.Now().UTC()
	must(t, st.DB.Exec("INSERT INTO search_changes (consultation_id, at) VALUES (1, ?), (2, ?)",
		now.Add(-25*time.Hour), now.Add(-23*time.Hour)).Error)
	must(t, st.PurgeExpired(ctx, now))
	var left []int64
	must(t, st.DB.Raw("SELECT consultation_id FROM search_changes ORDER BY consultation_id").Scan(&left).Error)
	if len(left) != 1 || left[0] != 2 {
		t.Errorf("left %v, want only the change of 23 hours ago", left)
	}
}
