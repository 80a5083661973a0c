package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"pilcrow/app/testutil"
)

// TestBlockedBannerEndsWhenUnblocked: the banner a refused sign-in leaves in
// the browser shows while the account is blocked, and goes, cookie and all,
// on the next page after an admin unblocks the account, without signing in.
func TestBlockedBannerEndsWhenUnblocked(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		ctx := context.Background()
		modClient(t, a, "Root", "admin")
		root, _ := a.Store.User(ctx, accountID(t, a, "root@example.test"))
		modClient(t, a, "Cai", "citizen")
		cai := accountID(t, a, "cai@example.test")
		if err := a.Consult.Block(ctx, root, cai, "Abusive comments about staff"); err != nil {
			t.Fatal(err)
		}
		cl := a.Client(t)
		cl.Get("/auth/dev")
		cl.PostForm("/auth/dev", url.Values{"name": {"Cai"}, "email": {"cai@example.test"}, "role": {"citizen"}}).Expect(t, http.StatusForbidden)
		if cl.Get("/").Expect(t, http.StatusOK).Doc.Find("#blocked-banner").Length() != 1 {
			t.Fatal("no banner while the account is blocked")
		}

		if err := a.Consult.Unblock(ctx, root, cai); err != nil {
			t.Fatal(err)
		}
		if cl.Get("/").Expect(t, http.StatusOK).Doc.Find("#blocked-banner").Length() != 0 {
			t.Error("the banner still shows after the account was unblocked")
		}
		u, _ := url.Parse(a.URL)
		for _, ck := range cl.HTTP.Jar.Cookies(u) {
			if ck.Name == "pilcrow_blocked" {
				t.Error("the blocked-notice cookie outlived the unblock")
			}
		}
		if cl.Get("/privacy").Expect(t, http.StatusOK).Doc.Find("#blocked-banner").Length() != 0 {
			t.Error("the banner came back on a later page")
		}
	})
}
