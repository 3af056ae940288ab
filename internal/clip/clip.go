// Package clip cuts strings that reports and notices repeat from a mail
// to a bounded size, at a character boundary.
package clip

import "unicode/utf8"

// String cuts s to at most n bytes at a character boundary and marks the
// cut with "…"; shorter strings are returned as they are.
func String(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	// Drop a character the cut split in two.
	i := len(s) - 1
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	if i >= 0 && !utf8.FullRuneInString(s[i:]) {
		s = s[:i]
	}
	return s + "…"
}
