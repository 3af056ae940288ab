package mail

import (
	"fmt"
	"strings"
	"unicode"
)

// stripInvisible removes from a display name or subject the characters a
// reader cannot see: C0 and C1 controls (NUL among them), DEL, and
// invisible format characters (zero-width space and joiners, the BOM,
// soft hyphens, bidirectional controls). Mail programs show "Ama\x00zon"
// as Amazon, or stop at the NUL; either way the sender put it there to
// split a name so that filters miss it. It returns the cleaned text and
// the distinct characters removed ("U+0000"), in order of first
// appearance. A zero-width joiner between two symbols (the glue of emoji
// sequences such as 👩‍💻) is kept.
func stripInvisible(s string) (string, []string) {
	if !strings.ContainsFunc(s, invisible) {
		return s, nil
	}
	var b strings.Builder
	var removed []string
	seen := map[rune]bool{}
	rs := []rune(s)
	for i, r := range rs {
		if !invisible(r) || r == '\u200d' && i > 0 && i+1 < len(rs) && unicode.Is(unicode.So, rs[i-1]) && unicode.Is(unicode.So, rs[i+1]) {
			b.WriteRune(r)
			continue
		}
		if !seen[r] && len(removed) < 8 {
			seen[r] = true
			removed = append(removed, fmt.Sprintf("U+%04X", r))
		}
	}
	return b.String(), removed
}

// invisible tells a control or invisible format character; tab, line
// feed and carriage return are white space, handled elsewhere.
func invisible(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || r >= 0x7f && r < 0xa0:
		return true
	case r < 0xa0:
		return false
	}
	return unicode.Is(unicode.Cf, r)
}
