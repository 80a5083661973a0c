package web_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// logBuffer collects JSON log lines written by the server's goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// events returns the logged security events of one kind.
func (b *logBuffer) events(t *testing.T, name string) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(b.buf.String(), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if m["event"] == name {
			out = append(out, m)
		}
	}
	return out
}

// expectEvent checks that at least one event of the kind was logged, with the
// fields every security event carries, by actor when actor is not 0; it
// returns the last one.
func expectEvent(t *testing.T, b *logBuffer, name string, actor int64) map[string]any {
	t.Helper()
	evs := b.events(t, name)
	if len(evs) == 0 {
		t.Fatalf("no %s event logged", name)
	}
	ev := evs[len(evs)-1]
	at, err := time.Parse(time.RFC3339Nano, ev["at"].(string))
	if err != nil || at.Location() != time.UTC {
		t.Errorf("%s: at %v is not UTC RFC 3339", name, ev["at"])
	}
	if ev["ip"] == "" || ev["request_id"] == "" {
		t.Errorf("%s: no address or request id: %v", name, ev)
	}
	if actor != 0 && int64(ev["actor"].(float64)) != actor {
		t.Errorf("%s: actor %v, want %d", name, ev["actor"], actor)
	}
	return ev
}

// TestSecurityEventsAreLogged drives each kind of security event through the
// real server and reads the log the app was built with.
func TestSecurityEventsAreLogged(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		var logs logBuffer
		m := startMockOIDC(t, nil)
		a := testutil.NewAppWithLog(t, engine, oidcEnv(m, nil), slog.New(slog.NewJSONHandler(&logs, nil)))
		a.Consult.ExportLimits = consult.ExportLimits{DownloadsPer10Minutes: 1, ReportsPerHour: 1}
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "events", model.PreModeration)

		admin := modClient(t, a, "EventsAdmin", "admin")
		adminID := accountID(t, a, "eventsadmin@example.test")
		expectEvent(t, &logs, "signin.success", adminID)

		citizen := modClient(t, a, "EventsCitizen", "citizen")
		citizenID := accountID(t, a, "eventscitizen@example.test")
		r := citizen.Get("/admin/users").Expect(t, http.StatusForbidden)
		denied := expectEvent(t, &logs, "authz.denied", citizenID)
		ref, _ := r.Doc.Find("[data-reference]").Attr("data-reference")
		if ref == "" || ref != denied["request_id"] || !strings.Contains(testutil.Text(r), ref) {
			t.Errorf("error page reference %q, logged request id %v", ref, denied["request_id"])
		}

		citizen.PostForm("/account/name", url.Values{"_csrf": {"forged"}, "name": {"X"}}).Expect(t, http.StatusForbidden)
		if ev := expectEvent(t, &logs, "csrf.denied", citizenID); ev["path"] != "/account/name" {
			t.Errorf("csrf event: %v", ev)
		}
		if len(logs.events(t, "authz.denied")) != 1 {
			t.Error("a CSRF refusal was also logged as an authorisation refusal")
		}

		target := "/admin/users/" + modItoa(citizenID)
		admin.PostForm(target+"/role", url.Values{"role": {"moderator"}}).Expect(t, http.StatusSeeOther)
		if ev := expectEvent(t, &logs, "user.role_changed", adminID); ev["target"].(float64) != float64(citizenID) || ev["role"] != "moderator" {
			t.Errorf("role event: %v", ev)
		}
		admin.PostForm(target+"/block", url.Values{"reason": {"Abuse of the service"}}).Expect(t, http.StatusSeeOther)
		expectEvent(t, &logs, "user.blocked", adminID)
		admin.PostForm(target+"/unblock", nil).Expect(t, http.StatusSeeOther)
		expectEvent(t, &logs, "user.unblocked", adminID)

		csv := "/admin/consultations/" + f.Consultation.Slug + "/export.csv"
		admin.Get(csv).Expect(t, http.StatusOK)
		if ev := expectEvent(t, &logs, "data.export", adminID); ev["path"] != csv {
			t.Errorf("export event: %v", ev)
		}
		admin.Get(csv).Expect(t, http.StatusTooManyRequests)
		if ev := expectEvent(t, &logs, "ratelimit.denied", adminID); ev["action"] != "export" {
			t.Errorf("rate-limit event: %v", ev)
		}

		anon := a.Client(t)
		r = anon.Get("/auth/oidc/callback?state=forged&code=forged").Expect(t, http.StatusBadRequest)
		failed := expectEvent(t, &logs, "signin.failure", 0)
		if failed["provider"] != "oidc" || failed["actor"].(float64) != 0 {
			t.Errorf("sign-in failure event: %v", failed)
		}
		if ref, _ := r.Doc.Find("[data-reference]").Attr("data-reference"); ref != failed["request_id"] {
			t.Errorf("sign-in error page reference %q, logged request id %v", ref, failed["request_id"])
		}
		if strings.Contains(logs.buf.String(), "forged&") {
			t.Error("the log holds the callback's code or state")
		}
	})
}

// TestSecurityEventsOfTheSecondFactor: a second factor proved and one refused
// are each logged, with the method and the account.
func TestSecurityEventsOfTheSecondFactor(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		var logs logBuffer
		m := startMockOIDC(t, nil)
		a := testutil.NewAppWithLog(t, engine, oidcEnv(m, map[string]string{"PILCROW_ADMIN_EMAILS": "boss@example.com"}),
			slog.New(slog.NewJSONHandler(&logs, nil)))
		a.Web.Sessions.SetClock(func() time.Time { return mfaClock })
		c := a.Client(t)
		staffSignIn(t, a, m, c, "/admin", nil)
		setUpTOTP(t, c)
		boss, err := a.Store.UserBySubject(t.Context(), "oidc", "sub-boss")
		if err != nil {
			t.Fatal(err)
		}
		if ev := expectEvent(t, &logs, "signin.second_factor", boss.ID); ev["method"] != "totp" {
			t.Errorf("second factor event: %v", ev)
		}
		again := a.Client(t)
		staffSignIn(t, a, m, again, "/admin", nil)
		again.Get("/auth/second-factor?next=/admin").Expect(t, http.StatusOK)
		again.PostForm("/auth/second-factor/totp", url.Values{"code": {"12345x"}, "next": {"/admin"}}).Expect(t, http.StatusUnprocessableEntity)
		if ev := expectEvent(t, &logs, "signin.second_factor_failure", boss.ID); ev["method"] != "totp" {
			t.Errorf("second factor failure event: %v", ev)
		}
	})
}
