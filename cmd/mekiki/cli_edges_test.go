package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maildirWith makes a Maildir holding the team's phishing mail in new/.
func maildirWith(t *testing.T) string {
	t.Helper()
	md := filepath.Join(t.TempDir(), "Maildir")
	for _, d := range []string{"cur", "new", "tmp"} {
		os.MkdirAll(filepath.Join(md, d), 0o700)
	}
	b, err := os.ReadFile("../../testdata/phish-iso2022jp-amazon.eml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(md, "new", "1700000001.2.host"), b, 0o600)
	return md
}

// TestScanMoveToTwiceStaysPut: a second run of --move-to Junk --apply
// leaves the mail the first run moved where it is; the scan does not
// walk into its own move target, and no .Junk/.Junk appears.
func TestScanMoveToTwiceStaysPut(t *testing.T) {
	md := maildirWith(t)
	moved := filepath.Join(md, ".Junk", "new", "1700000001.2.host")
	for run := 1; run <= 2; run++ {
		code, out, errOut := runCLI("", "scan", "--move-to", "Junk", "--apply", "--lang", "en", md)
		if errOut != "" {
			t.Fatalf("run %d: exit %d, stderr %q\n%s", run, code, errOut, out)
		}
		if _, err := os.Stat(moved); err != nil {
			t.Errorf("run %d: the mail is not in .Junk/new: %v\n%s", run, err, out)
		}
		if run == 2 && (strings.Contains(out, "phishing ") && !strings.Contains(out, "0 messages")) {
			t.Errorf("run 2 judged the moved mail again:\n%s", out)
		}
	}
	if _, err := os.Stat(filepath.Join(md, ".Junk", ".Junk")); err == nil {
		t.Error("a second run created .Junk/.Junk")
	}
}

// TestScanKeywordOnMaildirFailsAtOnce: --keyword works on IMAP only; on
// a Maildir the scan refuses before reading anything.
func TestScanKeywordOnMaildirFailsAtOnce(t *testing.T) {
	md := maildirWith(t)
	code, out, errOut := runCLI("", "scan", "--keyword", "$Phishing", md)
	if code != exitError || out != "" || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, "IMAP") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

// TestScanNothingReadable: a scan in which no message could be read
// exits with the error status, with one sentence on standard error.
func TestScanNothingReadable(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.eml"), nil, 0o600)
	os.WriteFile(filepath.Join(dir, "broken.mbox.gz"), []byte{0x1f, 0x8b, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p'}, 0o600)
	code, out, errOut := runCLI("", "scan", dir)
	if code != exitError || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || errOut == "" {
		t.Errorf("exit %d, stderr %q\n%s", code, errOut, out)
	}
	// The broken gzip inside the tree is counted, not skipped silently.
	if !strings.Contains(out, "broken.mbox.gz") {
		t.Errorf("the unreadable gzip is not listed:\n%s", out)
	}
	// One readable mail among them: the scan is a scan.
	b, _ := os.ReadFile("../../testdata/legit-amazon-order.eml")
	os.WriteFile(filepath.Join(dir, "ok.eml"), b, 0o600)
	if code, out, errOut := runCLI("", "scan", dir); code != 0 || errOut != "" {
		t.Errorf("with one readable mail: exit %d, stderr %q\n%s", code, errOut, out)
	}
}

// TestScanTextInBothLanguages: the text output is Japanese by default
// and English with --lang en, summary and campaigns included.
func TestScanTextInBothLanguages(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"phish-iso2022jp-amazon.eml", "legit-amazon-order.eml"} {
		b, _ := os.ReadFile(filepath.Join("../../testdata", f))
		os.WriteFile(filepath.Join(dir, f), b, 0o600)
	}
	os.WriteFile(filepath.Join(dir, "empty.eml"), nil, 0o600)
	_, ja, _ := runCLI("", "scan", "--campaigns", dir)
	for _, w := range []string{"フィッシング", "通", "読めなかった", "キャンペーン", "エラー"} {
		if !strings.Contains(ja, w) {
			t.Errorf("ja output lacks %q:\n%s", w, ja)
		}
	}
	for _, w := range []string{"messages", "unreadable", "campaigns:", "top findings", "error "} {
		if strings.Contains(ja, w) {
			t.Errorf("ja output has the English %q:\n%s", w, ja)
		}
	}
	_, en, _ := runCLI("", "scan", "--campaigns", "--lang", "en", dir)
	for _, w := range []string{"phishing", "3 messages", "unreadable", "campaigns:", "error"} {
		if !strings.Contains(en, w) {
			t.Errorf("en output lacks %q:\n%s", w, en)
		}
	}
	if code, _, errOut := runCLI("", "scan", "--lang", "fr", dir); code != exitError || errOut == "" {
		t.Errorf("--lang fr: exit %d", code)
	}
}

// TestEverySubcommandHelp: -h and --help exit 0 on every subcommand and
// print its flags; the top-level usage names every subcommand.
func TestEverySubcommandHelp(t *testing.T) {
	cmds := []struct {
		args  []string
		flags bool
	}{
		{[]string{"analyze"}, true}, {[]string{"show"}, true}, {[]string{"url"}, true},
		{[]string{"feeds"}, true}, {[]string{"feeds", "import"}, true}, {[]string{"feeds", "stats"}, true}, {[]string{"feeds", "update"}, true},
		{[]string{"eval"}, true}, {[]string{"scan"}, true}, {[]string{"bench"}, true},
		{[]string{"serve"}, true}, {[]string{"milter"}, true},
		{[]string{"report"}, true}, {[]string{"report", "council"}, true}, {[]string{"iocs"}, true},
		{[]string{"rdap"}, true}, {[]string{"rdap", "refresh"}, true},
		{[]string{"checks"}, true}, {[]string{"version"}, false},
	}
	for _, c := range cmds {
		for _, h := range []string{"-h", "--help"} {
			args := append(append([]string{}, c.args...), h)
			code, out, errOut := runCLI("", args...)
			if code != 0 || errOut != "" {
				t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
			}
			if c.flags && !strings.Contains(out, "\n  -") {
				t.Errorf("%v lists no flags:\n%s", args, out)
			}
		}
	}
	_, top, _ := runCLI("", "help")
	for _, name := range []string{"analyze", "show", "url", "feeds import", "feeds stats", "feeds update", "eval", "scan", "bench",
		"serve", "milter", "report council", "iocs", "rdap refresh", "checks", "version"} {
		if !strings.Contains(top, "mekiki "+name) {
			t.Errorf("the usage does not list %q", name)
		}
	}
	// eval reads feeds only from a store --feeds names; -h says so.
	_, out, _ := runCLI("", "eval", "-h")
	if strings.Contains(out, "when it exists") {
		t.Errorf("eval -h describes the analyze feed default:\n%s", out)
	}
}

// TestCouncilReportRules: a clean mail is refused without --force; the
// mail always has a From; verdict and brand are in Japanese.
func TestCouncilReportRules(t *testing.T) {
	t.Setenv("MEKIKI_REPORT_FROM", "")
	clean := "../../testdata/legit-amazon-order.eml"
	phish := "../../testdata/phish-iso2022jp-amazon.eml"
	code, out, errOut := runCLI("", "report", "council", "--from", "me@example.jp", clean)
	if code != exitError || out != "" || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, "--force") {
		t.Errorf("clean mail: exit %d, stderr %q", code, errOut)
	}
	if code, out, _ := runCLI("", "report", "council", "--from", "me@example.jp", "--force", clean); code != 0 || !strings.Contains(out, "From: me@example.jp") {
		t.Errorf("clean mail with --force: exit %d", code)
	}
	code, out, errOut = runCLI("", "report", "council", phish)
	if code != exitError || out != "" || !strings.Contains(errOut, "--from") {
		t.Errorf("no --from: exit %d, stderr %q", code, errOut)
	}
	t.Setenv("MEKIKI_REPORT_FROM", "Hanako <hanako@example-corp.co.jp>")
	code, out, errOut = runCLI("", "report", "council", phish)
	if code != 0 || !strings.Contains(out, "From: \"Hanako\" <hanako@example-corp.co.jp>") {
		t.Errorf("MEKIKI_REPORT_FROM: exit %d, stderr %q\n%s", code, errOut, out)
	}
	if code, _, errOut := runCLI("", "report", "council", "--from", "me@example.jp\r\nBcc: x@example.net", phish); code != exitError || errOut == "" {
		t.Errorf("a --from with a line break: exit %d", code)
	}
}
