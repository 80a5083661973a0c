package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// accountID returns the id of the account signed in with the email.
func accountID(t *testing.T, a *testutil.TestApp, email string) int64 {
	t.Helper()
	u, err := a.Store.UserBySubject(context.Background(), "dev", email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// TestUsersPages searches accounts, changes a role, blocks and unblocks one, and
// checks that blocking signs the person out and stops them commenting.
func TestUsersPages(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "users", model.PostModeration)
		root := modClient(t, a, "Root", "admin")
		troll := modClient(t, a, "Troll", "citizen")
		modClient(t, a, "Helen", "citizen")
		trollID := accountID(t, a, "troll@example.test")
		user := "/admin/users/" + modItoa(trollID)

		r := root.Get("/admin/users?q=TROLL").Expect(t, http.StatusOK)
		if n := r.Doc.Find("#users tbody tr").Length(); n != 1 || !strings.Contains(r.Doc.Find("#users").Text(), "troll@example.test") {
			t.Errorf("search found %d rows: %s", n, testutil.Text(r))
		}
		if n := root.Get("/admin/users?q=%25").Doc.Find("#users tbody tr").Length(); n != 0 {
			t.Errorf("a %% search matched %d accounts, want none", n)
		}

		root.Get(user).Expect(t, http.StatusOK)
		r = root.PostForm(user+"/role", url.Values{"role": {"moderator"}}).Expect(t, http.StatusSeeOther)
		if got := root.Follow(r).Doc.Find("#current-role").Text(); got != "Moderator" {
			t.Errorf("role shown = %q", got)
		}
		root.PostForm(user+"/role", url.Values{"role": {"citizen"}}).Expect(t, http.StatusSeeOther)

		// The last admin cannot step down, nor be blocked by themselves.
		rootID := accountID(t, a, "root@example.test")
		root.Get("/admin/users/" + modItoa(rootID))
		r = root.PostForm("/admin/users/"+modItoa(rootID)+"/role", url.Values{"role": {"citizen"}}).Expect(t, http.StatusUnprocessableEntity)
		if r.Doc.Find(`.govuk-error-summary a[href="#role"]`).Length() != 1 {
			t.Errorf("no error for the last admin: %s", testutil.Text(r))
		}
		root.PostForm("/admin/users/"+modItoa(rootID)+"/block", url.Values{"reason": {"oops"}}).Expect(t, http.StatusUnprocessableEntity)

		// Blocking needs a reason, ends the sessions at once and stops commenting.
		troll.Get("/me").Expect(t, http.StatusOK)
		root.PostForm(user+"/block", url.Values{"reason": {""}}).Expect(t, http.StatusUnprocessableEntity)
		root.PostForm(user+"/block", url.Values{"reason": {"Abusive comments"}}).Expect(t, http.StatusSeeOther)
		if r := troll.Get("/me"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/auth/sign-in") {
			t.Errorf("blocked account still signed in: /me status %d", r.StatusCode)
		}
		// Signing in again is refused, so posting is too.
		troll.Get("/auth/dev")
		troll.PostForm("/auth/dev", url.Values{"name": {"Troll"}, "email": {"troll@example.test"}, "role": {"citizen"}}).Expect(t, http.StatusForbidden)
		troll.Get("/consultations/users/paragraphs/" + f.Paragraph(0).Key)
		r = troll.PostForm("/consultations/users/comments", url.Values{"paragraph": {f.Paragraph(0).Key}, "body": {"Still here"},
			"responding_as": {"individual"}, "publish": {"name"}})
		if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/auth/sign-in") {
			t.Errorf("blocked account posting: status %d, want 303 to sign in", r.StatusCode)
		}
		root.PostForm(user+"/unblock", nil).Expect(t, http.StatusSeeOther)
		if u, _ := a.Store.User(context.Background(), trollID); u.Blocked() {
			t.Error("still blocked after unblocking")
		}

		// Every change is in the audit log, filterable and exportable.
		r = root.Get("/admin/audit?target=user:"+modItoa(trollID)).Expect(t, http.StatusOK)
		var actions []string
		r.Doc.Find("#audit tbody tr").Each(func(_ int, s *goquery.Selection) { actions = append(actions, s.AttrOr("data-action", "")) })
		if strings.Join(actions, ",") != "user.unblock,user.block,user.role,user.role" {
			t.Errorf("audit actions, newest first = %v", actions)
		}
		if n := root.Get("/admin/audit?action=user.block&actor=root").Doc.Find("#audit tbody tr").Length(); n != 1 {
			t.Errorf("filtered by action and actor: %d rows, want 1", n)
		}
		if n := root.Get("/admin/audit?action=user.block&actor=helen").Doc.Find("#audit tbody tr").Length(); n != 0 {
			t.Errorf("filtered by another actor: %d rows, want 0", n)
		}
		root.Get("/admin/audit?from=yesterday").Expect(t, http.StatusUnprocessableEntity)
	})
}

// TestAuditCSV exports the filtered log with formula-like cells neutralised, and
// pages the log by keyset without gaps.
func TestAuditCSV(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		root := a.Client(t)
		root.SignIn(`=HYPERLINK("http://evil.example")`, "root@example.test", "admin")
		rootID := accountID(t, a, "root@example.test")
		ctx := context.Background()
		for i := range 120 {
			if err := a.Store.Audit(ctx, &rootID, "test.entry", "thing", modItoa(int64(i)), nil, map[string]any{"n": i}); err != nil {
				t.Fatal(err)
			}
		}
		r := root.Get("/admin/audit.csv?action=test.").Expect(t, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("Content-Type %q", ct)
		}
		// The rules of every sheet: a byte-order mark for Excel, CRLF line ends.
		if !strings.HasPrefix(r.Body, "\ufeffid,") || !strings.Contains(r.Body, "\r\n") {
			t.Errorf("audit CSV starts %q: no byte-order mark or CRLF", r.Body[:min(len(r.Body), 20)])
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 121 || rows[0][4] != "action" || rows[1][6] != "119" {
			t.Fatalf("%d rows, first %v, second %v", len(rows), rows[0], rows[1])
		}
		if actor := rows[1][3]; !strings.HasPrefix(actor, "'=") {
			t.Errorf("actor cell %q not neutralised", actor)
		}
		// Pages of 50, newest first, with nothing missed or repeated.
		seen := map[string]bool{}
		next := "/admin/audit?action=test."
		for next != "" {
			page := root.Get(next).Expect(t, http.StatusOK)
			page.Doc.Find("#audit tbody tr").Each(func(_ int, s *goquery.Selection) {
				id := s.AttrOr("data-target", "")
				if seen[id] {
					t.Errorf("entry %s twice", id)
				}
				seen[id] = true
			})
			next = page.Doc.Find(`a[rel="next"]`).AttrOr("href", "")
		}
		if len(seen) != 120 {
			t.Errorf("paged through %d entries, want 120", len(seen))
		}
	})
}
