package mail

import (
	"strings"
	"testing"
)

// The team's own mails for issue 17: each case a mail program reads and a
// strict reader does not. Domains are made up.

func parseText(t *testing.T, raw string) *Message {
	t.Helper()
	m, err := ParseBytes([]byte(raw), Limits{})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return m
}

const lenientMultipart = "From: shop@example.co.jp\r\nSubject: order\r\nMIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
	"--b1\r\n%s" +
	"Content-Type: text/plain; charset=utf-8\r\n\r\nご注文ありがとうございます\r\n" +
	"--b1\r\nContent-Type: application/zip; name=\"invoice.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\nUEsDBAo=\r\n" +
	"--b1--\r\n"

func TestPartHeaderDamageHidesNothing(t *testing.T) {
	cases := []struct{ name, damage, repair string }{
		{"colon-less line", "this line has no colon\r\n", "header_line_without_colon"},
		{"NUL", "X-Pad: a\x00b\r\n", "nul_in_header"},
		{"bare CR", "X-Pad: a\rb\r\n", "bare_cr_in_header"},
		{"overlong line", "X-Pad: " + strings.Repeat("a", 100<<10) + "\r\n", "overlong_header_line"},
	}
	for _, c := range cases {
		m := parseText(t, strings.Replace(lenientMultipart, "%s", c.damage, 1))
		if len(m.Parts) != 2 || len(m.Attachments) != 1 || m.Attachments[0].Name != "invoice.zip" {
			t.Errorf("%s: parts %+v", c.name, m.Parts)
		}
		if !strings.Contains(m.Text, "ご注文") {
			t.Errorf("%s: text %q", c.name, m.Text)
		}
		if !hasRepair(m, c.repair, true) {
			t.Errorf("%s: repairs %+v, want %s", c.name, m.Repairs, c.repair)
		}
	}
	// An undamaged mail records nothing.
	if m := parseText(t, strings.Replace(lenientMultipart, "%s", "", 1)); len(m.Repairs) != 0 || len(m.Notices) != 0 {
		t.Errorf("clean mail: repairs %+v notices %+v", m.Repairs, m.Notices)
	}
}

func hasRepair(m *Message, kind string, deliberate bool) bool {
	for _, r := range m.Repairs {
		if r.Kind == kind && r.Deliberate == deliberate && r.Count > 0 {
			return true
		}
	}
	return false
}

func TestWhitespaceLines(t *testing.T) {
	// A line of spaces between header and body ends the header.
	m := parseText(t, "From: a@example.co.jp\nSubject: hi\nContent-Type: text/plain; charset=utf-8\n  \n本文です\n")
	if strings.TrimSpace(m.Text) != "本文です" {
		t.Errorf("space line before body: text %q", m.Text)
	}
	// A line of spaces first is skipped.
	m = parseText(t, "   \nFrom: a@example.co.jp\nSubject: hi\n\nbody\n")
	if m.Subject != "hi" || strings.TrimSpace(m.Text) != "body" {
		t.Errorf("space first line: subject %q text %q", m.Subject, m.Text)
	}
	// SpamAssassin folds its report with lines of spaces: still one field.
	m = parseText(t, "From: a@example.co.jp\nX-Spam-Report: one\n \n two\nSubject: hi\n\nbody\n")
	if m.Subject != "hi" || m.Header.Get("X-Spam-Report") != "one two" {
		t.Errorf("space folding: %+v", m.Header)
	}
	if len(m.Repairs) != 0 {
		t.Errorf("space folding recorded as repair: %+v", m.Repairs)
	}
}

func TestCROnlyLineEnds(t *testing.T) {
	m := parseText(t, "From: a@example.co.jp\rSubject: old mac\rContent-Type: text/plain\r\rline one\rline two\r")
	if m.Subject != "old mac" || !strings.Contains(m.Text, "line one\nline two") {
		t.Errorf("CR-only: subject %q text %q", m.Subject, m.Text)
	}
	if !hasRepair(m, "cr_line_ends", false) {
		t.Errorf("CR-only: repairs %+v", m.Repairs)
	}
}

