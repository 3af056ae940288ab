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

// TestTextNamesBrands: the text summary names brands as readers know
// them, in the reader's language, not by their ids.
func TestTextNamesBrands(t *testing.T) {
	s := &Summary{Verdicts: map[string]int{}, Findings: tally{}, Brands: tally{"amazon": 2}, Domains: tally{}, Networks: tally{}}
	var ja, en strings.Builder
	s.WriteTextIn(&ja, "ja")
	s.WriteTextIn(&en, "en")
	if !strings.Contains(ja.String(), "Amazon（アマゾン）") || strings.Contains(ja.String(), " amazon\n") || !strings.Contains(en.String(), "  Amazon\n") {
		t.Errorf("ja:\n%s\nen:\n%s", ja.String(), en.String())
	}
}
