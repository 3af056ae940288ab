// Package dovecottest finds Debian's Dovecot and prepares the directory a
// throw-away Dovecot runs in, for the tests that start one on loopback
// (the IMAP scans, the milter's SASL submission).
package dovecottest

import (
	"os"
	"os/exec"
	"testing"

	"github.com/mekiki/mekiki/internal/integration"
)

// Binary returns the dovecot binary, or skips (fails under
// MEKIKI_REQUIRE_INTEGRATION=1) naming pkg, the Debian package to
// install, when there is none.
func Binary(t *testing.T, pkg string) string {
	t.Helper()
	bin, err := exec.LookPath("dovecot")
	if err == nil {
		return bin
	}
	if _, err := os.Stat("/usr/sbin/dovecot"); err != nil {
		integration.RequireOrSkip(t, "dovecot is not installed (apt-get install "+pkg+")")
	}
	return "/usr/sbin/dovecot"
}

// Dir makes the directory the server runs in, removed when the test
// ends. Dovecot's auth process runs as its own user, and Postfix's smtpd
// as postfix, so the directory is reachable by others (t.TempDir's
// parent is private).
func Dir(t *testing.T, prefix string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}
