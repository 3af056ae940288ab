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

// parseReceived parses one Received value (RFC 5321 section 4.4: "from
// Extended-Domain by Extended-Domain via … with … id … for …; date").
// Clause words count only outside comments, so "(qmail 1 invoked by uid
// 89)" or "(using TLSv1.2 with cipher …)" never start a clause. The sending
// host's names come from the TCP-info comment that follows "from", in the
// forms of the common MTAs:
//
//	Postfix, Sendmail, Gmail: from HELO (RDNS [IP])   or (unknown [IP])
//	Exim:                     from RDNS ([IP] helo=HELO) or from [IP] (helo=HELO)
//	qmail:                    from RDNS (HELO x) (IP)  or from unknown (HELO x) (IP)
//	Exchange, Outlook:        from HELO (IP)
//
// Further comments (TLS versions, "Authenticated sender", envelope-from)
// are ignored. The address the receiver saw in a comment wins over an
// address literal given as HELO.
func parseReceived(v string) Hop {
	h := Hop{Raw: v}
	body := v
	if semi := strings.LastIndexByte(v, ';'); semi >= 0 {
		h.Date = strings.TrimSpace(v[semi+1:])
		body = v[:semi]
	}
	var cl receivedParts
	cl.split(body)
	if c := &cl.by; len(c.words) > 0 {
		h.By = NormalizeDomain(c.words[0])
	}
	if c := &cl.with; len(c.words) > 0 {
		h.With = c.words[0]
	}
	if c := &cl.forAddr; len(c.words) > 0 && strings.Contains(c.words[0], "@") {
		h.For = cleanAddr(c.words[0])
	}
	from := &cl.from
	if len(from.words) == 0 {
		return h
	}
	first := from.words[0]
	h.From = first
	firstIP, firstIsIP := parseIPToken(first)
	if firstIsIP {
		h.IP = firstIP
		if !strings.HasPrefix(first, "[") {
			// Postfix, Sendmail and Exchange write the client's greeting
			// here: a bare address is what it said in HELO.
			h.Helo = first
		}
	} else if !strings.EqualFold(first, "unknown") {
		h.Helo = NormalizeDomain(first)
	}
	for _, c := range from.comments {
		if readTCPInfo(&h, c, first, firstIsIP) {
			break
		}
	}
	if h.RDNS == "unknown" {
		h.RDNS = ""
	}
	return h
}

// clause is one part of a Received value: the words after a clause
// keyword and the comments among them.
type clause struct {
	words    []string
	comments []string
}

// receivedParts are the clauses of a Received value that mekiki reads.
type receivedParts struct {
	from, by, with, forAddr clause
}

// split splits a Received value (without its date) into its clauses by
// the keywords that stand outside comments. Only the first clause of
// each keyword is kept.
func (p *receivedParts) split(body string) {
	var seen [6]bool
	var cur *clause
	depth, start, wordStart := 0, 0, -1
	flushWord := func(end int) {
		if wordStart < 0 {
			return
		}
		w := body[wordStart:end]
		wordStart = -1
		k := -1
		if len(w) <= 4 {
			switch lowerASCII(w) {
			case "from":
				k = 0
			case "by":
				k = 1
			case "with":
				k = 2
			case "for":
				k = 3
			case "via":
				k = 4
			case "id":
				k = 5
			}
		}
		if k >= 0 {
			cur = nil
			if !seen[k] {
				seen[k] = true
				cur = [...]*clause{&p.from, &p.by, &p.with, &p.forAddr, nil, nil}[k]
			}
			return
		}
		if cur != nil {
			cur.words = append(cur.words, w)
		}
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '(':
			if depth == 0 {
				flushWord(i)
				start = i + 1
			}
			depth++
		case c == ')' && depth > 0:
			depth--
			if depth == 0 && cur != nil {
				cur.comments = append(cur.comments, body[start:i])
			}
		case depth > 0:
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			flushWord(i)
		case wordStart < 0:
			wordStart = i
		}
	}
	if depth > 0 && cur != nil {
		cur.comments = append(cur.comments, body[start:])
	}
	flushWord(len(body))
}

// readTCPInfo reads the sending host's names and address from one comment
// of the from clause, first being the word after "from", and reports
// whether the comment named the address the receiver saw; the comments
// after that one are left alone.
func readTCPInfo(h *Hop, comment, first string, firstIsIP bool) bool {
	words := strings.FieldsFunc(stripComments(comment), func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == ',' })
	var ip netip.Addr
	helo, name := "", ""
	for i := 0; i < len(words); i++ {
		w := words[i]
		lw := lowerASCII(w)
		switch {
		case strings.HasPrefix(lw, "helo="):
			helo = w[5:]
		case lw == "helo" && i+1 < len(words):
			helo = words[i+1]
			i++
		default:
			if a, ok := parseIPToken(w); ok {
				if !ip.IsValid() {
					ip = a
				}
			} else if name == "" && !ip.IsValid() && looksLikeHost(w) {
				name = w
			}
		}
	}
	if helo != "" {
		// Exim and qmail write the name they looked up after "from" and
		// the HELO in the comment.
		h.Helo = NormalizeDomain(helo)
		if !firstIsIP && !strings.EqualFold(first, "unknown") {
			h.RDNS = NormalizeDomain(first)
		}
	}
	if !ip.IsValid() {
		return false
	}
	h.IP = ip
	if helo == "" && name != "" {
		h.RDNS = NormalizeDomain(name)
	}
	return true
}

// looksLikeHost reports whether w has the shape of a DNS host name: dotted
// labels of letters, digits and hyphens, the last one not all digits.
func looksLikeHost(w string) bool {
	w = strings.TrimSuffix(w, ".")
	if !strings.Contains(w, ".") || len(w) > 253 {
		return false
	}
	last := w[strings.LastIndexByte(w, '.')+1:]
	letters := false
	for i := 0; i < len(last); i++ {
		if c := last[i]; c < '0' || c > '9' {
			letters = true
		}
	}
	if !letters {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return true
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

// IsPrivate reports whether ip is loopback, private, link-local, CGNAT or
// otherwise not a public Internet address.
func IsPrivate(ip netip.Addr) bool {
	if !ip.IsValid() {
		return true
	}
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() || ip.IsMulticast() {
		return true
	}
	if ip.Is6() {
		// A 6to4 address (2002::/16) carries an IPv4 address in its bits
		// 16-47: Google's internal hops ("by 2002:a05:…") are 10.0.0.0/8.
		if b := ip.As16(); b[0] == 0x20 && b[1] == 0x02 {
			return IsPrivate(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
		}
		return false
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
