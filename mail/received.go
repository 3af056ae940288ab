package mail

import (
	"net/netip"
	"strings"
	"time"
)

// Hop is one Received header field: which host handed the message to which.
// Values are as the receiving host wrote them; only the top hops, written by
// the recipient's own servers, can be trusted.
type Hop struct {
	Index int        `json:"index"` // position in the header block, 0 = top-most field
	From  string     `json:"from,omitempty"`
	Helo  string     `json:"helo,omitempty"`
	RDNS  string     `json:"rdns,omitempty"`
	IP    netip.Addr `json:"ip"`
	By    string     `json:"by,omitempty"`
	With  string     `json:"with,omitempty"`
	For   string     `json:"for,omitempty"` // recipient named in a "for <addr>" clause
	// Date is the time stamp after the last ";" as written; see Time.
	Date string `json:"date,omitempty"`
	Raw  string `json:"-"`
}

// Time parses the hop's time stamp; zero when missing or unreadable. It
// is parsed on demand because most hops' times are never needed.
func (h *Hop) Time() time.Time { return parseDate(h.Date) }

// parseReceived parses one Received value. Formats seen in the wild
// (Postfix, Sendmail, Exim, qmail, Exchange, Gmail) put the sending host as
// "from HELO (RDNS [IP])", "from [IP] (helo=HELO)", "from unknown (HELO x)
// (IP)" or "from HOST (IP) by …"; all are reduced to helo, rdns and ip.
func parseReceived(v string) Hop {
	h := Hop{Raw: v}
	body := v
	if semi := strings.LastIndexByte(v, ';'); semi >= 0 {
		h.Date = strings.TrimSpace(v[semi+1:])
		body = v[:semi]
	}
	lower := lowerASCII(body)
	fromPart := ""
	if i := indexWord(lower, "from"); i >= 0 {
		end := len(body)
		if j := indexWord(lower[i:], "by"); j >= 0 {
			end = i + j
		}
		fromPart = body[i+4 : end]
	}
	if j := indexWord(lower, "by"); j >= 0 {
		rest := strings.TrimSpace(body[j+2:])
		if f := strings.Fields(rest); len(f) > 0 {
			h.By = NormalizeDomain(f[0])
		}
		if k := indexWord(lower[j:], "with"); k >= 0 {
			if f := strings.Fields(body[j+k+4:]); len(f) > 0 {
				h.With = f[0]
			}
		}
		if k := indexWord(lower[j:], "for"); k >= 0 {
			if f := strings.Fields(body[j+k+3:]); len(f) > 0 && strings.Contains(f[0], "@") {
				h.For = cleanAddr(strings.TrimRight(f[0], ";"))
			}
		}
	}
	fromPart = strings.TrimSpace(fromPart)
	if fromPart == "" {
		return h
	}
	// first token outside parentheses is the HELO (or the host name)
	first := fromPart
	if p := strings.IndexAny(first, " \t("); p >= 0 {
		first = first[:p]
	}
	h.From = first
	if ip, ok := parseIPToken(first); ok {
		h.IP = ip
	} else if !strings.EqualFold(first, "unknown") {
		h.Helo = NormalizeDomain(first)
	}
	// comments: (rdns [ip]), (helo=x), (HELO x), ([ip]), (ip)
	for _, c := range parenGroups(fromPart) {
		lc := lowerASCII(c)
		for _, f := range strings.FieldsFunc(c, func(r rune) bool { return r == ' ' || r == '\t' || r == ')' || r == ',' }) {
			lf := lowerASCII(f)
			switch {
			case strings.HasPrefix(lf, "helo="):
				h.Helo = NormalizeDomain(f[5:])
			case strings.HasPrefix(lf, "[") || strings.HasPrefix(lf, "ipv6:"):
				if ip, ok := parseIPToken(f); ok && !h.IP.IsValid() {
					h.IP = ip
				}
			default:
				if ip, ok := parseIPToken(f); ok {
					if !h.IP.IsValid() {
						h.IP = ip
					}
				} else if strings.Contains(f, ".") && h.RDNS == "" && !strings.Contains(lc, "helo ") &&
					!strings.HasPrefix(lf, "port=") && !strings.Contains(lf, "=") && !strings.Contains(lf, "@") {
					h.RDNS = NormalizeDomain(f)
				}
			}
		}
		if k := strings.Index(lc, "helo "); k >= 0 {
			if f := strings.Fields(c[k+5:]); len(f) > 0 {
				h.Helo = NormalizeDomain(f[0])
			}
		}
	}
	if h.RDNS == "unknown" || strings.HasPrefix(h.RDNS, "may") {
		h.RDNS = ""
	}
	return h
}

// parenGroups returns the contents of the top-level parenthesised comments.
func parenGroups(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			if depth == 0 {
				start = i + 1
			}
			depth++
		case ')':
			if depth > 0 {
				depth--
				if depth == 0 {
					out = append(out, s[start:i])
				}
			}
		}
	}
	if depth > 0 {
		out = append(out, s[start:])
	}
	return out
}

// parseIPToken reads an IP address from tokens like "[192.0.2.1]",
// "[IPv6:2001:db8::1]", "192.0.2.1", "(192.0.2.1)" or "[192.0.2.1]:25".
func parseIPToken(s string) (netip.Addr, bool) {
	s = strings.Trim(s, "()[],;")
	if len(s) > 5 && strings.EqualFold(s[:5], "ipv6:") {
		s = s[5:]
	}
	if i := strings.IndexByte(s, ']'); i >= 0 {
		s = s[:i]
	}
	if strings.Count(s, ":") == 1 && strings.Count(s, ".") == 3 { // ip:port
		s = s[:strings.IndexByte(s, ':')]
	}
	if s == "" || !(s[0] >= '0' && s[0] <= '9' || s[0] >= 'a' && s[0] <= 'f' || s[0] >= 'A' && s[0] <= 'F' || s[0] == ':') {
		return netip.Addr{}, false
	}
	ip, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return ip.Unmap(), true
}

// indexWord finds word in s as a whole word (surrounded by space or
// string edges). s must be lower-case.
func indexWord(s, word string) int {
	off := 0
	for {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return -1
		}
		i += off
		before := i == 0 || s[i-1] == ' ' || s[i-1] == '\t' || s[i-1] == '\n' || s[i-1] == ')'
		after := i+len(word) == len(s) || s[i+len(word)] == ' ' || s[i+len(word)] == '\t' || s[i+len(word)] == '\n'
		if before && after {
			return i
		}
		off = i + len(word)
	}
}

// IsPrivate reports whether ip is loopback, private, link-local, CGNAT or
// otherwise not a public Internet address.
func IsPrivate(ip netip.Addr) bool {
	if !ip.IsValid() {
		return true
	}
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() || ip.IsMulticast() {
		return true
	}
	if ip.Is4() {
		b := ip.As4()
		if b[0] == 100 && b[1]&0xc0 == 64 { // 100.64.0.0/10 CGNAT
			return true
		}
		if b[0] == 0 || b[0] >= 240 {
			return true
		}
	}
	return false
}
