// Package testutil holds what the test suites share: databases on both engines,
// a running application, an HTTP client that keeps cookies and CSRF tokens, and
// fixtures built as typed Go values.
package testutil

import (
	"testing"

	"pilcrow/app/testutil/need"
)

// Required reports whether PILCROW_TEST_REQUIRE names the dependency.
func Required(name string) bool { return need.Required(name) }

// Unavailable skips the test, or fails it when PILCROW_TEST_REQUIRE names the dependency.
func Unavailable(t testing.TB, name, reason string) {
	t.Helper()
	need.Unavailable(t, name, reason)
}
