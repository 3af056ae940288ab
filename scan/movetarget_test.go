package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
)

// TestMaildirMoveNeverNestsTheTarget: a message already in the Maildir++
// folder the actions move to stays there; nothing is moved into
// .Junk/.Junk.
func TestMaildirMoveNeverNestsTheTarget(t *testing.T) {
	md := filepath.Join(t.TempDir(), "Maildir")
	for _, d := range []string{"cur", "new", "tmp", ".Junk/cur", ".Junk/new", ".Junk/tmp"} {
		os.MkdirAll(filepath.Join(md, d), 0o700)
	}
	in := filepath.Join(md, ".Junk", "new", "1700000001.2.host")
	os.WriteFile(in, []byte(phishMail(1, "hanako@example-corp.co.jp")), 0o600)
	act := &Actions{MoveTo: "Junk", On: "phishing", Apply: true}
	act.Note(Result{Loc: Location{Kind: "maildir", Path: in, Maildir: filepath.Join(md, ".Junk")}, Report: &mekiki.Report{Verdict: "phishing"}})
	var out strings.Builder
	if err := act.Run(&out, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(in); err != nil {
		t.Errorf("the message left .Junk: %q", out.String())
	}
	if _, err := os.Stat(filepath.Join(md, ".Junk", ".Junk")); err == nil {
		t.Errorf(".Junk/.Junk was created: %q", out.String())
	}
}
