package mail

import (
	"strings"
)

// textURLs finds bare URLs in plain text. A URL ends at white space, at
// the first non-ASCII character (Japanese text runs straight on after a
// URL: "https://example/loginこちらから"), and at quotes or angle
// brackets; trailing sentence punctuation and unbalanced closing brackets
// are dropped.
//
// stop is asked every stopEvery URLs; when it says so, the URLs found so
// far are returned.
func textURLs(stop func() bool, s string) []string {
	s = foldFullWidthURLs(s)
	var out []string
	lower := lowerASCII(s)
	nextHTTP, nextWWW := -1, -1 // cached next candidate positions
	for off := 0; off < len(s); {
		if len(out)%stopEvery == stopEvery-1 && stop() {
			return out
		}
		if nextHTTP < off {
			nextHTTP = indexFrom(lower, "http", off)
		}
		if nextWWW < off {
			nextWWW = indexFrom(lower, "www.", off)
		}
		var start, skip int
		switch {
		case nextHTTP < len(s) && nextHTTP < nextWWW:
			start = nextHTTP
			switch {
			case strings.HasPrefix(lower[start:], "https://"):
				skip = 8
			case strings.HasPrefix(lower[start:], "http://"):
				skip = 7
			default:
				off = start + 4
				continue
			}
		case nextWWW < len(s):
			start, skip = nextWWW, 4
			if start > 0 && isURLByte(lower[start-1]) && lower[start-1] != '(' && lower[start-1] != '[' {
				off = start + 4
				continue
			}
		default:
			return out
		}
		end := start + skip
		for end < len(s) && isURLByte(s[end]) {
			end++
		}
		joined := false
		for next := foldedContinuation(s, end); next > end; next = foldedContinuation(s, end) {
			// A mailer wrapped a long URL at its line width: the URL goes
			// on at the start of the next line.
			end = next
			for end < len(s) && isURLByte(s[end]) {
				end++
			}
			joined = true
		}
		if joined {
			u := strings.NewReplacer("\r\n", "", "\n", "").Replace(s[start:end])
			if u = trimURLTail(u); len(u) > skip && !defanged(u[skip:]) {
				out = append(out, u)
			}
			off = end
			continue
		}
		if u := trimURLTail(s[start:end]); len(u) > skip && !defanged(u[skip:]) {
			out = append(out, u)
		}
		off = end
	}
	return out
}

// defanged reports a host written the way warnings quote a phishing URL
// so that nobody can click it (amazon-jp[.]example[.]cn, www(.)x(dot)com):
// a quotation, not a link. rest is the URL after its scheme.
func defanged(rest string) bool {
	host := rest
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	host = strings.ToLower(host)
	for _, mark := range []string{"[.]", "(.)", "{.}", "[dot]", "(dot)", "[:]"} {
		if strings.Contains(host, mark) {
			return true
		}
	}
	return false
}

// wrapWidth is the shortest line that counts as wrapped by a mailer
// (most wrap at 72 to 78 characters; some Japanese mailers at 70 bytes).
const wrapWidth = 64

// foldedContinuation returns where a URL that stops at a line break
// continues on the next line, or -1. It continues only when the line was
// long enough to have been wrapped, the URL reached its very end, and the
// next line starts straight away with URL characters that look like the
// rest of a path or query (one of / ? = & % . - _ within its first word).
func foldedContinuation(s string, end int) int {
	if end >= len(s) || s[end] != '\n' && s[end] != '\r' {
		return -1
	}
	lineStart := strings.LastIndexByte(s[:end], '\n') + 1
	if end-lineStart < wrapWidth {
		return -1
	}
	next := end + 1
	if s[end] == '\r' && next < len(s) && s[next] == '\n' {
		next++
	}
	j := next
	for j < len(s) && isURLByte(s[j]) {
		j++
	}
	word := s[next:j]
	if len(word) < 2 || !strings.ContainsAny(word, "/?=&%._-") || strings.HasPrefix(strings.ToLower(word), "http") || strings.HasPrefix(strings.ToLower(word), "www.") {
		return -1
	}
	return next
}

// indexFrom is strings.Index from offset off; when sub does not occur it
// returns a position past the end, so the search is not repeated.
func indexFrom(s, sub string, off int) int {
	i := strings.Index(s[off:], sub)
	if i < 0 {
		return len(s) + 1
	}
	return off + i
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

// trimURLTail drops trailing sentence punctuation and unbalanced closing
// brackets. The brackets are counted once, so a URL followed by 200,000
// ")" costs linear time.
func trimURLTail(u string) string {
	open, closed := strings.Count(u, "("), strings.Count(u, ")")
	openSq, closedSq := strings.Count(u, "["), strings.Count(u, "]")
	for len(u) > 0 {
		c := u[len(u)-1]
		switch c {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			u = u[:len(u)-1]
			continue
		case ')':
			if open < closed {
				u, closed = u[:len(u)-1], closed-1
				continue
			}
		case ']':
			if openSq < closedSq {
				u, closedSq = u[:len(u)-1], closedSq-1
				continue
			}
		}
		break
	}
	return u
}

// foldFullWidthURLs rewrites full-width ASCII (ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ)
// to ASCII so that URLs written in full-width letters are found; Japanese
// text around them stays non-ASCII and still ends the URL. Only text that
// holds a full-width URL marker (ｈｔｔｐ, ｗｗｗ, or a colon and slash with
// either of them full-width) is mapped: "番号：123" alone is common in
// Japanese mail and needs no work.
func foldFullWidthURLs(s string) string {
	if !strings.Contains(s, "ｈｔｔｐ") && !strings.Contains(s, "ｗｗｗ") &&
		!strings.Contains(s, "：／") && !strings.Contains(s, "：/") && !strings.Contains(s, ":／") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFF01 + '!'
		}
		return r
	}, s)
}
