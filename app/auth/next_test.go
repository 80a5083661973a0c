package auth

import "testing"

func TestSafeNext(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "/"},
		{"/", "/"},
		{"/consultations/plan", "/consultations/plan"},
		{"/consultations/plan?tab=2#p-abc", "/consultations/plan?tab=2#p-abc"},
		{"/me", "/me"},
		{"//evil.example", "/"},
		{"///evil.example", "/"},
		{"https://evil.example", "/"},
		{"http://localhost:8080/account", "/"},
		{"/\\evil.example", "/"},
		{"\\\\evil.example", "/"},
		{"%2F%2Fevil.example", "/"},
		{"/%2F/evil.example", "/"},
		{"/%5Cevil.example", "/"},
		{"%252F%252Fevil.example", "/"},
		{"%25252F%25252Fevil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"data:text/html,hi", "/"},
		{"/%0d%0aSet-Cookie:x=y", "/"},
		{"/\t/evil.example", "/"},
		{"/a\x00b", "/"},
		{"evil.example", "/"},
		{"/auth/sign-in", "/"},
		{"/auth/oidc/callback?code=x", "/"},
		{"/%61uth/dev", "/"},
		{"/%zz", "/"},
		{"/" + string(make([]byte, 3000)), "/"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			if got := SafeNext(tc.in); got != tc.want {
				t.Errorf("SafeNext(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
