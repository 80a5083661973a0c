package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"pilcrow/app/testutil"
)

// TestTOTPSecretEncryptedAtRest sets up an authenticator app: the database
// holds its secret sealed, never the base32 the person typed in, both while
// it is being set up (with the session) and once confirmed. A secret
// kept plain from before encryption still proves the factor, and is sealed
// the first time it does.
func TestTOTPSecretEncryptedAtRest(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, m := staffApp(t, engine, nil)
		first := a.Client(t)
		staffSignIn(t, a, m, first, "/admin", nil)
		page := first.Get("/account/second-factor/totp?next=/admin").Expect(t, http.StatusOK)
		shown := strings.ReplaceAll(page.Doc.Find("#totp-secret").Text(), " ", "")
		var ceremonies []string
		if err := a.Store.DB.Raw(`SELECT ceremony FROM sessions WHERE ceremony <> ''`).Scan(&ceremonies).Error; err != nil {
			t.Fatal(err)
		}
		if len(ceremonies) != 1 || strings.Contains(ceremonies[0], shown) {
			t.Fatalf("the secret being set up is kept plain with the session: %q", ceremonies)
		}
		secret, _ := setUpTOTP(t, first)
		stored := func() (int64, string) {
			var row struct {
				ID     int64
				Secret string
			}
			if err := a.Store.DB.Raw(`SELECT id, secret FROM second_factors WHERE kind = 'totp'`).Scan(&row).Error; err != nil {
				t.Fatal(err)
			}
			return row.ID, row.Secret
		}
		id, sealed := stored()
		if !strings.HasPrefix(sealed, "v1:") || strings.Contains(sealed, secret) {
			t.Fatalf("stored TOTP secret %q is not sealed", sealed)
		}

		if err := a.Store.DB.Exec(`UPDATE second_factors SET secret = ? WHERE id = ?`, secret, id).Error; err != nil {
			t.Fatal(err)
		}
		later := mfaClock.Add(30 * time.Second)
		a.Web.Sessions.SetClock(func() time.Time { return later })
		c := a.Client(t)
		expectFactorDue(t, staffSignIn(t, a, m, c, "/admin", nil))
		code, _ := totp.GenerateCode(secret, later)
		c.PostForm("/auth/second-factor/totp", url.Values{"code": {code}, "next": {"/admin"}}).Expect(t, http.StatusSeeOther)
		if _, now := stored(); !strings.HasPrefix(now, "v1:") || strings.Contains(now, secret) {
			t.Errorf("a plain secret stayed plain after it proved the factor: %q", now)
		}
	})
}
