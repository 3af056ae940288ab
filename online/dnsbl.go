package online

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
)

// codeMeanings are the return codes the lists publish: Spamhaus ZEN and
// DBL (spamhaus.org/faq/section/DNSBL Usage, "Return Codes"), SpamCop
// (spamcop.net/fom-serve/cache/291.html), SURBL (surbl.org/lists,
// "Combined list bitmask"). Keys are "zone suffix|code".
var codeMeanings = map[string]string{
	"zen.spamhaus.org|127.0.0.2":   "SBL: a spam source or spam operation",
	"zen.spamhaus.org|127.0.0.3":   "SBL CSS: snowshoe spam",
	"zen.spamhaus.org|127.0.0.4":   "XBL: an infected or exploited machine",
	"zen.spamhaus.org|127.0.0.5":   "XBL: an infected or exploited machine",
	"zen.spamhaus.org|127.0.0.6":   "XBL: an infected or exploited machine",
	"zen.spamhaus.org|127.0.0.7":   "XBL: an infected or exploited machine",
	"zen.spamhaus.org|127.0.0.9":   "SBL DROP: a hijacked or criminal network",
	"zen.spamhaus.org|127.0.0.10":  "PBL: an address that should not send mail directly (ISP policy)",
	"zen.spamhaus.org|127.0.0.11":  "PBL: an address that should not send mail directly (Spamhaus)",
	"bl.spamcop.net|127.0.0.2":     "reported by SpamCop users as sending spam",
	"dbl.spamhaus.org|127.0.1.2":   "a spam domain",
	"dbl.spamhaus.org|127.0.1.4":   "a phishing domain",
	"dbl.spamhaus.org|127.0.1.5":   "a malware domain",
	"dbl.spamhaus.org|127.0.1.6":   "a botnet command-and-control domain",
	"dbl.spamhaus.org|127.0.1.102": "an abused legitimate domain (spam)",
	"dbl.spamhaus.org|127.0.1.103": "an abused legitimate redirector",
	"dbl.spamhaus.org|127.0.1.104": "an abused legitimate domain (phishing)",
	"dbl.spamhaus.org|127.0.1.105": "an abused legitimate domain (malware)",
	"dbl.spamhaus.org|127.0.1.106": "an abused legitimate domain (botnet)",
}

// refusal reads the answers lists give instead of a listing: Spamhaus's
// 127.255.255.252–255 (bad key, public resolver, too many queries) and
// SURBL's 127.0.0.1 (access blocked).
func refusal(zone string, a netip.Addr) string {
	s := a.String()
	switch {
	case strings.HasPrefix(s, "127.255.255."):
		return "the list refused the query (" + s + "): it does not answer this resolver; use your own resolver or a data-query key"
	case strings.HasSuffix(zone, "surbl.org") && s == "127.0.0.1":
		return "the list refused the query (127.0.0.1): access blocked for this resolver"
	case !strings.HasPrefix(s, "127."):
		return "the answer " + s + " is not a blocklist code (a resolver that redirects unknown names?)"
	}
	return ""
}

// meaning describes a listing code.
func meaning(zone string, a netip.Addr) string {
	for k, v := range codeMeanings {
		z, code, _ := strings.Cut(k, "|")
		if strings.HasSuffix(zone, z) && code == a.String() {
			return v
		}
	}
	if strings.HasSuffix(zone, "surbl.org") {
		var kinds []string
		b := a.As4()[3]
		for bit, name := range map[byte]string{8: "phishing", 16: "malware", 64: "abused or cracked site", 128: "cracked site"} {
			if b&bit != 0 {
				kinds = append(kinds, name)
			}
		}
		if len(kinds) > 0 {
			return "listed by SURBL: " + strings.Join(kinds, ", ")
		}
	}
	return "listed"
}

// reversed writes an IP the way DNSBLs are queried: 4.3.2.1 for
// 1.2.3.4, nibbles for IPv6.
func reversed(ip netip.Addr) string {
	if ip.Is4() || ip.Is4In6() {
		b := ip.Unmap().As4()
		return fmt.Sprintf("%d.%d.%d.%d", b[3], b[2], b[1], b[0])
	}
	b := ip.As16()
	var parts []string
	for i := 15; i >= 0; i-- {
		parts = append(parts, fmt.Sprintf("%x.%x", b[i]&0xf, b[i]>>4))
	}
	return strings.Join(parts, ".")
}

func (c *Client) dnsbl(ctx context.Context, f *Facts, ip netip.Addr, zone string) {
	c.listing(ctx, f, reversed(ip)+"."+zone, ip.String(), zone, &f.OriginListings)
}

func (c *Client) uribl(ctx context.Context, f *Facts, d, zone string) {
	c.listing(ctx, f, d+"."+zone, d, zone, &f.URIListings)
}

// listingAnswer is one list's answer: Code "" when not listed.
type listingAnswer struct {
	Code string
}

// listing asks one list about one name.
func (c *Client) listing(ctx context.Context, f *Facts, q, name, zone string, into *[]Listing) {
	var ans listingAnswer
	if !c.cfg.Cache.get("listing", q, &ans) {
		addrs, err := c.r.LookupNetIP(ctx, "ip4", q)
		switch {
		case notFound(err):
		case err != nil:
			f.fail("%s for %s: %v", zone, name, shortErr(err))
			return
		default:
			for _, a := range addrs {
				if why := refusal(zone, a); why != "" {
					f.fail("%s for %s: %s", zone, name, why)
					return
				}
			}
			if len(addrs) > 0 {
				ans.Code = addrs[0].String()
			}
		}
		c.cfg.Cache.put("listing", q, ans)
	}
	if ans.Code == "" {
		return
	}
	code := netip.MustParseAddr(ans.Code)
	f.mu.Lock()
	defer f.mu.Unlock()
	*into = append(*into, Listing{Zone: zone, Name: name, Code: ans.Code, Meaning: meaning(zone, code)})
}
