// Package testutil holds what the test suites share: databases on both engines,
// a running application, an HTTP client that keeps cookies and CSRF tokens, and
// fixtures built as typed Go values.
package testutil

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
