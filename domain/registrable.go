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
// rejects are returned lower-cased as they are. A host longer than DNS
// allows keeps only its rightmost labels that fit in MaxHostLength: the
// registrable domain is at the right, and the work stays bounded.
func Normalize(host string) string {
	h, _ := normalize(host)
	return h
}

// normalize is Normalize that also says whether the host was longer than
// MaxHostLength and was clipped.
func normalize(host string) (string, bool) {
	h := strings.TrimSpace(host)
	h = strings.Trim(h, "[]<>\"'")
	if i := strings.LastIndexByte(h, ':'); i >= 0 && strings.Count(h, ":") == 1 {
		h = h[:i]
	}
	h = strings.TrimRight(h, ".")
	clipped := false
	if len(h) > maxRawHost {
		// Four bytes a character at most: longer than any name IDNA can
		// make fit. Cut before the costly conversion.
		h, clipped = clipLabels(h, maxRawHost), true
	}
	ascii := true
	for i := 0; i < len(h); i++ {
		if h[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		h = strings.ToLower(h)
	} else if a, err := idna.Lookup.ToASCII(h); err == nil {
		h = strings.TrimRight(a, ".")
	} else {
		h = strings.ToLower(h)
	}
	if len(h) > MaxHostLength {
		h, clipped = clipLabels(h, MaxHostLength), true
	}
	return h, clipped
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
	if mayBeIP(h) {
		if _, err := netip.ParseAddr(h); err == nil {
			return h
		}
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

// mayBeIP tells a host that could be an IP literal: IPv6 has a colon,
// IPv4 ends in a digit. Names are most hosts, and parsing them as
// addresses only to fail allocates an error each time.
func mayBeIP(h string) bool {
	c := h[len(h)-1]
	return c >= '0' && c <= '9' || strings.IndexByte(h, ':') >= 0
}

// Under reports whether host is domain itself or one of its subdomains.
func Under(host, domain string) bool {
	host, domain = Normalize(host), Normalize(domain)
	if host == "" || domain == "" {
		return false
	}
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// HasKnownTLD reports whether host ends in a top-level domain of the
// ICANN root (com, jp, fi …), or in .example or .test, which RFC 2606
// reserves for documentation and tests that stand for real domains:
// "aviso" and "x.invalidtld" do not.
func HasKnownTLD(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	i := strings.LastIndexByte(host, '.')
	if i < 0 || i == len(host)-1 {
		return false
	}
	switch tld := host[i+1:]; tld {
	case "example", "test":
		return true
	default:
		_, icann := publicsuffix.PublicSuffix(tld)
		return icann
	}
}
