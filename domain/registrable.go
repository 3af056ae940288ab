// Package domain compares host names the way a phishing analyst does: by
// organizational (registrable) domain, after normalising case, trailing
// dots, IDNA and full-width forms.
package domain

import (
	"net/netip"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// Normalize lower-cases a host name, strips brackets, a port and trailing
// dots, and converts Unicode labels (including full-width forms and
// ideographic full stops) to their ASCII (punycode) form. Hosts that IDNA
// rejects are returned lower-cased as they are.
func Normalize(host string) string {
	h := strings.TrimSpace(host)
	h = strings.Trim(h, "[]<>\"'")
	if i := strings.LastIndexByte(h, ':'); i >= 0 && strings.Count(h, ":") == 1 {
		h = h[:i]
	}
	h = strings.TrimRight(h, ".")
	ascii := true
	for i := 0; i < len(h); i++ {
		if h[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(h)
	}
	if a, err := idna.Lookup.ToASCII(h); err == nil {
		return strings.TrimRight(a, ".")
	}
	return strings.ToLower(h)
}

// Registrable returns the organizational domain of host: the public
// suffix plus one label (login.rakuten-card.co.jp → rakuten-card.co.jp).
// An IP literal is returned as it is. A host that is itself a public
// suffix, or empty, yields "".
func Registrable(host string) string {
	h := Normalize(host)
	if h == "" {
		return ""
	}
	if _, err := netip.ParseAddr(h); err == nil {
		return h
	}
	if !strings.Contains(h, ".") {
		return ""
	}
	r, err := publicsuffix.EffectiveTLDPlusOne(h)
	if err != nil {
		return ""
	}
	return r
}

// Under reports whether host is domain itself or one of its subdomains.
func Under(host, domain string) bool {
	host, domain = Normalize(host), Normalize(domain)
	if host == "" || domain == "" {
		return false
	}
	return host == domain || strings.HasSuffix(host, "."+domain)
}