func TestMultipartWithoutDelimiterIsText(t *testing.T) {
	m := parseText(t, "From: a@example.co.jp\nContent-Type: multipart/mixed; boundary=zz\n\nplease log in at https://login.example.net/\n")
	if !strings.Contains(m.Text, "please log in") {
		t.Errorf("text %q", m.Text)
	}
}

func TestDecodeByRuns(t *testing.T) {
	cases := []struct{ name, label, in, want string }{
		// あい in ISO-2022-JP with one stray 8-bit byte between them.
		{"stray byte in ISO-2022-JP", "iso-2022-jp", "\x1b$B$\"\x1b(B\xff\x1b$B$$\x1b(B", "あ\uFFFDい"},
		// A line without its closing ESC ( B does not turn the next into kanji.
		{"missing ESC ( B", "iso-2022-jp", "\x1b$B$\"\r\nabc", "あ\r\nabc"},
		{"ESC ( I half-width kana", "iso-2022-jp", "\x1b(I12\x1b(B", "ｱｲ"},
		{"SO/SI half-width kana", "iso-2022-jp", "a\x0e12\x0fb", "aｱｲb"},
		{"UTF-8 split by a line break", "utf-8", "\xe3\x81\r\n\x82い", "あい"},
		{"bad byte in UTF-8", "utf-8", "あ\xffい", "あ\uFFFDい"},
		{"Latin text is not Shift_JIS", "", "ici et l\xe0-bas, \xe7a va, i\xe7i", "ici et là-bas, ça va, içi"},
		{"Shift_JIS with evidence", "", "\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd", "こんにちは"},
		{"UTF-8 labelled windows-1251", "windows-1251", "Привет", "Привет"},
		{"windows-1251 stays", "windows-1251", "\xcf\xf0\xe8\xe2\xe5\xf2", "Привет"},
		{"koi8_r label", "koi8_r", "\xf0\xd2\xc9\xd7\xc5\xd4", "Привет"},
		{"UTF-7", "utf-7", "Hi Mom -+Jjo--!", "Hi Mom -☺-!"},
		{"UTF-7 plus", "utf-7", "1 +- 1", "1 + 1"},
		{"UTF-16 with BOM", "utf-16", "\xff\xfeB0D0", "あい"},
		{"UTF-16 big-endian by default", "utf-16", "0B0D", "あい"},
		{"UTF-32", "utf-32", "\x00\x00\x30\x42", "あ"},
		// Carrier emoji: docomo's 晴れ (Shift_JIS F89F, U+E63E in UTF-8);
		// more forms in carrier_codes_test.go.
		{"docomo emoji in Shift_JIS", "shift_jis", "\x96{\x95\xb6\xf8\x9f", "本文☀"},
		{"carrier emoji in UTF-8", "utf-8", "本文\ue63e", "本文☀"},
	}
	for _, c := range cases {
		if got, _ := decodeCharset([]byte(c.in), c.label); got != c.want {
			t.Errorf("%s: decodeCharset(%q, %q) = %q, want %q", c.name, c.in, c.label, got, c.want)
		}
	}
	if got, _ := decodeCharsetFallback([]byte("Yurt i\xe7i \xfccret"), "", "iso-8859-9", noCarrier); got != "Yurt içi ücret" {
		t.Errorf("header charset as fallback: %q", got)
	}
}

