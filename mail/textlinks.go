package mail

import (
	"strings"
)

// textURLs finds bare URLs in plain text. A URL ends at white space, at
// the first non-ASCII character (Japanese text runs straight on after a
// URL: "https://example/loginこちらから"), and at quotes or angle
// brackets; trailing sentence punctuation and unbalanced closing brackets
// are dropped.
func textURLs(s string) []string {
	var out []string
	lower := strings.ToLower(s)
	for off := 0; off < len(s); {
		i, skip := nextURLStart(lower[off:])
		if i < 0 {
			break
		}
		start := off + i
		end := start + skip
		for end < len(s) && isURLByte(s[end]) {
			end++
		}
		u := trimURLTail(s[start:end])
		if len(u) > skip {
			out = append(out, u)
		}
		off = end
	}
	return out
}

// nextURLStart returns the index of the next "http://", "https://" or
// "www." (at a word start) in lower, and the length of that prefix.
func nextURLStart(lower string) (int, int) {
	best, n := -1, 0
	for _, p := range []string{"https://", "http://", "www."} {
		off := 0
		for {
			i := strings.Index(lower[off:], p)
			if i < 0 {
				break
			}
			i += off
			if p == "www." && i > 0 && (isURLByte(lower[i-1]) && lower[i-1] != '(' && lower[i-1] != '[') {
				off = i + len(p)
				continue
			}
			if best < 0 || i < best {
				best, n = i, len(p)
			}
			break
		}
	}
	return best, n
}

func isURLByte(c byte) bool {
	if c <= ' ' || c >= 0x7f {
		return false
	}
	switch c {
	case '"', '<', '>', '`', '{', '}', '|', '\\', '^':
		return false
	}
	return true
}

func trimURLTail(u string) string {
	for len(u) > 0 {
		c := u[len(u)-1]
		switch c {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			u = u[:len(u)-1]
			continue
		case ')':
			if strings.Count(u, "(") < strings.Count(u, ")") {
				u = u[:len(u)-1]
				continue
			}
		case ']':
			if strings.Count(u, "[") < strings.Count(u, "]") {
				u = u[:len(u)-1]
				continue
			}
		}
		break
	}
	return u
}
