package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// strictPart is one leaf of a message as the standard library's strict
// reading (net/mail, mime/multipart) sees it.
type strictPart struct {
	ctype string
	text  string
}

// strictRead reads raw with the standard library, one multipart level
// deep, and keeps only what both readings must agree on: text/plain parts
// in US-ASCII or UTF-8, base64, quoted-printable or 7/8-bit. ok is false
// when the strict reading fails or the message holds anything else
// (charsets, HTML, attachments, nesting, encoded words), which is where
// the readings may rightly differ.
func strictRead(raw []byte) (parts []strictPart, subject string, ok bool) {
	if !wellFormedHeader(raw) {
		return nil, "", false // malformed headers are the evasion test's
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil || len(msg.Header) == 0 {
		return nil, "", false // mekiki too calls a message without fields no mail
	}
	subject = msg.Header.Get("Subject")
	if strings.Contains(subject, "=?") || !printableASCII(subject) {
		return nil, "", false
	}
	ctype, params, err := mime.ParseMediaType(orDefault(msg.Header.Get("Content-Type"), "text/plain"))
	if err != nil {
		return nil, "", false
	}
	if !strings.HasPrefix(ctype, "multipart/") {
		if msg.Header.Get("Content-Disposition") != "" {
			return nil, "", false // an attachment, or a part named as one
		}
		p, ok := strictLeaf(ctype, params, msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
		return []strictPart{p}, subject, ok
	}
	if ctype != "multipart/mixed" || params["boundary"] == "" || !bytes.Contains(raw, []byte("\n--"+params["boundary"]+"--")) {
		// An unclosed multipart is where the readings rightly differ: the
		// lenient one keeps its last part, as mail programs do.
		return nil, "", false
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", false
		}
		for k := range part.Header {
			if !validFieldName([]byte(k)) {
				return nil, "", false // a malformed part header: the evasion test's
			}
		}
		pt, pp, err := mime.ParseMediaType(orDefault(part.Header.Get("Content-Type"), "text/plain"))
		if err != nil || part.Header.Get("Content-Disposition") != "" {
			return nil, "", false
		}
		p, ok := strictLeaf(pt, pp, part.Header.Get("Content-Transfer-Encoding"), part)
		if !ok {
			return nil, "", false
		}
		parts = append(parts, p)
	}
	return parts, subject, len(parts) > 0
}

// wellFormedHeader reports whether raw's header block ends in an empty
// line and every line of it is a field with a token name or a folded
// continuation: what a strict reader and a lenient one must read alike.
func wellFormedHeader(raw []byte) bool {
	end := bytes.Index(raw, []byte("\n\n"))
	if crlf := bytes.Index(raw, []byte("\r\n\r\n")); crlf >= 0 && (end < 0 || crlf < end) {
		end = crlf
	}
	if end < 0 {
		return false
	}
	for i, line := range bytes.Split(bytes.ReplaceAll(raw[:end], []byte("\r\n"), []byte("\n")), []byte("\n")) {
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') && i > 0 {
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || !validFieldName(line[:colon]) || bytes.ContainsAny(line, "\r\x00") {
			return false
		}
	}
	return true
}

func strictLeaf(ctype string, params map[string]string, cte string, body io.Reader) (strictPart, bool) {
	if ctype != "text/plain" {
		return strictPart{}, false
	}
	if cs := strings.ToLower(params["charset"]); cs != "" && cs != "us-ascii" && cs != "utf-8" {
		return strictPart{}, false
	}
	var r io.Reader
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "", "7bit", "8bit":
		r = body
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	default:
		return strictPart{}, false
	}
	b, err := io.ReadAll(r)
	// An escape sequence sends mekiki's reading to ISO-2022-JP (Japanese
	// mail often goes unlabelled), where the strict one keeps the bytes.
	if err != nil || !utf8.Valid(b) || bytes.ContainsAny(b, "\x00\r\x1b\x0e") {
		return strictPart{}, false
	}
	return strictPart{ctype: ctype, text: string(b)}, true
}

func orDefault(v, d string) string {
	if strings.TrimSpace(v) == "" {
		return d
	}
	return v
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// words is s as its words, for comparing texts that may differ in white
// space and line ends.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// FuzzDifferential reads each input twice: with mekiki's lenient parser
// and, where it succeeds, with the standard library's strict one. Where
// the strict reading succeeds on plain text parts, both must find the same
// parts with the same words, the same subject, and every URL the strict
// text shows among mekiki's links.
func FuzzDifferential(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "*.eml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("From: a@example.jp\r\nSubject: hello\r\n\r\nSee https://example.jp/x now.\r\n"))
	f.Add([]byte("From: a@example.jp\r\nSubject: two\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\none\r\n--b\r\nContent-Transfer-Encoding: base64\r\n\r\ndHdv\r\n--b--\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		want, subject, ok := strictRead(raw)
		if !ok {
			return
		}
		m, err := ParseBytes(raw, Limits{MaxSize: 1 << 20, MaxDepth: 8, MaxParts: 64, MaxPartSize: 1 << 20})
		if err != nil {
			t.Fatalf("strict reading found %d parts, mekiki failed: %v", len(want), err)
		}
		if words(m.Subject) != words(subject) {
			t.Fatalf("subject: strict %q, mekiki %q", subject, m.Subject)
		}
		if len(m.Parts) != len(want) {
			t.Fatalf("strict reading found %d parts, mekiki %d", len(want), len(m.Parts))
		}
		hrefs := map[string]bool{}
		for _, l := range m.Links {
			hrefs[l.Href] = true
		}
		for i, p := range want {
			// Carriers' private-use emoji are read as Unicode emoji by
			// design (or marked 〓).
			if got := words(m.Parts[i].Text); got != words(carrierEmojiUTF8(p.text, carrierOf(m.From.Domain))) {
				t.Fatalf("part %d text: strict %q, mekiki %q", i, words(p.text), got)
			}
			for _, u := range textURLs(never, strings.ReplaceAll(p.text, "\r\n", "\n")) {
				if !hrefs[u] && !hrefs["http://"+u] && len(m.Links) < 100 {
					t.Fatalf("part %d: the strict text shows %q, mekiki's links are %v", i, u, m.Links)
				}
			}
		}
	})
}
