package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"
	"github.com/pquerna/otp/totp"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// mfaClock is the fixed instant the TOTP tests run at; codes are made for it.
var mfaClock = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// staffApp is an app with the mock OpenID Connect provider, where
// boss@example.com is an admin, on a fixed clock.
func staffApp(t *testing.T, engine string, extra map[string]string) (*testutil.TestApp, *mockoidc.MockOIDC) {
	t.Helper()
	m := startMockOIDC(t, nil)
	env := map[string]string{"PILCROW_ADMIN_EMAILS": "boss@example.com"}
	for k, v := range extra {
		env[k] = v
	}
	a := testutil.NewApp(t, engine, oidcEnv(m, env))
	now := mfaClock
	a.Web.Sessions.SetClock(func() time.Time { return now })
	return a, m
}

// staffSignIn signs the boss in through the provider, with edit shaping the ID
// token, and returns the callback's answer.
func staffSignIn(t *testing.T, a *testutil.TestApp, m *mockoidc.MockOIDC, c *testutil.Client, next string, edit func(jwt.MapClaims)) *testutil.Response {
	t.Helper()
	m.QueueUser(claimsUser{sub: "sub-boss", email: "boss@example.com", verified: true, edit: edit})
	r := c.Get(startOIDC(t, c, next)).Expect(t, http.StatusSeeOther)
	c.Get("/auth/sign-in") // the CSRF token of the new session
	return r
}

// expectFactorDue checks that a request was sent to prove a second factor.
func expectFactorDue(t *testing.T, r *testutil.Response) {
	t.Helper()
	r.Expect(t, http.StatusSeeOther)
	if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/auth/second-factor?next=") {
		t.Fatalf("%s %s went to %q, want the second-factor page", r.Request.Method, r.Request.URL.Path, loc)
	}
}

// setUpTOTP sets up an authenticator app on the signed-in client at the fixed
// clock, returning its secret and the recovery codes shown.
func setUpTOTP(t *testing.T, c *testutil.Client) (string, []string) {
	t.Helper()
	page := c.Get("/account/second-factor/totp?next=/admin").Expect(t, http.StatusOK)
	secret := strings.ReplaceAll(page.Doc.Find("#totp-secret").Text(), " ", "")
	if src, _ := page.Doc.Find(`img[src^="data:image/png;base64,"]`).Attr("alt"); secret == "" || src == "" {
		t.Fatalf("set-up page lacks the secret or the QR code's text: %s", testutil.Text(page))
	}
	code, err := totp.GenerateCode(secret, mfaClock)
	if err != nil {
		t.Fatal(err)
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	bad := c.PostForm("/account/second-factor/totp", url.Values{"code": {wrong}, "next": {"/admin"}}).Expect(t, http.StatusUnprocessableEntity)
	if bad.Doc.Find(".govuk-error-summary").Length() == 0 {
		t.Error("a wrong code shows no error summary")
	}
	done := c.PostForm("/account/second-factor/totp", url.Values{"code": {code}, "next": {"/admin"}}).Expect(t, http.StatusOK)
	var codes []string
	done.Doc.Find("#recovery-codes code").Each(func(_ int, s *goquery.Selection) { codes = append(codes, s.Text()) })
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes shown, want 10", len(codes))
	}
	c.Get("/auth/sign-in") // the session's token changed with the factor
	return secret, codes
}

