// Package integration is the rule for tests that need a real server or
// program (Dovecot, Postfix, Chromium): they skip with the reason when it
// is absent, and fail when MEKIKI_REQUIRE_INTEGRATION=1, which .ci/run
// sets after installing them.
package integration

import (
	"os"
	"testing"
)

// RequireOrSkip skips t because of why, or fails it in CI.
func RequireOrSkip(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("MEKIKI_REQUIRE_INTEGRATION") == "1" {
		t.Fatalf("integration test cannot run: %s", why)
	}
	t.Skipf("skipped: %s (set up by .ci/run; MEKIKI_REQUIRE_INTEGRATION=1 makes this a failure)", why)
}
