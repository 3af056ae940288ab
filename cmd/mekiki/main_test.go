package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/finding"
)

func runCLI(stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestAnalyzeExitCodes(t *testing.T) {
	cases := []struct {
		file string
		code int
	}{
		{"../../testdata/phish-iso2022jp-amazon.eml", 2},
		{"../../testdata/link-workers-ddns.eml", 1},
		{"../../testdata/legit-amazon-order.eml", 0},
	}
	for _, c := range cases {
		code, out, errOut := runCLI("", "analyze", c.file)
		if code != c.code || errOut != "" {
			t.Errorf("%s: exit %d (stderr %q), want %d", c.file, code, errOut, c.code)
		}
		if !strings.Contains(out, "■") {
			t.Errorf("%s: no verdict line in the text report", c.file)
		}
	}
}

func TestAnalyzeJSONAndFlagsAfterFile(t *testing.T) {
	code, out, _ := runCLI("", "analyze", "../../testdata/phish-iso2022jp-amazon.eml", "--format", "json")
	if code != 2 {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Verdict  string
		Findings []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if rep.Verdict != "phishing" || len(rep.Findings) == 0 {
		t.Errorf("report = %+v", rep)
	}
}

func TestAnalyzeStdinAndEnglish(t *testing.T) {
	mail := "From: \"Amazon\" <x@evil.example>\nSubject: hi\n\nbody\n"
	code, out, _ := runCLI(mail, "analyze", "--lang", "en", "-")
	if code == 3 || !strings.Contains(out, "Brand claimed from a foreign domain") {
		t.Errorf("exit %d, out %q", code, out)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour written to a non-terminal")
	}
	_, out, _ = runCLI(mail, "analyze", "--color", "always", "-")
	if !strings.Contains(out, "\x1b[") {
		t.Error("--color always wrote no colour")
	}
}

// TestAnalyzeErrors: bad input gets one sentence on stderr, nothing on
// stdout, and exit status 3.
func TestAnalyzeErrors(t *testing.T) {
	cases := [][]string{
		{"analyze", "/no/such/file.eml"},
		{"analyze"},
		{"analyze", "a.eml", "b.eml"},
		{"analyze", "--format", "xml", "../../testdata/legit-amazon-order.eml"},
		{"analyze", "--no-such-flag", "x.eml"},
		{"analyze", "../../testdata"},
		{"analyze", "--kb", "/no/such/kb.yaml", "../../testdata/legit-amazon-order.eml"},
		{"analyze", "-"}, // empty standard input
		{"frobnicate"},
	}
	for _, args := range cases {
		code, out, errOut := runCLI("", args...)
		if code != 3 || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want 3 and nothing", args, code, out)
		}
		if strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.HasPrefix(errOut, "mekiki") {
			t.Errorf("%v: stderr is not one sentence: %q", args, errOut)
		}
	}
	code, _, errOut := runCLI("hello world\nno headers here\n", "analyze", "-")
	if code != 3 || !strings.Contains(errOut, "not an e-mail message") {
		t.Errorf("plain text: exit %d, %q", code, errOut)
	}
}

func TestChecksListsEveryFinding(t *testing.T) {
	code, out, _ := runCLI("", "checks")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, c := range check.All {
		for _, id := range c.Findings {
			if !strings.Contains(out, string(id)) {
				t.Errorf("checks does not list %s", id)
			}
		}
	}
	for _, id := range []string{"sender.brand_mismatch", "sender.freemail_brand", "sender.header_mismatch", "sender.reply_to_mismatch",
		"sender.own_domain_spoof", "auth.spf_fail", "auth.dkim_fail", "auth.dmarc_fail", "auth.missing", "origin.summary", "spam.upstream_tag"} {
		if _, ok := finding.Lookup(finding.ID(id)); !ok {
			t.Errorf("contract finding %s has no check", id)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := runCLI("", "version"); code != 0 || !strings.HasPrefix(out, "mekiki ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, out, _ := runCLI("", "analyze", "-h"); code != 0 || !strings.Contains(out, "--trusted-hosts") && !strings.Contains(out, "-trusted-hosts") {
		t.Errorf("analyze -h: %d %q", code, out)
	}
}

func TestMain(m *testing.M) {
	// Keep the user's own feed store out of the tests.
	os.Setenv("MEKIKI_FEEDS", filepath.Join(os.TempDir(), "mekiki-test-no-such-store.db"))
	os.Exit(m.Run())
}

func TestFeedsImportStatsAndAnalyze(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "feeds.db")
	feed := filepath.Join(dir, "jpcert.csv")
	// The fixture's link, listed under a deeper path and as itself.
	csv := "date,url,brand\n2026/11/20 10:00:00,http://rec0very-supp0rt-micr0s0ft.org/,Microsoft\n"
	if err := os.WriteFile(feed, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("", "feeds", "import", "--feeds", store, feed)
	if code != 0 || !strings.Contains(out, "1 URLs imported") {
		t.Fatalf("feeds import: exit %d, out %q, err %q", code, out, errOut)
	}
	code, out, _ = runCLI("", "feeds", "stats", "--feeds", store)
	if code != 0 || !strings.Contains(out, "JPCERT/CC phishurl-list") {
		t.Errorf("feeds stats: exit %d, out %q", code, out)
	}
	mail := "../../testdata/link-lookalike-microsoft.eml"
	_, out, _ = runCLI("", "analyze", "--format", "json", "--feeds", store, mail)
	if !strings.Contains(out, `"url.feed_listed"`) {
		t.Errorf("analyze --feeds: url.feed_listed did not fire:\n%s", out)
	}
	_, out, _ = runCLI("", "analyze", "--format", "json", "--feeds", store, "--no-feeds", mail)
	if strings.Contains(out, `"url.feed_listed"`) {
		t.Error("analyze --no-feeds: url.feed_listed fired")
	}
	if code, _, errOut := runCLI("", "analyze", "--feeds", filepath.Join(dir, "missing.db"), mail); code != exitError || errOut == "" {
		t.Errorf("analyze with a missing explicit store: exit %d, err %q; want an error", code, errOut)
	}
	if code, _, errOut := runCLI("", "feeds", "import", "--feeds", store, filepath.Join(dir, "nope.csv")); code != exitError || errOut == "" {
		t.Errorf("feeds import of a missing file: exit %d, err %q", code, errOut)
	}
}

func TestURLCommand(t *testing.T) {
	code, out, errOut := runCLI("", "url", "--lang", "en", "http://rec0very-supp0rt-micr0s0ft.org/", "https://www.amazon.co.jp/")
	if code != 0 || !strings.Contains(out, "url.lookalike_domain") || !strings.Contains(out, "micr[0]s[0]ft") || !strings.Contains(out, "nothing found") {
		t.Errorf("url: exit %d, err %q, out:\n%s", code, errOut, out)
	}
	list := "date,url,brand\n2026/01/01,https://amazon-co-jp.example.top/,Amazon\n2026/01/01,https://www.example.jp/,x\n"
	code, out, _ = runCLI(list, "url", "--lang", "en", "--no-feeds", "--list", "-")
	if code != 0 || !strings.Contains(out, "2 URLs; flagged by at least one url.* check: 1 (50.0%)") {
		t.Errorf("url --list: exit %d, out:\n%s", code, out)
	}
	code, out, _ = runCLI(list, "url", "--no-feeds", "--list", "-")
	if code != 0 || !strings.Contains(out, "URL 2 件。url.* の検査のどれかに当たったもの 1 件（50.0%）") {
		t.Errorf("url --list in Japanese: exit %d, out:\n%s", code, out)
	}
}