// TestStaffSecondFactorRequiredForAdminAndServices signs an admin in through a
// provider that reports no second factor: the admin panel, an admin action and
// the service layer all refuse until the session proves one, and the account
// is led to set one up.
func TestStaffSecondFactorRequiredForAdminAndServices(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		a, m := staffApp(t, engine, nil)
		c := a.Client(t)
		expectFactorDue(t, staffSignIn(t, a, m, c, "/admin", nil))
		boss, err := a.Store.UserBySubject(ctx, "oidc", "sub-boss")
		if err != nil || boss.Role != model.RoleAdmin {
			t.Fatalf("boss = %+v, %v", boss, err)
		}

		expectFactorDue(t, c.Get("/admin"))
		expectFactorDue(t, c.Get("/admin/users"))
		expectFactorDue(t, c.PostForm("/admin/users/"+modItoa(boss.ID)+"/role", url.Values{"role": {"citizen"}}))
		if u, _ := a.Store.User(ctx, boss.ID); u.Role != model.RoleAdmin {
			t.Errorf("role changed to %s without a second factor", u.Role)
		}
		// With no factor yet, the second-factor page leads to setting one up.
		r := c.Get("/auth/second-factor?next=/admin").Expect(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/account/second-factor?next=") {
			t.Errorf("an account without a factor went to %q", loc)
		}
		page := c.Get("/account/second-factor?next=/admin").Expect(t, http.StatusOK)
		if page.Doc.Find(`a[href^="/account/second-factor/totp"]`).Length() == 0 {
			t.Errorf("set-up page offers no authenticator app: %s", testutil.Text(page))
		}

		// The service layer holds the account to the same rule, whatever calls it.
		boss.SecondFactorDue = true
		if err := a.Consult.ChangeRole(ctx, boss, boss.ID, "citizen"); !errors.Is(err, model.ErrSecondFactorDue) {
			t.Errorf("ChangeRole without a second factor: %v", err)
		}
		if _, err := a.Consult.AuditEntries(ctx, boss, store.AuditFilter{}); !errors.Is(err, model.ErrSecondFactorDue) {
			t.Errorf("AuditEntries without a second factor: %v", err)
		}
		due := model.WithSecondFactorDue(ctx, boss.ID)
		if err := a.Consult.CloseEarly(due, "any", &boss.ID); !errors.Is(err, model.ErrSecondFactorDue) {
			t.Errorf("CloseEarly by id without a second factor: %v", err)
		}

		setUpTOTP(t, c)
		c.Get("/admin").Expect(t, http.StatusOK)
		c.Get("/admin/users").Expect(t, http.StatusOK)
	})
}

// TestTOTPSetUpAndSignInWithFixedClock sets up an authenticator app at a fixed
// clock, then signs in again: the same code is not accepted twice, the next
// period's code is, and the staff role then works.
func TestTOTPSetUpAndSignInWithFixedClock(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, m := staffApp(t, engine, nil)
		first := a.Client(t)
		staffSignIn(t, a, m, first, "/admin", nil)
		secret, _ := setUpTOTP(t, first)
		first.Get("/admin").Expect(t, http.StatusOK)

		c := a.Client(t)
		expectFactorDue(t, staffSignIn(t, a, m, c, "/admin", nil))
		page := c.Get("/auth/second-factor?next=/admin").Expect(t, http.StatusOK)
		if page.Doc.Find(`form[action="/auth/second-factor/totp"] input[autocomplete="one-time-code"]`).Length() != 1 {
			t.Fatalf("challenge page has no code field: %s", testutil.Text(page))
		}
		used, _ := totp.GenerateCode(secret, mfaClock)
		c.PostForm("/auth/second-factor/totp", url.Values{"code": {used}, "next": {"/admin"}}).Expect(t, http.StatusUnprocessableEntity)
		expectFactorDue(t, c.Get("/admin"))

		later := mfaClock.Add(30 * time.Second)
		a.Web.Sessions.SetClock(func() time.Time { return later })
		code, _ := totp.GenerateCode(secret, later)
		r := c.PostForm("/auth/second-factor/totp", url.Values{"code": {code}, "next": {"/admin"}}).Expect(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/admin" {
			t.Errorf("after the code went to %q", loc)
		}
		c.Get("/admin").Expect(t, http.StatusOK)
		// The same code again, in another session, is refused: it was used.
		other := a.Client(t)
		staffSignIn(t, a, m, other, "/admin", nil)
		other.Get("/auth/second-factor?next=/admin").Expect(t, http.StatusOK)
		other.PostForm("/auth/second-factor/totp", url.Values{"code": {code}, "next": {"/admin"}}).Expect(t, http.StatusUnprocessableEntity)
	})
}

