// Package need decides whether a test that lacks an outside dependency (PostgreSQL,
// Chromium, pdftotext) skips or fails. It imports nothing of Pilcrow, so the tests of
// any package, even one the application imports, can use it without a cycle.
package need

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// Required reports whether PILCROW_TEST_REQUIRE names the dependency, in which case
// a test that cannot reach it must fail rather than skip.
func Required(name string) bool {
	return slices.Contains(strings.Split(os.Getenv("PILCROW_TEST_REQUIRE"), ","), name)
}

// Unavailable skips the test, or fails it when PILCROW_TEST_REQUIRE names the
// dependency, so that CI never passes by silently skipping.
func Unavailable(t testing.TB, name, reason string) {
	t.Helper()
	if Required(name) {
		t.Fatalf("%s is required by PILCROW_TEST_REQUIRE but unavailable: %s", name, reason)
	}
	t.Skipf("%s unavailable: %s", name, reason)
}