func TestEncodedWordDetails(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"lone = before ?=", "=?shift-jis?Q?=93=FA=96{=8C=EA=?=", "日本語"},
		{"UTF-16 encoded-word", "=?utf-16?B?MEIwRA==?=", "あい"},
		{"UTF-16LE encoded-word", "=?utf-16le?B?QjBEMA==?=", "あい"},
		{"UTF-32 encoded-word", "=?utf-32?B?AAAwQg==?=", "あ"},
		{"UTF-7 encoded-word", "=?utf-7?Q?+MEIwRA-?=", "あい"},
	}
	for _, c := range cases {
		if got := DecodeHeader(c.in, ""); got != c.want {
			t.Errorf("%s: DecodeHeader(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
	// An encoded name before a bare address keeps its own place.
	a, ok := ParseAddress("=?gb2312?B?1cXI/Q==?= zhang@example.cn", "")
	if !ok || a.Name != "张三" || a.Address != "zhang@example.cn" {
		t.Errorf("encoded name before bare address: %+v", a)
	}
}

// TestFoldedWhiteSpaceLines: a field folded over several lines of only
// white space (SpamAssassin's X-Spam-Report) goes on; the fields after it
// are read.
func TestFoldedWhiteSpaceLines(t *testing.T) {
	raw := "X-Spam-Report: Spam detection software\r\n \r\n    \r\n \r\n Content analysis details:\r\n" +
		"Subject: after the report\r\nFrom: a@example.jp\r\n\r\nbody\r\n"
	m, err := ParseBytes([]byte(raw), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != "after the report" || m.From.Address != "a@example.jp" || !strings.Contains(m.Text, "body") {
		t.Errorf("subject %q, from %q, text %q", m.Subject, m.From.Address, m.Text)
	}
}

// TestCarrierEmojiShiftJIS: carrier emoji in Shift_JIS read as Unicode's
// emoji where the carriers agree on the code (Unicode's EmojiSources),
// as 〓 where they do not, never as U+FFFD.
func TestCarrierEmojiShiftJIS(t *testing.T) {
	// F8 9F is docomo's sun (U+2600), used by no other carrier; F7 41
	// means different pictures for KDDI and SoftBank.
	got := decodeShiftJIS([]byte("\x82\xa0\xf8\x9f\x82\xa2\xf7\x41"))
	if got != "あ☀い〓" {
		t.Errorf("decodeShiftJIS = %q", got)
	}
}

// TestCarrierEmojiByFromDomain: mail from a carrier's phone reads the
// codes the carriers share with that carrier's own table.
func TestCarrierEmojiByFromDomain(t *testing.T) {
	// F7 41 is KDDI's and SoftBank's, each for another picture.
	for _, c := range []struct{ from, want string }{
		{"a@ezweb.ne.jp", carrierEmojiSJISOf(0xF741, kddi)},
		{"a@softbank.ne.jp", carrierEmojiSJISOf(0xF741, softbank)},
		{"a@example.jp", "〓"},
	} {
		raw := "From: " + c.from + "\r\nSubject: x\r\nContent-Type: text/plain; charset=Shift_JIS\r\n\r\n\x82\xa0\xf7\x41\r\n"
		m, err := ParseBytes([]byte(raw), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if c.want == "" || c.want == "〓" && c.from != "a@example.jp" || !strings.Contains(m.Text, "あ"+c.want) {
			t.Errorf("from %s: text %q, want あ%s", c.from, m.Text, c.want)
		}
	}
	if carrierEmojiSJISOf(0xF741, kddi) == carrierEmojiSJISOf(0xF741, softbank) {
		t.Errorf("F741 reads alike for KDDI and SoftBank")
	}
}

// TestWhiteSpaceBeforeColon: "From : a@example.jp" (RFC 5322's obsolete
// syntax) is a field, as mail programs read it.
func TestWhiteSpaceBeforeColon(t *testing.T) {
	m, err := ParseBytes([]byte("From : a@example.jp\r\nSubject\t: hi\r\n\r\nbody\r\n"), Limits{})
	if err != nil || m.From.Address != "a@example.jp" || m.Subject != "hi" {
		t.Fatalf("err %v, from %q, subject %q", err, m.From.Address, m.Subject)
	}
}
