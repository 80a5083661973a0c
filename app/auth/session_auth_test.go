package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"pilcrow/app/auth"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

func TestSessionCookie(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		u, err := st.UpsertUser(ctx, store.Identity{Provider: "dev", Subject: "s", Email: "s@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		for _, secure := range []bool{false, true} {
			s := auth.NewSessions(st, secure)
			w := httptest.NewRecorder()
			if err := s.Begin(ctx, w, httptest.NewRequest(http.MethodPost, "/auth/dev", nil), u.ID); err != nil {
				t.Fatal(err)
			}
			cookies := w.Result().Cookies()
			if len(cookies) != 1 {
				t.Fatalf("%d cookies", len(cookies))
			}
			c := cookies[0]
			wantName := map[bool]string{false: "pilcrow_session", true: "__Host-pilcrow_session"}[secure]
			if c.Name != wantName || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != secure || c.Path != "/" || len(c.Value) < 43 {
				t.Errorf("secure=%t: cookie %+v", secure, c)
			}
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.AddCookie(c)
			got, err := s.User(ctx, r)
			if err != nil || got == nil || got.ID != u.ID {
				t.Errorf("secure=%t: session user %v, %v", secure, got, err)
			}
			var n int64
			st.DB.Table("sessions").Where("token_hash = ?", c.Value).Count(&n)
			if n != 0 {
				t.Error("the database stores the token itself, not its hash")
			}
		}
	})
}
