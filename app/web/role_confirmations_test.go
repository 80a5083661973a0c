package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// TestIdentityKeySecondProviderConfirmedByAdmin: the boss's email, already an
// admin's at the development sign-in, arrives verified from the OpenID Connect
// provider. The new account signs in as a citizen; an admin sees the waiting
// role in user admin and confirms it, which is audited.
func TestIdentityKeySecondProviderConfirmedByAdmin(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		a, m := staffApp(t, engine, nil)
		admin := a.Client(t)
		admin.SignIn("Boss", "boss@example.com", "admin")

		c := a.Client(t)
		staffSignIn(t, a, m, c, "/", nil)
		second, err := a.Store.UserBySubject(ctx, "oidc", "sub-boss")
		if err != nil || second.Role != model.RoleCitizen {
			t.Fatalf("second provider account = %+v, %v", second, err)
		}

		page := admin.Get("/admin/role-confirmations").Expect(t, http.StatusOK)
		rows := page.Doc.Find("#role-confirmations tbody tr")
		if rows.Length() != 1 {
			t.Fatalf("%d waiting roles listed, want 1: %s", rows.Length(), testutil.Text(page))
		}
		id, _ := rows.First().Attr("data-confirmation-id")
		c.PostForm("/admin/role-confirmations/"+id, url.Values{"decision": {"confirm"}}).Expect(t, http.StatusForbidden)
		admin.PostForm("/admin/role-confirmations/"+id, url.Values{"decision": {"confirm"}}).Expect(t, http.StatusSeeOther)
		if u, _ := a.Store.User(ctx, second.ID); u.Role != model.RoleAdmin {
			t.Errorf("after confirmation the account is %s", u.Role)
		}
		admin.PostForm("/admin/role-confirmations/"+id, url.Values{"decision": {"refuse"}}).Expect(t, http.StatusConflict)
		var audited int64
		a.Store.DB.Model(&model.AuditEntry{}).Where("action = ? AND target_id = ?", "user.role.confirmation", modItoa(second.ID)).Count(&audited)
		if audited != 1 {
			t.Errorf("%d audit entries for the decision, want 1", audited)
		}
		if r := admin.Get("/admin/role-confirmations").Expect(t, http.StatusOK); r.Doc.Find("#no-confirmations").Length() != 1 {
			t.Error("the decided role is still listed")
		}
	})
}
