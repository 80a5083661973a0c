package web_test

import (
	"net/http"
	"strings"
	"testing"

	"pilcrow/app/testutil"
)

// TestAuditLogWordsForSecondFactorActions: setting up an authenticator app
// reads in the audit log as plain sentences, in English and in Welsh, not as
// the action's name.
func TestAuditLogWordsForSecondFactorActions(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a, m := staffApp(t, engine, map[string]string{"PILCROW_LANGUAGES": "en,cy"})
		c := a.Client(t)
		staffSignIn(t, a, m, c, "/admin", nil)
		setUpTOTP(t, c)
		page := testutil.Text(c.Get("/admin/audit").Expect(t, http.StatusOK))
		if !strings.Contains(page, "Added a second factor: an authenticator app.") {
			t.Errorf("audit log lacks the factor in words: %s", page)
		}
		if strings.Contains(page, "user.factor.add") {
			t.Errorf("audit log shows the action's name: %s", page)
		}
		cy := testutil.Text(c.Get("/admin/audit?lang=cy").Expect(t, http.StatusOK))
		if !strings.Contains(cy, "Ychwanegwyd ail ffactor: ap dilysu.") {
			t.Errorf("Welsh audit log lacks the factor in words: %s", cy)
		}
	})
}
