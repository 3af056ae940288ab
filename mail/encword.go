package mail

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// encodedWord is one RFC 2047 =?charset?enc?text?= token, already
// transfer-decoded to the bytes of its charset.
type encodedWord struct {
	charset string
	data    []byte
}

// DecodeHeader decodes the RFC 2047 encoded-words in a header value and any
// raw 8-bit bytes in it, returning UTF-8. It is lenient the way mail in
// Japan requires: adjacent encoded-words of the same charset are joined
// before the charset is decoded, so a character split across two words
// survives; encoded-words inside quoted strings and words not separated by
// white space are decoded; missing base64 padding is tolerated; raw 8-bit
// bytes are sniffed (UTF-8, then Shift_JIS or EUC-JP). hint is the
// charset to try first for raw bytes (the body's charset), or "".
func DecodeHeader(v, hint string) string {
	if !strings.Contains(v, "=?") {
		return decodeRawHeader(v, hint)
	}
	var out strings.Builder
	var pending []encodedWord
	flush := func() {
		for i := 0; i < len(pending); {
			j := i + 1
			for j < len(pending) && strings.EqualFold(pending[j].charset, pending[i].charset) {
				j++
			}
			out.WriteString(decodeRun(pending[i:j]))
			i = j
		}
		pending = pending[:0]
	}
	rest := v
	for len(rest) > 0 {
		start := strings.Index(rest, "=?")
		if start < 0 {
			flush()
			out.WriteString(decodeRawHeader(rest, hint))
			break
		}
		w, n, ok := parseEncodedWord(rest[start:])
		if !ok {
			flush()
			out.WriteString(decodeRawHeader(rest[:start+2], hint))
			rest = rest[start+2:]
			continue
		}
		gap := rest[:start]
		// White space between two encoded-words is not displayed (RFC 2047 §6.2).
		if len(pending) == 0 || strings.TrimLeft(gap, " \t\r\n") != "" {
			flush()
			out.WriteString(decodeRawHeader(gap, hint))
		}
		pending = append(pending, w)
		rest = rest[start+n:]
	}
	flush()
	return out.String()
}

// decodeRun decodes adjacent encoded-words of one charset. Joining their
// bytes first keeps a character split across two words intact; but when a
// single word is mislabelled, joining spoils its neighbours, so the words
// are also decoded one by one and the reading with fewer errors wins.
func decodeRun(run []encodedWord) string {
	var joined []byte
	for _, w := range run {
		joined = append(joined, w.data...)
	}
	text, sniffed := decodeCharset(joined, run[0].charset)
	if len(run) == 1 {
		return text
	}
	cost := decodeCost(text, sniffed)
	if cost == 0 {
		return text
	}
	var each strings.Builder
	eachCost := 0
	for _, w := range run {
		t, s := decodeCharset(w.data, w.charset)
		eachCost += decodeCost(t, s)
		each.WriteString(t)
	}
	if eachCost < cost {
		return each.String()
	}
	return text
}

func decodeCost(s string, sniffed bool) int {
	c := 4 * strings.Count(s, "\uFFFD")
	if sniffed {
		c++
	}
	return c
}

// parseEncodedWord parses an encoded-word at the start of s and reports how
// many bytes it used.
func parseEncodedWord(s string) (encodedWord, int, bool) {
	// =?charset?X?text?=
	q1 := strings.IndexByte(s[2:], '?')
	if q1 < 0 {
		return encodedWord{}, 0, false
	}
	q1 += 2
	if q1+3 > len(s) || s[q1+2] != '?' {
		return encodedWord{}, 0, false
	}
	charset := s[2:q1]
	if i := strings.IndexByte(charset, '*'); i >= 0 { // RFC 2231 language suffix
		charset = charset[:i]
	}
	if charset == "" || strings.ContainsAny(charset, " \t\r\n") {
		return encodedWord{}, 0, false
	}
	enc := s[q1+1]
	end := strings.Index(s[q1+3:], "?=")
	if end < 0 {
		return encodedWord{}, 0, false
	}
	text := s[q1+3 : q1+3+end]
	if strings.ContainsAny(text, " \t") && enc != 'Q' && enc != 'q' {
		return encodedWord{}, 0, false
	}
	var data []byte
	switch enc {
	case 'B', 'b':
		data = decodeBase64Lenient(text)
	case 'Q', 'q':
		data = decodeQWord(text)
	default:
		return encodedWord{}, 0, false
	}
	return encodedWord{charset: charset, data: data}, q1 + 3 + end + 2, true
}

// decodeBase64Lenient decodes base64 with or without padding, ignoring
// characters outside the alphabet, and returns what it could decode.
func decodeBase64Lenient[T string | []byte](s T) []byte {
	clean := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' {
			clean = append(clean, c)
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
	n, _ := base64.RawStdEncoding.Decode(out, clean)
	return out[:n]
}

func decodeQWord(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_':
			out = append(out, ' ')
		case c == '=' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		case c == '=' && i == len(s)-1:
			// A lone "=" before "?=" (=?shift-jis?Q?=93=FA=96{=8C=EA=?=)
			// is an encoder's slip, not text.
		default:
			out = append(out, c)
		}
	}
	return out
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// decodeRawHeader decodes a header fragment that is not an encoded-word.
// Raw 8-bit and ISO-2022-JP escape sequences are common in Japanese mail.
func decodeRawHeader(s, hint string) string {
	if !strings.Contains(s, "\x1b") && utf8.ValidString(s) {
		// ASCII, or raw UTF-8: valid UTF-8 is almost never another charset
		// by accident, so it wins over the body's charset.
		return s
	}
	out, _ := decodeCharset([]byte(s), hint)
	return out
}

// headerWordCharset returns the charset of the first encoded-word in the
// Subject or From field: what a mail program assumes for a body that
// declares none.
func headerWordCharset(h Header) string {
	for _, name := range []string{"Subject", "From"} {
		v := h.Get(name)
		i := strings.Index(v, "=?")
		if i < 0 {
			continue
		}
		if w, _, ok := parseEncodedWord(v[i:]); ok {
			return w.charset
		}
	}
	return ""
}