// TestRecoveryCodesSingleUse proves the second factor with a recovery code
// once; the same code is refused the second time, in any case or spacing.
func TestRecoveryCodesSingleUse(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		a, m := staffApp(t, engine, nil)
		first := a.Client(t)
		staffSignIn(t, a, m, first, "/admin", nil)
		_, codes := setUpTOTP(t, first)

		c := a.Client(t)
		staffSignIn(t, a, m, c, "/admin", nil)
		c.Get("/auth/second-factor?next=/admin").Expect(t, http.StatusOK)
		c.PostForm("/auth/second-factor/recovery", url.Values{"recovery": {strings.ToUpper(codes[3])}, "next": {"/admin"}}).
			Expect(t, http.StatusSeeOther)
		c.Get("/admin").Expect(t, http.StatusOK)

		again := a.Client(t)
		staffSignIn(t, a, m, again, "/admin", nil)
		again.Get("/auth/second-factor?next=/admin").Expect(t, http.StatusOK)
		r := again.PostForm("/auth/second-factor/recovery", url.Values{"recovery": {codes[3]}, "next": {"/admin"}}).
			Expect(t, http.StatusUnprocessableEntity)
		if r.Doc.Find("#recovery-error").Length() == 0 {
			t.Error("a used recovery code shows no error")
		}
		expectFactorDue(t, again.Get("/admin"))
		boss, _ := a.Store.UserBySubject(ctx, "oidc", "sub-boss")
		if left, _ := a.Store.RecoveryCodesLeft(ctx, boss.ID); left != 9 {
			t.Errorf("%d codes left, want 9", left)
		}
		var stored []model.RecoveryCode
		a.Store.DB.Where("user_id = ?", boss.ID).Find(&stored)
		for _, rc := range stored {
			for _, code := range codes {
				if strings.Contains(rc.CodeHash, strings.ReplaceAll(code, "-", "")) {
					t.Fatal("a recovery code is stored as it is shown")
				}
			}
		}
	})
}

// TestOIDCAMRClaimHonoured signs an admin in through the in-process provider
// whose ID token says amr ["pwd","otp"], or an acr from PILCROW_OIDC_ACR_VALUES
// (which is then requested as acr_values): the admin panel opens at once.
func TestOIDCAMRClaimHonoured(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, m := staffApp(t, engine, map[string]string{"PILCROW_OIDC_ACR_VALUES": "urn:example:loa:mfa"})
		c := a.Client(t)
		r := staffSignIn(t, a, m, c, "/admin", func(cl jwt.MapClaims) { cl["amr"] = []string{"pwd", "otp"} })
		if loc := r.Header.Get("Location"); loc != "/admin" {
			t.Errorf("with amr otp the sign-in went to %q", loc)
		}
		c.Get("/admin").Expect(t, http.StatusOK)

		acr := a.Client(t)
		start := acr.Get("/auth/oidc?next=/admin").Expect(t, http.StatusFound)
		if got := mustParse(t, start.Header.Get("Location")).Query().Get("acr_values"); got != "urn:example:loa:mfa" {
			t.Errorf("acr_values requested = %q", got)
		}
		staffSignIn(t, a, m, acr, "/admin", func(cl jwt.MapClaims) { cl["acr"] = "urn:example:loa:mfa" })
		acr.Get("/admin").Expect(t, http.StatusOK)
	})
}

