package show

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// cut returns at most n bytes of s, cut at a character boundary, and how
// many bytes were left out.
func cut(s string, n int) (string, int) {
	if n < 0 {
		n = 0
	}
	if len(s) <= n {
		return s, 0
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], len(s) - n
}

// hiddenRune reports a character that a terminal or a browser does not
// show as itself: controls (but for newline and tab), format characters
// (bidirectional overrides such as U+202E, zero-width spaces, the BOM),
// line and paragraph separators.
func hiddenRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return r > 0x7f && unicode.Is(unicode.Cf, r)
}

// Visible is s with every character that would not show as itself (see
// hiddenRune) written as "[U+202E]", and CRLF as a newline, so that text
// from a mail can go to a terminal: it can neither reorder nor overwrite
// what is shown, nor send escape sequences.
func Visible(s string) string {
	if !strings.ContainsFunc(s, hiddenRune) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if hiddenRune(r) {
			fmt.Fprintf(&b, "[U+%04X]", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeHidden rewrites, in JSON text, every character hiddenRune names
// as a \u escape: the JSON means the same, but no raw U+202E reaches a
// terminal that shows it. The JSON encoder already escapes the C0
// controls; the others can only stand inside strings.
func escapeHidden(js []byte) []byte {
	if !strings.ContainsFunc(string(js), func(r rune) bool { return r >= 0x7f && hiddenRune(r) }) {
		return js
	}
	var b strings.Builder
	b.Grow(len(js) + 64)
	for _, r := range string(js) {
		if r >= 0x7f && hiddenRune(r) {
			if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
				fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
			continue
		}
		b.WriteRune(r)
	}
	return []byte(b.String())
}
