package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "m.tsv")
	abs, _ := filepath.Abs("../../testdata")
	os.WriteFile(manifest, []byte("phishing\t"+abs+"/phish-iso2022jp-amazon.eml\nham\t"+abs+"/legit-amazon-order.eml\n"), 0o644)
	code, out, errOut := runCLI("", "eval", manifest)
	if code != 0 || errOut != "" || !strings.Contains(out, "phishing_or_suspicious") || !strings.Contains(out, "split all: 10 messages") {
		t.Fatalf("eval: exit %d, stderr %q\n%s", code, errOut, out)
	}
	code, out, _ = runCLI("", "eval", "--format", "json", "--no-hard-negatives", manifest)
	var sum struct {
		Rules []struct {
			Rule   string  `json:"rule"`
			Recall float64 `json:"recall"`
		} `json:"rules"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &sum) != nil || len(sum.Rules) != 2 || sum.Rules[0].Recall != 1 {
		t.Errorf("eval json: exit %d\n%s", code, out)
	}
	for _, bad := range [][]string{{"eval"}, {"eval", "--split", "half", manifest}, {"eval", "/nonexistent.tsv"},
		{"eval", "--fit", filepath.Join(dir, "s.yaml"), "--split", "test", manifest}} {
		if code, _, errOut := runCLI("", bad...); code != exitError || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", bad, code, errOut)
		}
	}
}

// TestEvalByKind: a corpus-form manifest with a kind column gives the
// per-kind table and by_kind in JSON; an older one without it still
// loads.
func TestEvalByKind(t *testing.T) {
	dir := t.TempDir()
	abs, _ := filepath.Abs("../../testdata")
	head := "path\tlabel\tlanguage\tsha256\tnote"
	rows := []string{"phish-iso2022jp-amazon.eml\tphishing\tja\t00\t-", "link-lookalike-microsoft.eml\tphishing\ten\t00\t-",
		"legit-esp-newsletter.eml\tspam\ten\t00\t-", "legit-amazon-order.eml\tham\tja\t00\t-"}
	kinds := []string{"credential", "crypto", "marketing", "ham"}
	withKind, old := head+"\tkind\n", head+"\n"
	for i, r := range rows {
		withKind += abs + "/" + r + "\t" + kinds[i] + "\n"
		old += abs + "/" + r + "\n"
	}
	manifest, oldManifest := filepath.Join(dir, "MANIFEST.tsv"), filepath.Join(dir, "old.tsv")
	os.WriteFile(manifest, []byte(withKind), 0o644)
	os.WriteFile(oldManifest, []byte(old), 0o644)

	code, out, errOut := runCLI("", "eval", "--no-hard-negatives", manifest)
	if code != 0 || errOut != "" || !strings.Contains(out, "\nby language\n") || !strings.Contains(out, "\nby kind (") ||
		!strings.Contains(out, "\ncredential ") || !strings.Contains(out, "\nspam by kind (") || !strings.Contains(out, "\nmarketing ") {
		t.Fatalf("eval text: exit %d, stderr %q\n%s", code, errOut, out)
	}
	code, out, _ = runCLI("", "eval", "--format", "json", "--no-hard-negatives", manifest)
	var sum struct {
		Rules  []struct{ Recall float64 } `json:"rules"`
		ByLang map[string]any             `json:"by_language"`
		ByKind map[string]struct {
			Messages, Phishing, Suspicious, Clean int
			Recall                                float64                           `json:"recall"`
			RecallOrSuspicious                    float64                           `json:"recall_or_suspicious"`
			ByLang                                map[string]struct{ Messages int } `json:"by_language"`
		} `json:"by_kind"`
		SpamByKind map[string]struct {
			Messages     int     `json:"messages"`
			PhishingRate float64 `json:"phishing_rate"`
		} `json:"spam_by_kind"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &sum) != nil || len(sum.Rules) != 2 || len(sum.ByLang) != 2 {
		t.Fatalf("eval json: exit %d\n%s", code, out)
	}
	cred, crypto := sum.ByKind["credential"], sum.ByKind["crypto"]
	if len(sum.ByKind) != 2 || cred.Messages != 1 || cred.ByLang["ja"].Messages != 1 || crypto.Messages != 1 || crypto.ByLang["en"].Messages != 1 ||
		cred.Phishing+cred.Suspicious+cred.Clean != 1 || cred.Recall != float64(cred.Phishing) ||
		len(sum.SpamByKind) != 1 || sum.SpamByKind["marketing"].Messages != 1 {
		t.Errorf("by_kind %+v spam_by_kind %+v\n%s", sum.ByKind, sum.SpamByKind, out)
	}

	code, out, errOut = runCLI("", "eval", "--no-hard-negatives", oldManifest)
	if code != 0 || errOut != "" || !strings.Contains(out, "split all: 4 messages (phishing 2, spam 1, ham 1)") || strings.Contains(out, "by kind") {
		t.Errorf("old manifest: exit %d, stderr %q\n%s", code, errOut, out)
	}
}

