package auth

import (
	"context"
	"errors"
	"testing"

	"github.com/markbates/goth/providers/microsoftonline"
)

// TestIdentityKeyMicrosoftTenantAndObject keys a Microsoft account on tid and
// oid from the ID token, and refuses a token without them or for another object.
func TestIdentityKeyMicrosoftTenantAndObject(t *testing.T) {
	f, err := NewFlow()
	if err != nil {
		t.Fatal(err)
	}
	me := map[string]any{"id": "0b1d", "mail": "x@example.com", "displayName": "X"}
	for _, tc := range []struct {
		name  string
		claim map[string]any
		want  string
	}{
		{"tenant and object", map[string]any{"tid": "9aa1", "oid": "0B1D"}, "9aa1/0b1d"},
		{"same object in another tenant is another account", map[string]any{"tid": "ffff", "oid": "0b1d"}, "ffff/0b1d"},
		{"no tenant", map[string]any{"oid": "0b1d"}, ""},
		{"another object than the profile", map[string]any{"tid": "9aa1", "oid": "other"}, ""},
		{"no ID token", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			profiles := map[string]any{"/v1.0/me": me}
			if tc.claim != nil {
				profiles["id_token"] = tc.claim
			}
			c := fakeProviders(t, f, profiles)
			gp := microsoftonline.New("k", "s", "http://localhost/auth/microsoftonline/callback")
			gp.HTTPClient = c
			id, err := newMicrosoft(gp, microsoftTokenURL, c).exchange(context.Background(), "good-code", f)
			if tc.want == "" {
				if !errors.Is(err, ErrIdentity) {
					t.Fatalf("identity %+v, err %v: want ErrIdentity", id, err)
				}
				return
			}
			if err != nil || id.Subject != tc.want {
				t.Fatalf("subject %q (%v), want %q", id.Subject, err, tc.want)
			}
		})
	}
}
