package web_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestDeleteAccountRemovesFactorsMailAndSessions: a staff member with an
// authenticator app, a passkey, recovery codes, email preferences, queued
// mail, a sign-in link and a second session deletes their account; none of
// it is left, and someone else's mail stays.
func TestDeleteAccountRemovesFactorsMailAndSessions(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, m := staffApp(t, engine, nil)
		ctx := context.Background()
		c := a.Client(t)
		staffSignIn(t, a, m, c, "/admin", nil)
		setUpTOTP(t, c)
		other := a.Client(t)
		staffSignIn(t, a, m, other, "/admin", nil)
		u, err := a.Store.UserBySubject(ctx, "oidc", "sub-boss")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(a.Store.AddSecondFactor(ctx, &model.SecondFactor{UserID: u.ID, Kind: model.FactorPasskey, Name: "Laptop",
			Secret: "{}", CredentialID: "cred-boss", CreatedAt: now}))
		must(a.Store.SaveMailPreferences(ctx, model.MailPreferences{UserID: u.ID, Language: "cy", Receipts: true, UpdatedAt: now}))
		must(a.Store.EnqueueMail(ctx, &model.Mail{Kind: "receipt", UserID: &u.ID, Address: "boss@example.com", Params: "{}"}))
		must(a.Store.EnqueueMail(ctx, &model.Mail{Kind: "signin", Address: "Boss@example.com", Params: "{}"}))
		must(a.Store.EnqueueMail(ctx, &model.Mail{Kind: "signin", Address: "someone@example.com", Params: "{}"}))
		must(a.Store.CreateEmailSignIn(ctx, &model.EmailSignIn{TokenHash: "hash-boss", Email: "boss@example.com",
			Next: "/", Language: "en", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}))

		c.PostForm("/me/delete", nil).Expect(t, http.StatusSeeOther)

		for _, q := range []string{
			"SELECT COUNT(*) FROM users WHERE id = ?",
			"SELECT COUNT(*) FROM second_factors WHERE user_id = ?",
			"SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?",
			"SELECT COUNT(*) FROM sessions WHERE user_id = ?",
			"SELECT COUNT(*) FROM mail_preferences WHERE user_id = ?",
			"SELECT COUNT(*) FROM mail_outbox WHERE user_id = ? OR address = 'boss@example.com'",
			"SELECT COUNT(*) FROM email_sign_ins WHERE email = 'boss@example.com' OR 0 = ?",
		} {
			var n int64
			must(a.Store.DB.Raw(q, u.ID).Scan(&n).Error)
			if n != 0 {
				t.Errorf("%s: %d rows left after the account was deleted", q, n)
			}
		}
		var kept int64
		must(a.Store.DB.Raw("SELECT COUNT(*) FROM mail_outbox WHERE address = 'someone@example.com'").Scan(&kept).Error)
		if kept != 1 {
			t.Errorf("someone else's mail went too: %d left", kept)
		}
		if signedIn(t, other) {
			t.Error("the account's other session still signs in")
		}
	})
}
