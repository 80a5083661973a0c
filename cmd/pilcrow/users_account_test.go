package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"pilcrow/app/auth"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

func TestUsersGrant(t *testing.T) {
	db := "sqlite://" + filepath.Join(t.TempDir(), "grant.db")
	t.Setenv("PILCROW_DATABASE_URL", db)
	ctx := context.Background()
	cases := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"bad role", []string{"users", "grant", "--email", "a@example.com", "--role", "superuser"}, "unknown role"},
		{"bad email", []string{"users", "grant", "--email", "not-an-email", "--role", "admin"}, "invalid email"},
		{"no verb", []string{"users"}, "usage"},
		{"unknown flag", []string{"users", "grant", "--mail", "a@example.com"}, "usage"},
		{"valid", []string{"users", "grant", "--email", "Boss@Example.com", "--role", "admin"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := run(ctx, tc.args)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(oneLine(err), "\n") {
				t.Errorf("err = %v, want one line containing %q", err, tc.wantErr)
			}
		})
	}
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.UserBySubject(ctx, auth.PlaceholderProvider, "boss@example.com")
	if err != nil || u.Role != model.RoleAdmin {
		t.Fatalf("placeholder = %+v, %v", u, err)
	}
}
