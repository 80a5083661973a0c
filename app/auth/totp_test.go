package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// TestTOTPCodeWindowAtFixedClock: a code is accepted in its own 30-second
// period and one either side, never further, and says which period it is.
func TestTOTPCodeWindowAtFixedClock(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 30, 10, 0, time.UTC)
	secret := "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	for _, tc := range []struct {
		name   string
		offset time.Duration
		ok     bool
	}{
		{"this period", 0, true},
		{"the previous period", -30 * time.Second, true},
		{"the next period", 30 * time.Second, true},
		{"two periods ago", -60 * time.Second, false},
		{"two periods ahead", 60 * time.Second, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := now.Add(tc.offset)
			code, err := totp.GenerateCode(secret, at)
			if err != nil {
				t.Fatal(err)
			}
			step, ok := matchTOTP(secret, code[:3]+" "+code[3:], now)
			if ok != tc.ok || (ok && step != at.Unix()/totpPeriod) {
				t.Errorf("matchTOTP = %d, %t; want %t at step %d", step, ok, tc.ok, at.Unix()/totpPeriod)
			}
		})
	}
	if _, ok := matchTOTP(secret, "12345", now); ok {
		t.Error("a five-digit code was accepted")
	}
}

// TestRecoveryCodesSingleUseHashing: codes are 80-bit, distinct, and hash the
// same whatever the case, spaces and hyphens they are typed with.
func TestRecoveryCodesSingleUseHashing(t *testing.T) {
	seen := map[string]bool{}
	for range RecoveryCodeCount {
		c, err := newRecoveryCode()
		if err != nil {
			t.Fatal(err)
		}
		if len(c) != 19 || seen[c] {
			t.Fatalf("code %q", c)
		}
		seen[c] = true
		if hashRecoveryCode(c) != hashRecoveryCode(" "+strings.ToUpper(c)+" ") || hashRecoveryCode(c) == c {
			t.Errorf("code %q hashes differently when typed in capitals", c)
		}
	}
}
