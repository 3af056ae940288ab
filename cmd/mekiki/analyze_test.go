package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mboxOf writes the team's fixtures into one mbox, each behind its
// envelope line.
func mboxOf(t *testing.T, fixtures ...string) (path string, data []byte) {
	t.Helper()
	var b bytes.Buffer
	for _, f := range fixtures {
		raw, err := os.ReadFile(filepath.Join("../../testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("From bounce@example.net Tue Nov 24 09:12:03 2026\n")
		b.Write(raw)
		b.WriteString("\n")
	}
	path = filepath.Join(t.TempDir(), "box.mbox")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, b.Bytes()
}

var threePhish = []string{"phish-iso2022jp-amazon.eml", "phish-cp932-freemail.eml", "attach-zip-script.eml"}

// TestAnalyzeRefusesMbox: an mbox of three phishing mails is not judged
// by its first message; analyze refuses in one sentence that points to
// scan, which judges all three.
func TestAnalyzeRefusesMbox(t *testing.T) {
	path, data := mboxOf(t, threePhish...)
	for _, c := range []struct {
		stdin string
		args  []string
		scan  string
	}{
		{"", []string{"analyze", path}, "'mekiki scan " + path + "'"},
		{"", []string{"analyze", "--format", "json", path}, "'mekiki scan " + path + "'"},
		{string(data), []string{"analyze", "-"}, "'mekiki scan FILE'"},
	} {
		code, out, errOut := runCLI(c.stdin, c.args...)
		if code != exitError || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want 3 and no verdict", c.args, code, out)
		}
		if strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, "mbox of 3 messages") || !strings.Contains(errOut, c.scan) {
			t.Errorf("%v: stderr %q", c.args, errOut)
		}
	}
	code, out, errOut := runCLI("", "scan", "--lang", "en", path)
	if code != 2 || !strings.Contains(out, "3 messages") || !strings.Contains(out, "phishing 3") {
		t.Errorf("scan of the same mbox: exit %d, stderr %q\n%s", code, errOut, out)
	}
}

// TestAnalyzeOneMessageMbox: a message saved with its envelope line, or
// whose body has a "From " line, is still one message and is judged.
func TestAnalyzeOneMessageMbox(t *testing.T) {
	path, _ := mboxOf(t, "phish-iso2022jp-amazon.eml")
	if code, out, errOut := runCLI("", "analyze", path); code != 2 || errOut != "" || !strings.Contains(out, "■") {
		t.Errorf("one-message mbox: exit %d, stderr %q", code, errOut)
	}
	mail := "From a@example.net Tue Nov 24 09:12:03 2026\nFrom: \"Amazon\" <x@evil.example>\nSubject: hi\n\nfirst line\n\nFrom here on, read carefully.\nthe end\n"
	if code, _, errOut := runCLI(mail, "analyze", "-"); code == exitError || errOut != "" {
		t.Errorf("body line \"From here on\": exit %d, stderr %q", code, errOut)
	}
}

func TestAnalyzeRefusesSeveralFilesAndCompressedMbox(t *testing.T) {
	_, data := mboxOf(t, threePhish...)
	gz := filepath.Join(t.TempDir(), "box.mbox.gz")
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	os.WriteFile(gz, b.Bytes(), 0o644)
	for _, args := range [][]string{
		{"analyze", gz},
		{"analyze", "../../testdata/phish-iso2022jp-amazon.eml", "../../testdata/phish-cp932-freemail.eml"},
		{"analyze", "../../testdata"},
	} {
		code, out, errOut := runCLI("", args...)
		if code != exitError || out != "" || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, "mekiki scan") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 3 and one sentence pointing to scan", args, code, out, errOut)
		}
	}
}

func TestMboxMessages(t *testing.T) {
	for _, c := range []struct {
		box  string
		want int
	}{
		{"From a Tue Nov 24 09:12:03 2026\nSubject: one\n\nbody\n", 1},
		{"From a Tue Nov 24 09:12:03 2026\r\nSubject: one\r\n\r\nbody\r\n\r\nFrom b Tue Nov 24 09:12:03 2026\r\nSubject: two\r\n\r\nx\r\n", 2},
		{"From a\nSubject: one\n\nbody\nFrom b\nSubject: no blank line before\n", 1},
		{"From a\nSubject: one\n\nbody\n\nFrom b\nnot a header line\n", 1},
		{"From a\nSubject: 1\n\n\nFrom b\nSubject: 2\n\nFrom c\nX-Y: 3\n", 3},
	} {
		if got := mboxMessages([]byte(c.box)); got != c.want {
			t.Errorf("mboxMessages(%q) = %d, want %d", c.box, got, c.want)
		}
	}
}