func TestBenchCommand(t *testing.T) {
	dir := t.TempDir()
	mbox := "From a@b Mon Nov 23 10:00:00 2026\nSubject: one\n\nhello\n\nFrom c@d Mon Nov 23 10:00:00 2026\nSubject: two\n\nbye\n"
	os.WriteFile(filepath.Join(dir, "box.mbox"), []byte(mbox), 0o644)
	code, out, errOut := runCLI("", "bench", "--cores", "1", "--passes", "3", "--format", "json", filepath.Join(dir, "box.mbox"))
	var res []struct {
		Cores    int `json:"cores"`
		Messages int `json:"messages"`
	}
	if code != 0 || errOut != "" || json.Unmarshal([]byte(out), &res) != nil || len(res) != 1 || res[0].Messages != 6 || res[0].Cores != 1 {
		t.Fatalf("bench: exit %d, stderr %q\n%s", code, errOut, out)
	}
	if code, _, errOut := runCLI("", "bench", "/nonexistent/box"); code != exitError || !strings.Contains(errOut, "cannot open /nonexistent/box") {
		t.Errorf("missing path: exit %d, %q", code, errOut)
	}
}

func TestScanCommand(t *testing.T) {
	dir := t.TempDir()
	abs, _ := filepath.Abs("../../testdata")
	for _, f := range []string{"phish-iso2022jp-amazon.eml", "legit-amazon-order.eml", "link-lookalike-microsoft.eml"} {
		b, _ := os.ReadFile(filepath.Join(abs, f))
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	iocs := filepath.Join(t.TempDir(), "iocs.csv")
	code, out, errOut := runCLI("", "scan", "--lang", "en", "--campaigns", "--iocs", iocs, dir)
	if code != 2 || errOut != "" || !strings.Contains(out, "3 messages") || !strings.Contains(out, "phishing 2") ||
		!strings.Contains(out, "campaigns:") || strings.Contains(out, "legit-amazon-order") {
		t.Fatalf("scan: exit %d, stderr %q\n%s", code, errOut, out)
	}
	csvData, _ := os.ReadFile(iocs)
	if !strings.HasPrefix(string(csvData), "type,value,verdict,message\n") || !strings.Contains(string(csvData), "url,http://amaz0n-co-jp.verify-account.top/signin") {
		t.Errorf("IOC CSV:\n%s", csvData)
	}
	code, out, _ = runCLI("", "scan", "--format", "jsonl", "--only", "phishing", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var first struct {
		Source struct{ Kind, Path string } `json:"source"`
		Report struct{ Verdict string }    `json:"report"`
	}
	if code != 2 || len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &first) != nil || first.Report.Verdict != "phishing" || first.Source.Kind != "file" {
		t.Errorf("jsonl: exit %d\n%s", code, out)
	}
	for _, bad := range [][]string{{"scan"}, {"scan", "/nonexistent/box"}, {"scan", "imap://u:pw@mail.example.jp/"},
		{"scan", "--only", "spam", dir}, {"scan", "--format", "xml", dir}} {
		if code, _, errOut := runCLI("", bad...); code != exitError || errOut == "" || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q", bad, code, errOut)
		}
	}
}

func TestServeRefusesOpenListenWithoutToken(t *testing.T) {
	t.Setenv("MEKIKI_TOKEN", "")
	code, _, errOut := runCLI("", "serve", "--listen", "0.0.0.0:0")
	if code != exitError || !strings.Contains(errOut, "needs a token") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCLI("", "serve", "--listen", "nonsense"); code != exitError || errOut == "" {
		t.Errorf("bad listen: exit %d", code)
	}
}

func TestReportAndIOCsCommands(t *testing.T) {
	code, out, errOut := runCLI("", "report", "council", "--from", "me@example.jp", "../../testdata/phish-iso2022jp-amazon.eml")
	if code != 0 || !strings.Contains(out, "To: info@antiphishing.jp") || !strings.Contains(out, "From: me@example.jp") {
		t.Errorf("council: %d %q", code, errOut)
	}
	code, out, _ = runCLI("", "iocs", "--format", "stix", "../../testdata/phish-iso2022jp-amazon.eml", "../../testdata/legit-amazon-order.eml")
	if code != 0 || !strings.Contains(out, "[ipv4-addr:value = '203.0.113.45']") {
		t.Errorf("stix: %d", code)
	}
	code, out, _ = runCLI("", "iocs", "../../testdata/phish-iso2022jp-amazon.eml")
	if code != 0 || !strings.HasPrefix(out, "type,value,verdict,subject") {
		t.Errorf("csv: %d %q", code, out)
	}
	for _, bad := range [][]string{{"report", "council"}, {"report", "police", "x.eml"}, {"iocs"}, {"iocs", "--format", "xml", "a.eml"}, {"iocs", "/nonexistent.eml"}} {
		if code, _, errOut := runCLI("", bad...); code != exitError || errOut == "" {
			t.Errorf("%v: exit %d", bad, code)
		}
	}
}
