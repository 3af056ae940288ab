package domain

import (
	"net/netip"
	"strconv"
	"strings"
)

// URL is a link destination read the way a browser reads it, so that the
// host mekiki judges is the host the reader's browser would open.
type URL struct {
	Raw         string // as written in the mail
	Scheme      string // lower-case, "" for "www.example.jp"
	User        string // userinfo before the @, "" when none
	Host        string // lower-case ASCII (punycode), no trailing dot; IPv4 in dotted form
	HostUnicode string // the host as the reader sees it (IDN decoded)
	Port        string // only when not the scheme's default
	Path        string // percent-decoded where the result is printable
	RawQuery    string
	Fragment    string
	Registrable string // organizational domain of Host
	IP          bool   // Host is an IP address (in any form a browser accepts)
	// Overlong is set when the host as written is longer than DNS allows
	// (MaxHostLength in all or MaxLabelLength a label); Host then holds
	// only its rightmost labels that fit.
	Overlong bool
}

// ParseURL reads raw like a browser (WHATWG URL rules where they matter
// for phishing): surrounding spaces and embedded tabs and newlines are
// dropped, backslashes count as slashes, the scheme and host are
// case-insensitive, a percent-encoded host is decoded, full-width dots
// and Unicode host names go through IDNA, a trailing dot and a default
// port are removed, and decimal, hexadecimal and octal IPv4 forms
// (http://3232235777/) become dotted quads. ok is false when raw has no
// host (mailto:, relative links, javascript:).
func ParseURL(raw string) (u URL, ok bool) {
	u.Raw = raw
	s := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.TrimSpace(raw))
	s = strings.ReplaceAll(s, `\`, "/")
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "http:"), strings.HasPrefix(lower, "https:"):
		i := strings.IndexByte(s, ':')
		u.Scheme = lower[:i]
		s = strings.TrimLeft(s[i+1:], "/") // browsers accept http:/x and http:///x
	case strings.HasPrefix(lower, "//"):
		s = s[2:]
	case strings.HasPrefix(lower, "www."):
	default:
		if i := strings.Index(s, "://"); i > 0 && isScheme(lower[:i]) && lower[:i] != "javascript" && lower[:i] != "data" {
			u.Scheme = lower[:i]
			s = s[i+3:]
			break
		}
		return u, false
	}
	auth := s
	rest := ""
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		auth, rest = s[:i], s[i:]
	}
	if i := strings.LastIndexByte(auth, '@'); i >= 0 {
		u.User, auth = auth[:i], auth[i+1:]
	}
	host := auth
	if strings.HasPrefix(host, "[") {
		j := strings.IndexByte(host, ']')
		if j < 0 {
			return u, false
		}
		host, u.Port = host[1:j], strings.TrimPrefix(host[j+1:], ":")
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host, u.Port = host[:i], host[i+1:]
	}
	if u.Port == defaultPort(u.Scheme) {
		u.Port = ""
	}
	host = PercentDecode(host)
	u.Host, u.HostUnicode, u.IP, u.Overlong = normalizeHost(host)
	if u.Host == "" {
		return u, false
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest, u.Fragment = rest[:i], rest[i+1:]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, u.RawQuery = rest[:i], rest[i+1:]
	}
	u.Path = rest
	if d := PercentDecode(rest); printable(d) {
		u.Path = d
	}
	if u.Path == "" {
		u.Path = "/"
	}
	if !u.IP {
		u.Registrable = Registrable(u.Host)
	} else {
		u.Registrable = u.Host
	}
	return u, true
}

// String returns the normalised URL: lower-case scheme and host, no
// default port, decoded path.
func (u URL) String() string {
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme)
		b.WriteString("://")
	}
	if strings.Contains(u.Host, ":") {
		b.WriteString("[" + u.Host + "]")
	} else {
		b.WriteString(u.Host)
	}
	if u.Port != "" {
		b.WriteString(":" + u.Port)
	}
	b.WriteString(u.Path)
	if u.RawQuery != "" {
		b.WriteString("?" + u.RawQuery)
	}
	return b.String()
}

// Query returns the decoded values of the query and of a fragment written
// like a query ("#/?url=…", used by single-page redirectors), in order.
func (u URL) Query() []KV {
	var out []KV
	for _, part := range []string{u.RawQuery, fragmentQuery(u.Fragment)} {
		for _, kv := range strings.FieldsFunc(part, func(r rune) bool { return r == '&' || r == ';' }) {
			k, v, _ := strings.Cut(kv, "=")
			out = append(out, KV{Key: strings.ToLower(PercentDecode(strings.ReplaceAll(k, "+", " "))), Value: PercentDecode(strings.ReplaceAll(v, "+", " "))})
		}
	}
	return out
}

// KV is one decoded query parameter.
type KV struct{ Key, Value string }

func fragmentQuery(f string) string {
	if i := strings.IndexByte(f, '?'); i >= 0 {
		return f[i+1:]
	}
	return ""
}

func isScheme(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

func defaultPort(scheme string) string {
	switch scheme {
	case "http", "":
		return "80"
	case "https":
		return "443"
	case "ftp":
		return "21"
	}
	return ""
}

// normalizeHost returns the ASCII and Unicode forms of host, whether it
// is an IP address, and whether it was longer than DNS allows (then the
// forms keep only its rightmost labels).
func normalizeHost(host string) (ascii, unicode string, ip, overlong bool) {
	h := strings.TrimSpace(host)
	if len(h) <= maxRawHost {
		if a, err := netip.ParseAddr(h); err == nil && a.Is6() {
			return strings.ToLower(a.String()), strings.ToLower(a.String()), true, false
		}
	}
	h, overlong = normalize(h)
	if h == "" || strings.ContainsAny(h, " /") {
		return "", "", false, false
	}
	overlong = overlong || longLabel(h)
	if v4, ok := parseIPv4(h); ok {
		return v4, v4, true, overlong
	}
	return h, toUnicode(h), false, overlong
}

// parseIPv4 implements the WHATWG IPv4 parser: one to four dot-separated
// numbers in decimal, 0x-hex or 0-octal, the last filling the remaining
// bytes. A host whose last label is not a number is a name.
func parseIPv4(h string) (string, bool) {
	parts := strings.Split(h, ".")
	if len(parts) > 4 {
		return "", false
	}
	last := parts[len(parts)-1]
	if _, ok := parseIPv4Number(last); !ok {
		return "", false
	}
	var nums []uint64
	for _, p := range parts {
		n, ok := parseIPv4Number(p)
		if !ok {
			return "", false
		}
		nums = append(nums, n)
	}
	for _, n := range nums[:len(nums)-1] {
		if n > 255 {
			return "", false
		}
	}
	lastN := nums[len(nums)-1]
	if lastN >= 1<<(8*(5-len(nums))) {
		return "", false
	}
	var v uint32
	for i, n := range nums[:len(nums)-1] {
		v |= uint32(n) << (8 * (3 - i))
	}
	v |= uint32(lastN)
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}).String(), true
}

func parseIPv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	base := 10
	switch {
	case len(s) > 1 && (s[:2] == "0x" || s[:2] == "0X"):
		s, base = s[2:], 16
		if s == "" {
			return 0, true
		}
	case len(s) > 1 && s[0] == '0':
		s, base = s[1:], 8
	}
	n, err := strconv.ParseUint(s, base, 64)
	if err != nil || n > 1<<32 {
		return 0, false
	}
	return n, true
}

// PercentDecode decodes %XX escapes, leaving malformed ones as they are.
func PercentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
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
	}
	return c - 'A' + 10
}

// printable reports whether s is valid text without control characters.
func printable(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			return false
		}
	}
	return true
}
