package auth

import (
	"strings"
	"testing"
)

// TestTOTPSecretSealedAtRest: a sealed secret hides the plain one, opens only
// for its own account, opens under a previous session secret (asking to be
// sealed again), and a plain secret from before encryption reads as it is.
func TestTOTPSecretSealedAtRest(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	oldKey := []byte("old-secret-old-secret-old-secret-0123")
	old, err := newTOTPSealer(oldKey)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := old.seal(7, secret)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sealed, sealedPrefix) || strings.Contains(sealed, secret) {
		t.Fatalf("sealed secret %q", sealed)
	}
	if got, stale, err := old.open(7, sealed); err != nil || got != secret || stale {
		t.Errorf("open = %q, %t, %v", got, stale, err)
	}
	if _, _, err := old.open(8, sealed); err == nil {
		t.Error("a secret sealed for account 7 opened for account 8")
	}
	rotated, _ := newTOTPSealer([]byte("new-secret-new-secret-new-secret-0123"), oldKey)
	if got, stale, err := rotated.open(7, sealed); err != nil || got != secret || !stale {
		t.Errorf("after rotation open = %q, %t, %v; want the secret, to be sealed again", got, stale, err)
	}
	fresh, _ := newTOTPSealer([]byte("new-secret-new-secret-new-secret-0123"))
	if _, _, err := fresh.open(7, sealed); err == nil {
		t.Error("a secret sealed under a forgotten session secret opened")
	}
	if got, stale, err := fresh.open(7, secret); err != nil || got != secret || !stale {
		t.Errorf("plain secret open = %q, %t, %v", got, stale, err)
	}
}
