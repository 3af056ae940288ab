package mail

import (
	"strings"

	"golang.org/x/net/publicsuffix"
)

// resolveHref returns the absolute URL a mail program's browser opens for
// href, or "" when the href leads nowhere outside the message.
//
// An href with a scheme (https:, mailto:) stays as written. A scheme-less
// one is read against base, the document's absolute <base href>, as a
// browser does ("//host" takes the base's scheme, "/x", "?q", "#f" and
// "x" join its origin, path and directory). Without a base, where a
// browser would find nothing, mail programs open "www.…" and a bare host
// ("bank.example/login") over http, and "//host" over http; anything else
// (a relative path, an in-page #anchor) is no link and yields "".
func resolveHref(base, href string) string {
	href = strings.TrimSpace(href)
	// Browsers drop tabs and newlines anywhere in a URL and read
	// backslashes as slashes; the decision is made on that form, the
	// href is kept as written.
	probe := href
	if strings.ContainsAny(probe, "\t\n\r") {
		probe = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, probe)
	}
	if strings.IndexByte(probe, '\\') >= 0 {
		probe = strings.ReplaceAll(probe, `\`, "/")
	}
	switch {
	case probe == "":
		return ""
	case hasScheme(probe):
		return href
	case strings.HasPrefix(probe, "//"):
		scheme := "http"
		if i := strings.Index(base, "://"); i > 0 {
			scheme = base[:i]
		}
		return scheme + ":" + href
	case base != "":
		return joinBase(base, href, probe)
	case len(probe) > 4 && strings.EqualFold(probe[:4], "www."), bareHost(probe):
		return "http://" + href
	}
	return ""
}

// hasScheme reports whether s starts with a URL scheme and its colon
// ("https:", "mailto:"). "bank.example:8080/x" is read as a host and port,
// as mail programs read it, not as the scheme "bank.example".
func hasScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || strings.ContainsAny(s[:i], "/?#") {
		return false
	}
	for j := 0; j < i; j++ {
		c := s[j] | 0x20
		if !(c >= 'a' && c <= 'z' || j > 0 && (s[j] >= '0' && s[j] <= '9' || s[j] == '+' || s[j] == '-' || s[j] == '.')) {
			return false
		}
	}
	if strings.Contains(s[:i], ".") {
		port := s[i+1:]
		if k := strings.IndexAny(port, "/?#"); k >= 0 {
			port = port[:k]
		}
		if port != "" && strings.Trim(port, "0123456789") == "" {
			return false
		}
	}
	return true
}

// joinBase resolves a scheme-less, non-network href against an absolute
// base URL. Dot segments are left in the path: they never change the host.
func joinBase(base, href, probe string) string {
	i := strings.Index(base, "://")
	if i < 0 {
		return ""
	}
	i += 3
	rest := base[i:]
	authEnd := len(rest)
	if k := strings.IndexAny(rest, "/?#"); k >= 0 {
		authEnd = k
	}
	origin, path := base[:i+authEnd], rest[authEnd:]
	page := path
	if k := strings.IndexByte(page, '#'); k >= 0 {
		page = page[:k]
	}
	if k := strings.IndexByte(path, '?'); k >= 0 {
		path = path[:k]
	} else if k := strings.IndexByte(path, '#'); k >= 0 {
		path = path[:k]
	}
	switch probe[0] {
	case '/':
		return origin + href
	case '?':
		return origin + path + href
	case '#':
		return origin + page + href
	}
	dir := "/"
	if k := strings.LastIndexByte(path, '/'); k >= 0 {
		dir = path[:k+1]
	}
	return origin + dir + href
}

// bareHost reports whether a scheme-less href starts with a host name
// (under a known public suffix) or a dotted IPv4 address: "bank.example/login",
// "203.0.113.9/x". File names such as "index.html" are not hosts; an
// address without a path ("info@shop.example", a mailto: left out) is
// not a web link.
func bareHost(s string) bool {
	auth := s
	if k := strings.IndexAny(s, "/?#"); k >= 0 {
		auth = s[:k]
	}
	if k := strings.LastIndexByte(auth, '@'); k >= 0 {
		if len(auth) == len(s) {
			return false
		}
		auth = auth[k+1:]
	}
	if k := strings.LastIndexByte(auth, ':'); k >= 0 {
		if strings.Trim(auth[k+1:], "0123456789") != "" {
			return false
		}
		auth = auth[:k]
	}
	host := strings.ToLower(strings.TrimSuffix(auth, "."))
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return false
	}
	digits := 0
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return false
		}
		for k := 0; k < len(l); k++ {
			c := l[k]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c >= 0x80) {
				return false
			}
		}
		if strings.Trim(l, "0123456789") == "" {
			digits++
		}
	}
	if digits == len(labels) {
		return len(labels) == 4
	}
	suffix, icann := publicsuffix.PublicSuffix(host)
	return suffix != host && (icann || strings.Contains(suffix, "."))
}
