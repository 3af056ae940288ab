package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShowJSONOfFixture(t *testing.T) {
	code, out, errOut := runCLI("", "show", "../../testdata/phish-iso2022jp-amazon.eml", "--format", "json")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var v struct {
		Subject string
		From    struct{ Name, Address string }
		Parts   []struct{ Type, Charset, Text string }
		Text    string
		Links   []struct{ Href string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if v.Subject != "【重要】Amazonアカウントの確認が必要です" || v.From.Name != "Amazon.co.jp お客様サポート" ||
		v.From.Address != "no-reply@amazon-support.verify-account.top" {
		t.Errorf("headers: %q %+v", v.Subject, v.From)
	}
	if len(v.Parts) != 1 || v.Parts[0].Type != "text/plain" || v.Parts[0].Charset != "iso-2022-jp" ||
		!strings.Contains(v.Parts[0].Text, "不審なログインが検出されました") || !strings.Contains(v.Text, "不審なログイン") {
		t.Errorf("parts: %+v", v.Parts)
	}
	if len(v.Links) != 1 || v.Links[0].Href != "http://amaz0n-co-jp.verify-account.top/signin" {
		t.Errorf("links: %+v", v.Links)
	}
}

func TestShowTextFromStdinInEnglish(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/attach-zip-script.eml")
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(string(raw), "show", "--lang", "en", "-")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"■ MIME structure", "application/zip", "SHA-256: ", "注文書.pdf.js (script"} {
		if !strings.Contains(out, want) {
			t.Errorf("text view lacks %q:\n%s", want, out)
		}
	}
}

// TestShowErrors: one sentence on stderr, nothing on stdout, exit 3, as
// analyze does.
func TestShowErrors(t *testing.T) {
	dir := t.TempDir()
	notMail := filepath.Join(dir, "notes.txt")
	os.WriteFile(notMail, []byte("hello world\nno headers here\n"), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"show", "/no/such/file.eml"}, "cannot open"},
		{[]string{"show", notMail}, "not an e-mail message"},
		{[]string{"show"}, "exactly one"},
		{[]string{"show", "a.eml", "b.eml"}, "exactly one"},
		{[]string{"show", "--format", "xml", "../../testdata/legit-amazon-order.eml"}, "--format"},
		{[]string{"show", "--lang", "fr", "../../testdata/legit-amazon-order.eml"}, "--lang"},
		{[]string{"show", "../../testdata"}, "directory"},
		{[]string{"show", "-"}, "empty"},
	}
	for _, c := range cases {
		code, out, errOut := runCLI("", c.args...)
		if code != 3 || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want 3 and nothing", c.args, code, out)
		}
		if strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.HasPrefix(errOut, "mekiki show: ") || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: stderr is not the one sentence about %q: %q", c.args, c.want, errOut)
		}
	}
	if code, out, _ := runCLI("", "show", "-h"); code != 0 || !strings.Contains(out, "-format") {
		t.Errorf("show -h: exit %d, %q", code, out)
	}
}
