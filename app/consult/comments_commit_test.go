package consult_test

import (
	"context"
	"testing"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestCommentOutcomeMatchesWhatIsStored makes marking the consultation's pages
// stale fail, as a database restart between the comment's commit and the bump
// did, and checks that the author is never told a stored comment failed: on
// PostgreSQL the comment commits first, so it is stored and reported stored; on
// SQLite comment and bump are one transaction, so it is neither.
func TestCommentOutcomeMatchesWhatIsStored(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "bump", model.PostModeration)
		author := f.User("Ann Author", "ann@example.test", model.RoleCitizen)
		failBumps(t, st)

		cm, created, err := f.Service.SubmitComment(ctx, author, "192.0.2.1", f.Consultation.Slug, consult.CommentInput{
			ParagraphKey: f.Paragraph(0).Key, Body: "Please keep the bus lane.", RespondingAs: "individual",
			Publish: "name", SubmissionToken: testutil.RandomToken(),
		})
		var stored int64
		st.DB.Model(&model.Comment{}).Where("consultation_id = ?", f.Consultation.ID).Count(&stored)
		switch {
		case err == nil && (stored != 1 || !created || cm.ID == 0):
			t.Fatalf("reported stored, but %d comments in the database", stored)
		case err != nil && stored != 0:
			t.Fatalf("reported %v, but the comment is stored", err)
		case engine == store.Postgres && err != nil:
			t.Fatalf("on PostgreSQL the comment commits before the bump: %v", err)
		case engine == store.SQLite && err == nil:
			t.Fatalf("on SQLite the bump is in the comment's transaction and failed, yet no error")
		}
	})
}

// failBumps makes every update of a consultation fail, as the bump of its
// revision does when the database goes away just after the comment commits.
func failBumps(t *testing.T, st *store.Store) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER no_bump BEFORE UPDATE ON consultations BEGIN SELECT RAISE(ABORT, 'bump refused'); END`}
	if st.Engine == store.Postgres {
		stmts = []string{
			`CREATE FUNCTION no_bump() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'bump refused'; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER no_bump BEFORE UPDATE ON consultations FOR EACH ROW EXECUTE FUNCTION no_bump()`,
		}
	}
	for _, q := range stmts {
		if err := st.DB.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
}
