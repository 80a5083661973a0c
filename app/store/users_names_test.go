package store_test

import (
	"strings"
	"testing"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// A provider's name is outside text: the account keeps a clean, bounded version
// of it, so control bytes and invalid UTF-8 never reach pages, feeds or exports
// (and PostgreSQL, which refuses invalid UTF-8, does not fail the sign-in).
func TestUpsertUserCleansProviderName(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		cases := []struct {
			name, given, email, want string
		}{
			{"plain", "Ada Lovelace", "ada@example.com", "Ada Lovelace"},
			{"control characters", "Bob\x01\x0b \x7f=SUM(1)\u0085", "bob@example.com", "Bob =SUM(1)"},
			{"line breaks become spaces", "Cy\r\nRus\tX", "cy@example.com", "Cy  Rus X"},
			{"invalid UTF-8", "D\xffe", "d@example.com", "D\uFFFDe"},
			{"too long", strings.Repeat("é", 300), "e@example.com", strings.Repeat("é", 100)},
			{"only controls falls back to the email", "\x01\x02", "fred@example.com", "fred"},
			{"nothing usable", "\x01", "\x02@example.com", "Anonymous"},
		}
		for _, tc := range cases {
			u, err := st.UpsertUser(t.Context(), store.Identity{Provider: "oidc", Subject: "s-" + tc.email, Email: tc.email, Name: tc.given})
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if u.DisplayName != tc.want {
				t.Errorf("%s: display name %q, want %q", tc.name, u.DisplayName, tc.want)
			}
		}
	})
}
