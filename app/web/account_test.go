package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

func TestAccountPage(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		anon := a.Client(t)
		if r := anon.Get("/account"); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/auth/sign-in?next=%2Faccount" {
			t.Errorf("anonymous /account: %d %s", r.StatusCode, r.Header.Get("Location"))
		}
		c := a.Client(t)
		c.SignIn("Ann", "ann@example.com", "analyst")
		r := c.Get("/account").Expect(t, http.StatusOK)
		if r.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control = %q", r.Header.Get("Cache-Control"))
		}
		for _, want := range []string{"Development sign-in", "ann@example.com", "Analyst", "Sign out"} {
			if !strings.Contains(testutil.Text(r), want) {
				t.Errorf("account page lacks %q", want)
			}
		}
		if v, _ := r.Doc.Find("input#name").Attr("value"); v != "Ann" {
			t.Errorf("name field = %q", v)
		}

		bad := []struct{ name, value string }{
			{"empty", "   "},
			{"too long", strings.Repeat("x", 101)},
			{"control character", "Ann\u0007"},
			{"newline", "Ann\nSmith"},
			{"invalid UTF-8", "Ann\xff"},
		}
		for _, tc := range bad {
			t.Run(tc.name, func(t *testing.T) {
				r := c.PostForm("/account/name", url.Values{"name": {tc.value}}).Expect(t, http.StatusUnprocessableEntity)
				if r.Doc.Find(".govuk-error-summary a[href='#name']").Length() != 1 || r.Doc.Find("#name-error").Length() != 1 {
					t.Error("no error summary linked to the name field")
				}
			})
		}
		r = c.PostForm("/account/name", url.Values{"name": {"  Ann Other  "}}).Expect(t, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != "/account?saved=1" {
			t.Errorf("redirect to %q", loc)
		}
		if r := c.Follow(r); r.Doc.Find(".govuk-notification-banner--success").Length() != 1 {
			t.Error("no success banner")
		}
		u, _ := a.Store.UserBySubject(context.Background(), "dev", "ann@example.com")
		if u.DisplayName != "Ann Other" {
			t.Errorf("display name = %q", u.DisplayName)
		}
	})
}

func TestSignInPageListsConfiguredProviders(t *testing.T) {
	m := startMockOIDC(t, nil)
	env := oidcEnv(m, map[string]string{"PILCROW_GITHUB_KEY": "k", "PILCROW_GITHUB_SECRET": "s", "PILCROW_OIDC_NAME": "GOV.UK One Login"})
	a := testutil.NewApp(t, store.SQLite, env)
	r := a.Client(t).Get("/auth/sign-in?next=/consultations/plan").Expect(t, http.StatusOK)
	got := r.Doc.Find(".pc-provider-list a.govuk-button").Map(func(_ int, s *goquery.Selection) string {
		return strings.TrimSpace(s.Text())
	})
	if strings.Join(got, "|") != "Sign in with GitHub|Sign in with GOV.UK One Login" {
		t.Errorf("buttons = %q", got)
	}
	href, _ := r.Doc.Find(".pc-provider-list a").Last().Attr("href")
	if u := mustParse(t, href); u.Path != "/auth/oidc" || u.Query().Get("next") != "/consultations/plan" {
		t.Errorf("OpenID Connect button links to %q", href)
	}
	// GitHub's authorisation URL carries our state and a PKCE challenge.
	loc := a.Client(t).Get("/auth/github").Expect(t, http.StatusFound).Header.Get("Location")
	q := mustParse(t, loc).Query()
	if !strings.HasPrefix(loc, "https://github.com/login/oauth/authorize?") || q.Get("state") == "" || q.Get("code_challenge_method") != "S256" ||
		q.Get("redirect_uri") != a.URL+"/auth/github/callback" {
		t.Errorf("GitHub authorisation URL = %s", loc)
	}
}