// TestOIDCAMRAbsentNeedsOwnFactor: an ID token whose amr says only "pwd", or
// whose acr is not configured, leaves the staff role waiting for Pilcrow's own factor.
func TestOIDCAMRAbsentNeedsOwnFactor(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, m := staffApp(t, engine, nil)
		for name, edit := range map[string]func(jwt.MapClaims){
			"password only":  func(cl jwt.MapClaims) { cl["amr"] = []string{"pwd"} },
			"acr not listed": func(cl jwt.MapClaims) { cl["acr"] = "urn:example:loa:high" },
			"amr not a list": func(cl jwt.MapClaims) { cl["amr"] = "mfa" },
		} {
			c := a.Client(t)
			expectFactorDue(t, staffSignIn(t, a, m, c, "/admin", edit))
			if r := c.Get("/admin"); r.StatusCode == http.StatusOK {
				t.Errorf("%s: the admin panel opened", name)
			}
		}
	})
}

// TestStaffSecondFactorRemovalNeedsAFreshFactor: on /account/second-factor a
// factor is removed only with a second factor proved in the last 15 minutes;
// both the set-up and the removal are audited, and the recovery codes go with
// the last factor.
func TestStaffSecondFactorRemovalNeedsAFreshFactor(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		a, m := staffApp(t, engine, nil)
		c := a.Client(t)
		staffSignIn(t, a, m, c, "/admin", nil)
		secret, _ := setUpTOTP(t, c)
		boss, _ := a.Store.UserBySubject(ctx, "oidc", "sub-boss")
		fs, _ := a.Store.SecondFactors(ctx, boss.ID)
		if len(fs) != 1 {
			t.Fatalf("factors = %+v", fs)
		}
		remove := "/account/second-factor/" + modItoa(fs[0].ID) + "/remove"

		later := mfaClock.Add(16 * time.Minute)
		a.Web.Sessions.SetClock(func() time.Time { return later })
		page := c.Get("/account/second-factor").Expect(t, http.StatusOK)
		if page.Doc.Find(`form[action="`+remove+`"]`).Length() != 0 {
			t.Error("a stale factor is offered a remove button")
		}
		expectFactorDue(t, c.PostForm(remove, nil))

		code, _ := totp.GenerateCode(secret, later)
		c.Get("/auth/second-factor?next=/account/second-factor").Expect(t, http.StatusOK)
		c.PostForm("/auth/second-factor/totp", url.Values{"code": {code}, "next": {"/account/second-factor"}}).Expect(t, http.StatusSeeOther)
		c.Get("/account/second-factor").Expect(t, http.StatusOK)
		c.PostForm(remove, nil).Expect(t, http.StatusSeeOther)
		if fs, _ := a.Store.SecondFactors(ctx, boss.ID); len(fs) != 0 {
			t.Errorf("factors after removal = %+v", fs)
		}
		if left, _ := a.Store.RecoveryCodesLeft(ctx, boss.ID); left != 0 {
			t.Errorf("%d recovery codes outlived the last factor", left)
		}
		for _, action := range []string{"user.factor.add", "user.factor.remove"} {
			var n int64
			a.Store.DB.Model(&model.AuditEntry{}).Where("action = ? AND actor_id = ?", action, boss.ID).Count(&n)
			if n != 1 {
				t.Errorf("%d %s audit entries, want 1", n, action)
			}
		}
	})
}

// TestStaffSecondFactorPagesInWelsh: the set-up and challenge pages speak Welsh
// when it is chosen.
func TestStaffSecondFactorPagesInWelsh(t *testing.T) {
	a, m := staffApp(t, store.SQLite, map[string]string{"PILCROW_LANGUAGES": "en,cy"})
	c := a.Client(t)
	staffSignIn(t, a, m, c, "/admin", nil)
	for path, want := range map[string]string{
		"/account/second-factor?lang=cy":      "Ail ffactor",
		"/account/second-factor/totp?lang=cy": "Gosod ap dilysu",
	} {
		r := c.Get(path).Expect(t, http.StatusOK)
		if h1 := strings.TrimSpace(r.Doc.Find("h1:not([tabindex])").First().Text()); h1 != want {
			t.Errorf("%s: h1 %q, want %q", path, h1, want)
		}
		if lang, _ := r.Doc.Find("html").Attr("lang"); lang != "cy" {
			t.Errorf("%s: lang %q", path, lang)
		}
	}
}
