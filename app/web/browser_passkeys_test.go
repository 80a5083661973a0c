package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
	"pilcrow/app/testutil/browser"
)

// virtualAuthenticator gives the tab a platform authenticator (CTAP2, internal
// transport, resident keys, user verification) that answers at once.
func virtualAuthenticator() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, webauthn.Enable, webauthn.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{
			Options: &webauthn.VirtualAuthenticatorOptions{Protocol: webauthn.AuthenticatorProtocolCtap2,
				Transport: webauthn.AuthenticatorTransportInternal, HasResidentKey: true, HasUserVerification: true,
				IsUserVerified: true, AutomaticPresenceSimulation: true}})
		return err
	})
}

// TestPasskeyRegistrationAndSignInInChromium signs an admin in through the
// provider, with no second factor, in Chromium with a virtual authenticator:
// the admin is led to add a passkey, sees the recovery codes once, reaches the
// admin panel, then signs out and in again and proves the passkey. axe checks
// every second-factor page on the way.
func TestPasskeyRegistrationAndSignInInChromium(t *testing.T) {
	m := startMockOIDC(t, nil)
	a := testutil.NewLocalhostApp(t, store.SQLite, oidcEnv(m, map[string]string{"PILCROW_ADMIN_EMAILS": "boss@example.com"}))
	b := browser.New(t)
	text := func(sel string) string { return strings.TrimSpace(browser.Get(t, b, chromedp.Text(chromedp.CSS(sel)))) }
	b.Run(t, virtualAuthenticator())

	m.QueueUser(claimsUser{sub: "sub-boss", email: "boss@example.com", verified: true})
	b.Run(t, chromedp.Navigate(a.URL+"/auth/oidc?next=/admin"), chromedp.WaitVisible(chromedp.CSS("#add-passkey")))
	if loc := browser.Get(t, b, chromedp.Location()); !strings.Contains(loc, "/account/second-factor") {
		t.Fatalf("after a staff sign-in without a second factor the browser is on %s", loc)
	}
	b.CheckAccessibility(t)

	b.Run(t, chromedp.SendKeys(chromedp.CSS("#passkey-name"), "Test laptop"),
		chromedp.Click(chromedp.CSS("#add-passkey")), chromedp.WaitVisible(chromedp.CSS("#passkey-codes")))
	if n := browser.Get(t, b, chromedp.Evaluate[int](`document.querySelectorAll("#recovery-codes li").length`)); n != 10 {
		t.Errorf("%d recovery codes shown, want 10", n)
	}
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click(chromedp.CSS("#codes-continue")), chromedp.WaitNotPresent(chromedp.CSS("#codes-continue")),
		chromedp.WaitVisible(chromedp.CSS("h1")))
	if loc := browser.Get(t, b, chromedp.Location()); !strings.HasSuffix(loc, "/admin") {
		t.Fatalf("after adding a passkey the browser is on %s, want /admin", loc)
	}
	boss, err := a.Store.UserBySubject(context.Background(), "oidc", "sub-boss")
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := a.Store.SecondFactors(context.Background(), boss.ID)
	if len(fs) != 1 || fs[0].Kind != model.FactorPasskey || fs[0].Name != "Test laptop" {
		t.Fatalf("factors = %+v", fs)
	}

	// The factors page and the TOTP set-up page, reached with a fresh factor.
	b.Run(t, chromedp.Navigate(a.URL+"/account/second-factor"), chromedp.WaitVisible(chromedp.CSS("#factor-list")))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Navigate(a.URL+"/account/second-factor/totp"), chromedp.WaitVisible(chromedp.CSS("#totp-secret")))
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Navigate(a.URL+"/admin/role-confirmations"), chromedp.WaitVisible(chromedp.CSS("h1")))
	b.CheckAccessibility(t)

	// Out and in again: the passkey proves the second factor.
	b.Run(t, chromedp.Navigate(a.URL+"/account"), chromedp.WaitVisible(chromedp.CSS(`form[action="/auth/logout"] button`)),
		chromedp.Click(chromedp.CSS(`form[action="/auth/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.govuk-service-navigation a[href^="/auth/sign-in"]`)))
	m.QueueUser(claimsUser{sub: "sub-boss", email: "boss@example.com", verified: true})
	b.Run(t, chromedp.Navigate(a.URL+"/auth/oidc?next=/admin"), chromedp.WaitVisible(chromedp.CSS("#use-passkey")))
	if h1 := text("h1"); h1 != "Confirm it’s you" {
		t.Errorf("challenge h1 = %q", h1)
	}
	b.CheckAccessibility(t)
	b.Run(t, chromedp.Click(chromedp.CSS("#use-passkey")), chromedp.WaitNotPresent(chromedp.CSS("#use-passkey")),
		chromedp.WaitVisible(chromedp.CSS("h1")))
	if loc := browser.Get(t, b, chromedp.Location()); !strings.HasSuffix(loc, "/admin") {
		t.Errorf("after the passkey the browser is on %s, want /admin", loc)
	}
}
