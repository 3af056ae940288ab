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
