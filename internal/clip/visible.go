package clip

import (
	"fmt"
	"strings"
)

// Hidden reports a character that would not show as itself on a
// terminal or a web page but could change what is shown around it: the
// C0 and C1 controls (newline and tab too: a name or a subject is one
// line), DEL, the bidirectional controls (U+061C, U+200E/F,
// U+202A–202E, U+2066–2069) and the line and paragraph separators.
func Hidden(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f || r == 0x2028 || r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Visible writes every Hidden character of s as ⟨U+202E⟩, so that a
// file name like "invoice\u202Efdp.exe" shows its trick instead of
// playing it.
func Visible(s string) string {
	if !strings.ContainsFunc(s, Hidden) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if Hidden(r) {
			fmt.Fprintf(&b, "⟨U+%04X⟩", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
