package mekiki_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mekiki/mekiki"
	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
)

// evasionLines are what an attacker inserts into a header block to hide
// the parts after it from a strict reader (issue 17).
var evasionLines = []struct{ name, line string }{
	{"colon-less line", "this line has no colon"},
	{"NUL line", "\x00"},
	{"NUL in a field", "X-Pad: a\x00b"},
	{"bare CR in a field", "X-Pad: a\rb"},
	{"bare CR before a field", "\rX-Pad: a"},
	{"100 KB field", "X-Pad: " + strings.Repeat("a", 100<<10)},
	{"100 KB colon-less line", strings.Repeat("a", 100<<10)},
}

// TestEvasionHeaderDamage: for each of the team's phishing fixtures,
// damaging any part's header block (top-level or MIME part, at its first
// line or after its first field) leaves every part read and every finding
// as it was, adds mail.malformed_structure, and leaves the verdict
// unchanged: the verdict of the damaged mail's score without the
// malformed_structure finding's own share is the undamaged mail's, and
// the damaged mail's verdict is never lower. (The damage is itself
// evidence, so its low finding may lift a mail just below a threshold;
// the test logs how many it lifted.)
func TestEvasionHeaderDamage(t *testing.T) {
	a, err := mekiki.New(mekiki.Options{})
	if err != nil {
		t.Fatal(err)
	}
	k := kb.Default()
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	tried, lifted := 0, 0
	for _, path := range files {
		if strings.HasPrefix(filepath.Base(path), "legit-") {
			continue
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := a.Analyze(context.Background(), bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		wantParts := partShapes(t, raw)
		for _, at := range headerBlockOffsets(raw) {
			for _, ev := range evasionLines {
				damaged := insertLine(raw, at, ev.line)
				tried++
				if got := partShapes(t, damaged); got != wantParts {
					t.Errorf("%s: %s at byte %d: parts\n%s\nwant\n%s", filepath.Base(path), ev.name, at, got, wantParts)
					continue
				}
				rep, err := a.Analyze(context.Background(), bytes.NewReader(damaged))
				if err != nil {
					t.Errorf("%s: %s at byte %d: %v", filepath.Base(path), ev.name, at, err)
					continue
				}
				if got, wantF := otherFindings(rep), otherFindings(want); got != wantF {
					t.Errorf("%s: %s at byte %d: findings %s, want %s", filepath.Base(path), ev.name, at, got, wantF)
				}
				// Past a limit the damaged part may be one not read at all.
				if list := findingList(rep); !strings.Contains(list, "mail.malformed_structure@low") && !strings.Contains(list, "mail.limit_exceeded") {
					t.Errorf("%s: %s at byte %d: no mail.malformed_structure", filepath.Base(path), ev.name, at)
				}
				if verdictRank[rep.Verdict] < verdictRank[want.Verdict] {
					t.Errorf("%s: %s at byte %d: verdict %s (score %v), want %s (score %v)", filepath.Base(path), ev.name, at, rep.Verdict, rep.Score, want.Verdict, want.Score)
				}
				if v := check.Verdict(k, rep.Score-damageScore(rep), rep.Findings); v != want.Verdict {
					t.Errorf("%s: %s at byte %d: verdict without the damage's own score %s, want %s", filepath.Base(path), ev.name, at, v, want.Verdict)
				}
				if rep.Verdict != want.Verdict {
					lifted++
				}
			}
		}
	}
	if tried == 0 {
		t.Fatal("no phishing fixture found in testdata")
	}
	t.Logf("%d damaged mails read; the damage's own finding lifted the verdict of %d", tried, lifted)
}

// damageScore is the score of a report's mail.malformed_structure finding.
func damageScore(rep *mekiki.Report) float64 {
	for _, f := range rep.Findings {
		if f.ID == "mail.malformed_structure" {
			return f.Score
		}
	}
	return 0
}

var verdictRank = map[string]int{"clean": 0, "suspicious": 1, "phishing": 2}

// findingList lists a report's findings as id@severity.
func findingList(rep *mekiki.Report) string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, string(f.ID)+"@"+f.Severity)
	}
	return strings.Join(out, " ")
}

// otherFindings lists a report's findings as id@severity, but for
// mail.malformed_structure.
func otherFindings(rep *mekiki.Report) string {
	var out []string
	for _, f := range rep.Findings {
		if f.ID != "mail.malformed_structure" {
			out = append(out, string(f.ID)+"@"+f.Severity)
		}
	}
	return strings.Join(out, " ")
}

// partShapes describes every part of raw: type, name, size and whether
// it is an attachment.
func partShapes(t *testing.T, raw []byte) string {
	t.Helper()
	m, err := mail.ParseBytes(raw, mail.Limits{})
	if err != nil {
		return "error: " + err.Error()
	}
	var b strings.Builder
	for _, p := range m.Parts {
		b.WriteString(p.ContentType + " " + p.Filename + " " + p.Encoding + " " + itoa(p.Size))
		if p.Attachment {
			b.WriteString(" attachment")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func itoa(n int) string {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(buf[i:])
		}
	}
}

var boundaryParam = regexp.MustCompile(`(?i)boundary\s*=\s*"?([^"\s;]+)"?`)

// headerBlockOffsets returns where header lines may be inserted: before
// and after the first field of the message, and at the first line of every MIME
// part and after that part's first field.
func headerBlockOffsets(raw []byte) []int {
	out := []int{0, afterField(raw, 0)}
	for _, m := range boundaryParam.FindAllSubmatch(raw, -1) {
		delim := append([]byte("--"), m[1]...)
		for pos := 0; ; {
			i := bytes.Index(raw[pos:], delim)
			if i < 0 {
				break
			}
			at := pos + i
			pos = at + len(delim)
			end := bytes.IndexByte(raw[pos:], '\n')
			if end < 0 || (at > 0 && raw[at-1] != '\n') {
				continue
			}
			if rest := bytes.TrimSpace(raw[pos : pos+end]); len(rest) > 0 {
				continue // the close delimiter, or a longer boundary
			}
			start := pos + end + 1
			out = append(out, start)
			if line := bytes.IndexByte(raw[start:], '\n'); line > 0 && !isBlank(raw[start:start+line]) {
				out = append(out, afterField(raw, start))
			}
		}
	}
	return out
}

// afterField returns where the field starting at at ends, its folded
// lines included.
func afterField(raw []byte, at int) int {
	for {
		i := bytes.IndexByte(raw[at:], '\n')
		if i < 0 {
			return len(raw)
		}
		at += i + 1
		if at >= len(raw) || (raw[at] != ' ' && raw[at] != '\t') {
			return at
		}
	}
}

func isBlank(line []byte) bool { return len(bytes.TrimSpace(line)) == 0 }

// insertLine inserts line at offset at, ending it as raw ends its lines.
func insertLine(raw []byte, at int, line string) []byte {
	eol := "\n"
	if bytes.Contains(raw, []byte("\r\n")) {
		eol = "\r\n"
	}
	out := make([]byte, 0, len(raw)+len(line)+2)
	out = append(out, raw[:at]...)
	out = append(out, line+eol...)
	return append(out, raw[at:]...)
}
