package mail

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/mekiki/mekiki/internal/integration"
)

// conformanceDir holds other projects' test mails with the values their
// own specs expect (see its README); it is read, never copied here.
const conformanceDir = "../../shared/conformance"

// TestConformance reads every fixture of ../shared/conformance with
// Parse and compares what mekiki decodes with what the fixture's own
// project expects. A mismatch fails unless testdata/conformance-allow.tsv
// lists it with its reason.
func TestConformance(t *testing.T) {
	table := filepath.Join(conformanceDir, "expected.tsv")
	if _, err := os.Stat(table); err != nil {
		integration.RequireOrSkip(t, "the conformance data "+table+" is absent")
	}
	allowed := readConformanceAllow(t)
	rows := readTSV(t, table)
	parsed := map[string]*Message{}
	mismatches, allowedHits := 0, 0
	for _, r := range rows[1:] {
		if len(r) < 5 {
			continue
		}
		file, field, mode, want := r[1], r[2], r[3], unescapeTSV(r[4])
		m, ok := parsed[file]
		if !ok {
			f, err := os.Open(filepath.Join(conformanceDir, file))
			if err != nil {
				t.Errorf("%s: %v", file, err)
				continue
			}
			m, err = Parse(f, Limits{})
			f.Close()
			if err != nil {
				t.Errorf("%s: %v", file, err)
			}
			parsed[file] = m
		}
		key := file + "\t" + field
		got, pass := conformanceCheck(t, m, r[0], field, mode, want)
		if pass {
			if _, ok := allowed[key]; ok {
				t.Errorf("%s %s passes now: remove it from conformance-allow.tsv", file, field)
			}
			continue
		}
		mismatches++
		if _, ok := allowed[key]; ok {
			allowedHits++
			continue
		}
		t.Errorf("%s %s (%s): got %q, want %q", file, field, mode, got, want)
	}
	t.Logf("%d expectations, %d mismatches, %d of them allowed", len(rows)-1, mismatches, allowedHits)
}

func conformanceCheck(t *testing.T, m *Message, suite, field, mode, want string) (string, bool) {
	if m == nil {
		return "<no message>", false
	}
	var got string
	var list []string
	switch field {
	case "subject":
		got = m.Subject
		if suite == "mailcore2" {
			got, want = stripRe(got), stripRe(want)
		}
	case "from_name":
		got = m.From.Name
	case "from_name(display)":
		// php-mime-mail-parser's display form: the name, or the address
		// when there is none.
		got = m.From.Name
		if got == "" {
			got = m.From.Address
		}
	case "from_addr":
		got = m.From.Address
	case "to":
		for _, a := range m.To {
			list = append(list, a.Address)
		}
	case "att":
		for _, a := range m.Attachments {
			list = append(list, a.Name)
		}
	case "body":
		got = m.ReadingText()
	default:
		t.Fatalf("unknown field %q", field)
	}
	switch mode {
	case "eq":
		if field == "body" {
			got = strings.TrimSpace(strings.ReplaceAll(got, "\r\n", "\n"))
			want = strings.TrimSpace(want)
		}
		return got, carrierMatch(got, want, false)
	case "contains":
		return got, carrierMatch(got, want, true)
	case "in":
		for _, v := range list {
			if v == want {
				return strings.Join(list, "|"), true
			}
		}
		return strings.Join(list, "|"), false
	case "nonascii":
		summary, err := os.ReadFile(filepath.Join(conformanceDir, strings.TrimPrefix(want, "@")))
		if err != nil {
			t.Errorf("%s: %v", want, err)
			return got, false
		}
		s := strings.ReplaceAll(string(summary), "\r\n", "\n")
		if i := strings.Index(s, "\n\n"); i >= 0 {
			s = s[i+2:]
		}
		g := nonASCII(got)
		return g, g == nonASCII(s)
	}
	t.Fatalf("unknown mode %q", mode)
	return "", false
}

// carrierRef is jpmobile's way of writing a carrier emoji: a numeric
// character reference of its private-use code point.
var carrierRef = regexp.MustCompile(`&#x[0-9a-fA-F]{4};`)

// carrierMatch compares got with want, where each carrier reference in
// want matches any one character but U+FFFD (the README's rule), read as
// the reader sees one: with the variation selector or the enclosing keycap
// mark that Unicode's keycap emoji (1⃣) add to their digit.
func carrierMatch(got, want string, contains bool) bool {
	if !carrierRef.MatchString(want) {
		if contains {
			return strings.Contains(got, want)
		}
		return got == want
	}
	var re strings.Builder
	if !contains {
		re.WriteString("^")
	}
	last := 0
	for _, loc := range carrierRef.FindAllStringIndex(want, -1) {
		re.WriteString(regexp.QuoteMeta(want[last:loc[0]]))
		re.WriteString(`[^\x{FFFD}][\x{FE0F}\x{20E3}]*`)
		last = loc[1]
	}
	re.WriteString(regexp.QuoteMeta(want[last:]))
	if !contains {
		re.WriteString("$")
	}
	return regexp.MustCompile(re.String()).MatchString(got)
}

func stripRe(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 3 && strings.EqualFold(s[:3], "re:") {
		s = strings.TrimSpace(s[3:])
	}
	return s
}

func nonASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0x80 && !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unescapeTSV(s string) string {
	return strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\\`, `\`).Replace(s)
}

func readTSV(t *testing.T, path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		rows = append(rows, strings.Split(sc.Text(), "\t"))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// readConformanceAllow reads the allowed mismatches: file, field, reason.
func readConformanceAllow(t *testing.T) map[string]string {
	out := map[string]string{}
	for _, r := range readTSV(t, filepath.Join("testdata", "conformance-allow.tsv")) {
		if len(r) == 0 || strings.HasPrefix(r[0], "#") || r[0] == "" {
			continue
		}
		if len(r) < 3 || strings.TrimSpace(r[2]) == "" {
			t.Fatalf("conformance-allow.tsv: %q needs file, field and reason", strings.Join(r, "\t"))
		}
		out[r[0]+"\t"+r[1]] = r[2]
	}
	return out
}
