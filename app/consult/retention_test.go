package consult_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/config"
)

// count runs a COUNT query, for checking what the retention job left.
func count(t *testing.T, st *store.Store, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := st.DB.Raw(q, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRetentionErasesPersonalDataPastThePeriod answers and comments as two
// people, then runs the retention job with a fixed clock: a month before the
// period ends nothing changes; after it, the responses no longer lead to
// anyone, organisation names and flags are gone, every count stays, the audit
// log says so once, and a second run changes nothing. Expired sessions,
// sign-in states and rate-limit windows are purged.
func TestRetentionErasesPersonalDataPastThePeriod(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		f := newAnswerFixture(t, engine, model.PostModeration)
		st := f.svc.Store
		for _, u := range f.users {
			if _, err := f.svc.SubmitAnswer(ctx, u, "192.0.2.1", f.c.Slug, consult.AnswerInput{QuestionKey: f.qs[0].Key,
				Choices: []string{"Agree"}, Text: "Because", RespondingAs: "organisation", Organisation: "Cycle Club", Publish: "name"}); err != nil {
				t.Fatal(err)
			}
		}
		cm, _, err := f.svc.SubmitComment(ctx, f.users[0], "192.0.2.1", f.c.Slug, consult.CommentInput{Body: "Build it soon",
			RespondingAs: "organisation", Organisation: "Cycle Club", Publish: "name", SubmissionToken: testutil.RandomToken()})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddFlag(ctx, &model.Flag{CommentID: cm.ID, UserID: f.users[1].ID, Reason: "personal attack on Ann Smith", CreatedAt: f.clk.t}, 100); err != nil {
			t.Fatal(err)
		}
		// A response by post, entered by an official, with the person's address.
		offline, err := st.CreateOfflineUser(ctx, "Olive Post", testutil.RandomToken())
		if err != nil {
			t.Fatal(err)
		}
		posted := &model.Comment{ConsultationID: f.c.ID, VersionID: *f.c.CurrentVersionID, UserID: offline.ID, Body: "By post",
			RespondingAs: "individual", Publish: model.PublishNo, Status: model.CommentApproved, Channel: "post",
			SubmissionToken: testutil.RandomToken()}
		if _, err := st.InsertComment(ctx, posted); err != nil {
			t.Fatal(err)
		}
		if err := st.InsertOfflineResponse(ctx, &model.OfflineResponse{ConsultationID: f.c.ID, UserID: offline.ID, CommentID: &posted.ID,
			Channel: "post", Contact: "12 High Street", ReceivedOn: "2026-01-02"}); err != nil {
			t.Fatal(err)
		}
		ret, err := config.ParseRetention("18m")
		if err != nil {
			t.Fatal(err)
		}
		job := &consult.Retention{Store: st, Log: testutil.TestLogger(), Cutoff: ret.Cutoff}
		cid := f.c.ID
		mine := func() int64 {
			return count(t, st, `SELECT COUNT(*) FROM comments WHERE consultation_id = ? AND user_id IN (?, ?)`, cid, f.users[0].ID, f.users[1].ID) +
				count(t, st, `SELECT COUNT(*) FROM answers WHERE consultation_id = ? AND user_id IN (?, ?)`, cid, f.users[0].ID, f.users[1].ID) +
				count(t, st, `SELECT COUNT(*) FROM respondents WHERE consultation_id = ? AND user_id IN (?, ?)`, cid, f.users[0].ID, f.users[1].ID)
		}
		comments, answers := count(t, st, `SELECT COUNT(*) FROM comments WHERE consultation_id = ?`, cid),
			count(t, st, `SELECT COUNT(*) FROM answers WHERE consultation_id = ?`, cid)
		linked := mine()

		if err := job.Run(ctx, f.c.ClosesAt.AddDate(0, 17, 0)); err != nil {
			t.Fatal(err)
		}
		if mine() != linked || count(t, st, `SELECT COUNT(*) FROM flags`) != 1 {
			t.Fatal("personal data erased before the retention period ended")
		}

		expired := f.clk.t.Add(-time.Hour)
		if err := st.CreateSession(ctx, &model.Session{TokenHash: "old", UserID: f.users[0].ID, CreatedAt: expired.Add(-time.Hour), ExpiresAt: expired}); err != nil {
			t.Fatal(err)
		}
		if err := st.SaveAuthState(ctx, &model.AuthState{State: "old", Provider: "oidc", CreatedAt: expired, ExpiresAt: expired}); err != nil {
			t.Fatal(err)
		}
		if err := st.DB.Exec(`INSERT INTO email_sign_ins (token_hash, email, created_at, expires_at) VALUES ('old', 'a@example.org', ?, ?)`,
			expired, expired).Error; err != nil {
			t.Fatal(err)
		}
		after := f.clk.t.AddDate(2, 0, 0)
		for range 2 {
			if err := job.Run(ctx, after); err != nil {
				t.Fatal(err)
			}
		}
		if n := mine(); n != 0 {
			t.Errorf("%d rows still lead to the people who responded", n)
		}
		if count(t, st, `SELECT COUNT(*) FROM comments WHERE consultation_id = ?`, cid) != comments ||
			count(t, st, `SELECT COUNT(*) FROM answers WHERE consultation_id = ?`, cid) != answers ||
			count(t, st, `SELECT COUNT(DISTINCT user_id) FROM answers WHERE consultation_id = ?`, cid) != 2 {
			t.Error("counts changed: comments, answers or respondents")
		}
		if n := count(t, st, `SELECT COUNT(*) FROM comments WHERE consultation_id = ? AND (organisation <> '' OR publish = 'name')`, cid) +
			count(t, st, `SELECT COUNT(*) FROM respondents WHERE consultation_id = ? AND (organisation <> '' OR publish = 'name')`, cid); n != 0 {
			t.Errorf("%d rows keep an organisation or a published name", n)
		}
		if count(t, st, `SELECT COUNT(*) FROM flags`) != 0 || count(t, st, `SELECT COUNT(*) FROM comments WHERE id = ? AND flag_count = 1`, cm.ID) != 1 {
			t.Error("flags kept, or the flag count lost")
		}
		if n := count(t, st, `SELECT COUNT(*) FROM audit_log WHERE action = 'retention.erase' AND target_id = ?`, strconv.FormatInt(cid, 10)); n != 1 {
			t.Errorf("%d audit entries, want 1", n)
		}
		if count(t, st, `SELECT COUNT(*) FROM sessions WHERE token_hash = 'old'`)+count(t, st, `SELECT COUNT(*) FROM auth_states WHERE state = 'old'`)+
			count(t, st, `SELECT COUNT(*) FROM email_sign_ins WHERE token_hash = 'old'`) != 0 {
			t.Error("expired session, sign-in state or email sign-in link kept")
		}
		if count(t, st, `SELECT COUNT(*) FROM users WHERE id = ?`, offline.ID)+
			count(t, st, `SELECT COUNT(*) FROM offline_responses WHERE contact <> ''`) != 0 ||
			count(t, st, `SELECT COUNT(*) FROM offline_responses WHERE consultation_id = ?`, cid) != 1 {
			t.Error("the offline respondent's account or address kept, or their response lost")
		}
		us, err := st.SearchUsers(ctx, "", 0, 100)
		if err != nil || len(us) != 2 {
			t.Errorf("the users list shows %d accounts, want the 2 real ones (%v)", len(us), err)
		}
	})
}
