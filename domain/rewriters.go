package domain

import (
	"encoding/base64"
	"strings"
)

// Rewriter is a service that wraps the links of a mail in its own URL: a
// security gateway of the receiving side, or a sender's click tracker or
// redirect.
type Rewriter struct {
	Name string // the service, "Microsoft Safe Links"
	Kind string // WrapGateway or WrapRedirect
	// Opaque is set for services whose links carry only a token: the
	// target is kept on the service's servers (Mimecast, SendGrid,
	// Mailchimp, HubSpot), so Unwrap finds nothing and only the wrapper
	// is known.
	Opaque bool
}

// RewriterOf returns the known rewriting service u belongs to, whether or
// not its target can be read from the link. A link on a service's host
// but outside its wrapping path (the service's own site) is not wrapped.
func RewriterOf(u URL) (Rewriter, bool) {
	if r := rewriterFor(u); r != nil {
		return r.Rewriter, true
	}
	return Rewriter{}, false
}

// rewriter is one row of the table: where a service's wrapped links live
// and how the target is read back.
type rewriter struct {
	Rewriter
	hosts  []string          // the host, or a domain it is under
	hostOK func(string) bool // instead of hosts, when a pattern is needed
	path   string            // lower-case prefix of the decoded path; "" for any
	// decode returns the target and the parameter that held it ("" for
	// a path encoding); nil for opaque services.
	decode func(u URL) (URL, string, bool)
}

func (r *rewriter) matches(u URL, lowerPath string) bool {
	if r.path != "" && !strings.HasPrefix(lowerPath, r.path) {
		return false
	}
	if r.hostOK != nil {
		return r.hostOK(u.Host)
	}
	for _, h := range r.hosts {
		if hostUnder(u.Host, h) {
			return true
		}
	}
	return false
}

// hostUnder is Under for a host ParseURL has already normalised and a
// lower-case ASCII domain from the table: no second normalisation.
func hostUnder(host, d string) bool {
	return host == d || len(host) > len(d) && host[len(host)-len(d)-1] == '.' && host[len(host)-len(d):] == d
}

func rewriterFor(u URL) *rewriter {
	if u.IP {
		return nil
	}
	p := u.Path
	if len(p) > 64 {
		p = p[:64] // the longest prefix in the table is far shorter
	}
	p = strings.ToLower(p)
	for i := range rewriters {
		if rewriters[i].matches(u, p) {
			return &rewriters[i]
		}
	}
	return nil
}

// rewriters lists the wrapping formats, the first matching row winning.
// Sources are given row by row. "Seen in" means real wrapped links
// quoted in public mailing-list archives and repositories (found with a
// code search), which show the format the service writes; "the team's
// knowledge" marks what no public text at hand confirmed.
var rewriters = []rewriter{
	// Microsoft Defender for Office 365 Safe Links: ?url=<percent-encoded
	// URL>&data=…&sdata=…&reserved=0 on <region>.safelinks.protection.
	// outlook.com (jhochwald/PowerShell-collection Office365/
	// ConvertFrom-SafeLinksURL.ps1, vilega/O365Troubleshooters
	// ActionPlans/Start-DecodeSafeLinksURL.ps1). Teams opens the same
	// check on statics.teams.cdn.office.net/evergreen-assets/safelinks/…
	// ?url= (seen in a public link cleaner's rules); GCC High tenants'
	// safelinks.protection.office365.us is the team's knowledge.
	{Rewriter: Rewriter{Name: "Microsoft Safe Links", Kind: WrapGateway},
		hosts: []string{"safelinks.protection.outlook.com", "safelinks.protection.office365.us"}, decode: param("url")},
	{Rewriter: Rewriter{Name: "Microsoft Safe Links", Kind: WrapGateway},
		hosts: []string{"statics.teams.cdn.office.net"}, path: "/evergreen-assets/safelinks/", decode: param("url")},
	// Proofpoint URL Defense (rapid7/insightconnect-plugins
	// proofpoint_url_defense, which wraps Proofpoint's ppdecode; v1 from
	// the team's knowledge of that decoder): v1 /v1/url?u=<percent-encoded
	// URL>&k=…; v2 /v2/url?u=<URL with "-" for "%" and "_" for "/">&d=…;
	// v3 /v3/__<URL>__;<base64url>!!….
	{Rewriter: Rewriter{Name: "Proofpoint URL Defense", Kind: WrapGateway},
		hosts: []string{"urldefense.proofpoint.com", "urldefense.com"}, path: "/v1/", decode: param("u")},
	{Rewriter: Rewriter{Name: "Proofpoint URL Defense", Kind: WrapGateway},
		hosts: []string{"urldefense.proofpoint.com", "urldefense.com"}, path: "/v3/", decode: func(u URL) (URL, string, bool) {
			t, ok := proofpointV3(u.Raw)
			return t, "", ok
		}},
	{Rewriter: Rewriter{Name: "Proofpoint URL Defense", Kind: WrapGateway},
		hosts: []string{"urldefense.proofpoint.com"}, decode: func(u URL) (URL, string, bool) {
			for _, kv := range u.Query() {
				if kv.Key == "u" {
					if t, ok := httpURL(proofpointV2(kv.Value)); ok {
						return t, "u", true
					}
				}
			}
			return URL{}, "", false
		}},
	// Mimecast URL Protect: protect-<region>.mimecast.com/s/<token> and
	// url.<region>.m.mimecastprotect.com/s/<token>?domain=… (LogRhythm-
	// Tools/PIE, Invoke-PIEUrlDecode, which needs Mimecast's API to resolve
	// them; the mimecastprotect.com form is the team's knowledge). The
	// token is resolved on Mimecast's servers: opaque.
	{Rewriter: Rewriter{Name: "Mimecast URL Protect", Kind: WrapGateway, Opaque: true},
		hostOK: func(h string) bool {
			return hostUnder(h, "mimecastprotect.com") || hostUnder(h, "mimecast.com") && strings.HasPrefix(h, "protect")
		}, path: "/s/"},
	// Barracuda Email Protection, Link Protection:
	// linkprotect.cudasvc.com/url?a=<percent-encoded URL>&c=E,1,…&typo=1
	// (seen in lore.kernel.org quotes and public repositories).
	{Rewriter: Rewriter{Name: "Barracuda Link Protection", Kind: WrapGateway},
		hosts: []string{"linkprotect.cudasvc.com"}, decode: param("a")},
	// Trend Micro Email Security / Deep Discovery Email Inspector time-of-
	// click protection: <node>-ctp.trendmicro.com:443/wis/clicktime/v1/
	// query?url=<URL>&umid=…&auth=… (seen in lore.kernel.org archives);
	// the Chinese edition runs on asiainfo-sec.com.
	{Rewriter: Rewriter{Name: "Trend Micro Time-of-Click", Kind: WrapGateway},
		hosts: []string{"trendmicro.com", "asiainfo-sec.com"}, path: "/wis/clicktime/", decode: param("url")},
	// Cisco Secure Email (IronPort) URL rewriting: secure-web.cisco.com/
	// <token>/<percent-encoded URL> (the proxy template
	// secure-web.cisco.com/%(auth)s/%(url)s in a public ESA test suite;
	// seen in public repositories).
	{Rewriter: Rewriter{Name: "Cisco Secure Email", Kind: WrapGateway},
		hosts: []string{"secure-web.cisco.com"}, decode: ciscoPath},
	// Sophos Email time-of-click: <region>.protection.sophos.com/?d=<domain>
	// &u=<base64 URL>&… (ConvertFrom-SophosTimeOfClickURL, a public
	// PowerShell decoder, and its example).
	{Rewriter: Rewriter{Name: "Sophos Time-of-Click", Kind: WrapGateway},
		hosts: []string{"protection.sophos.com"}, decode: sophosParam},
	// Symantec / Broadcom Email Security.cloud click-time URL protection:
	// clicktime.symantec.com/<token>?u=<URL> (also ?h=…&u=…); the
	// /a/1/<hash>?d=<token> form is opaque (both seen in public
	// repositories).
	{Rewriter: Rewriter{Name: "Symantec Click-time URL Protection", Kind: WrapGateway},
		hosts: []string{"clicktime.symantec.com"}, decode: param("u")},
	// FireEye (Trellix) Email Security: protect2.fireeye.com/v1/url?k=…
	// &q=1&e=…&u=<percent-encoded URL> (seen in lore.kernel.org archives).
	{Rewriter: Rewriter{Name: "FireEye Email Security", Kind: WrapGateway},
		hosts: []string{"fireeye.com"}, path: "/v1/url", decode: param("u")},

	// Bing search results: bing.com/ck/a?!&&p=…&u=a1<base64url URL>&ntb=1
	// (the "a1" marker and then the URL in URL-safe base64, unpadded:
	// AirBashX/UserScript issue #25, jiang-taibai/faster-bing PR #2).
	{Rewriter: Rewriter{Name: "Bing redirect", Kind: WrapRedirect},
		hosts: []string{"bing.com"}, path: "/ck/a", decode: bingParam},
	// Google: /url?q=<URL> or ?url=<URL> (Gmail, Calendar, search), and
	// AMP viewer links /amp/s/<host/path> for https, /amp/<host/path> for
	// http, on any Google search domain (the team's knowledge; the http
	// AMP form is what phishing in the team's corpus uses on
	// www.google.co.uk).
	{Rewriter: Rewriter{Name: "Google redirect", Kind: WrapRedirect},
		hostOK: isGoogle, path: "/url", decode: param("q", "url")},
	{Rewriter: Rewriter{Name: "Google AMP viewer", Kind: WrapRedirect},
		hostOK: isGoogle, path: "/amp/", decode: googleAMP},
	// Facebook's link shim l.facebook.com/l.php?u=<URL>&h=…, also on
	// lm.facebook.com, l.messenger.com and l.instagram.com (/?u=);
	// LinkedIn's /redir/redirect?url= and /safety/go?url=; YouTube's
	// /redirect?…&q= (the team's knowledge of these endpoints, which the
	// generic parameter rule decoded before; the rows name them).
	{Rewriter: Rewriter{Name: "Facebook link shim", Kind: WrapRedirect},
		hosts: []string{"l.facebook.com", "lm.facebook.com", "l.messenger.com", "l.instagram.com"}, decode: param("u")},
	{Rewriter: Rewriter{Name: "LinkedIn redirect", Kind: WrapRedirect},
		hosts: []string{"linkedin.com"}, path: "/redir/", decode: param("url")},
	{Rewriter: Rewriter{Name: "LinkedIn redirect", Kind: WrapRedirect},
		hosts: []string{"linkedin.com"}, path: "/safety/go", decode: param("url")},
	{Rewriter: Rewriter{Name: "YouTube redirect", Kind: WrapRedirect},
		hosts: []string{"youtube.com"}, path: "/redirect", decode: param("q")},
	// Postmark click tracking: click.pstmrk.it/<version>/<percent-encoded
	// host and path, no scheme>/<tokens…>; versions 2s, 3s, 3ts are https
	// and 3 is http (seen in public repositories' captured mails and a
	// public unwrapper's tests).
	{Rewriter: Rewriter{Name: "Postmark click tracking", Kind: WrapRedirect},
		hosts: []string{"pstmrk.it"}, decode: postmarkPath},
	// Opaque click trackers: the link is a token the ESP resolves.
	// SendGrid u<id>.ct.sendgrid.net/ls/click?upn=… (and the older
	// /wf/click), Mailchimp <account>.us<n>.list-manage.com/track/click?
	// u=…&id=…&e=…, HubSpot <x>.hubspotlinks.com/Ctc/… (the team's
	// knowledge of the ESPs' tracking links; the hosts are also in
	// sublime-security/static-files mass_mailer_tracking_domains.txt).
	{Rewriter: Rewriter{Name: "SendGrid click tracking", Kind: WrapRedirect, Opaque: true},
		hosts: []string{"sendgrid.net"}, path: "/ls/click"},
	{Rewriter: Rewriter{Name: "SendGrid click tracking", Kind: WrapRedirect, Opaque: true},
		hosts: []string{"sendgrid.net"}, path: "/wf/click"},
	{Rewriter: Rewriter{Name: "Mailchimp click tracking", Kind: WrapRedirect, Opaque: true},
		hosts: []string{"list-manage.com"}, path: "/track/click"},
	{Rewriter: Rewriter{Name: "HubSpot click tracking", Kind: WrapRedirect, Opaque: true},
		hosts: []string{"hubspotlinks.com"}},
}

// param reads the target from the first of keys that holds an http(s)
// URL, percent-encoded any number of times up to three.
func param(keys ...string) func(URL) (URL, string, bool) {
	return func(u URL) (URL, string, bool) {
		q := u.Query()
		for _, key := range keys {
			for _, kv := range q {
				if kv.Key != key {
					continue
				}
				if t, ok := httpURL(kv.Value); ok {
					return t, key, true
				}
			}
		}
		return URL{}, "", false
	}
}

// isGoogle reports a host under one of Google's search domains
// (google.com, google.co.jp, google.co.uk …): its organisational domain
// is "google." and a public suffix.
func isGoogle(h string) bool {
	return strings.HasPrefix(Registrable(h), "google.")
}

// rawPath returns the path, query and fragment of u as written, before
// percent-decoding: path encodings put an escaped URL in a segment, and
// decoding first would turn its %2F into segment breaks.
func rawPath(u URL) string {
	s := strings.ReplaceAll(strings.TrimSpace(u.Raw), `\`, "/")
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "http:"), strings.HasPrefix(lower, "https:"):
		s = strings.TrimLeft(s[strings.IndexByte(s, ':')+1:], "/")
	case strings.HasPrefix(s, "//"):
		s = s[2:]
	default:
		if i := strings.Index(s, "://"); i >= 0 {
			s = s[i+3:]
		}
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		return s[i:]
	}
	return ""
}

// ciscoPath decodes secure-web.cisco.com/<token>/<percent-encoded URL>:
// everything after the token, query included, is the target.
func ciscoPath(u URL) (URL, string, bool) {
	p := strings.TrimPrefix(rawPath(u), "/")
	_, rest, ok := strings.Cut(p, "/")
	if !ok {
		return URL{}, "", false
	}
	t, ok := httpURL(rest)
	return t, "", ok
}

// postmarkPath decodes pstmrk.it/<version>/<host%2Fpath…>/<tokens>.
func postmarkPath(u URL) (URL, string, bool) {
	parts := strings.SplitN(strings.TrimPrefix(rawPath(u), "/"), "/", 3)
	if len(parts) < 3 || !postmarkVersion(parts[0]) || parts[1] == "" {
		return URL{}, "", false
	}
	scheme := "http://"
	if strings.HasSuffix(parts[0], "s") {
		scheme = "https://"
	}
	target := PercentDecode(parts[1])
	if !hasHTTPPrefix(target) {
		target = scheme + target
	}
	t, ok := httpURL(target)
	return t, "", ok
}

// postmarkVersion accepts the version segment: digits, then an optional
// "t" and an optional "s" ("3", "3s", "3ts", "2s").
func postmarkVersion(v string) bool {
	v = strings.TrimSuffix(strings.TrimSuffix(v, "s"), "t")
	if v == "" || len(v) > 3 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// googleAMP turns /amp/s/<host/path> into https://<host/path> and
// /amp/<host/path> into http://<host/path>.
func googleAMP(u URL) (URL, string, bool) {
	p := u.Path[len("/amp/"):]
	scheme := "http://"
	if strings.HasPrefix(p, "s/") {
		p, scheme = p[2:], "https://"
	}
	if p == "" || strings.HasPrefix(p, "/") {
		return URL{}, "", false
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	t, ok := httpURL(scheme + p)
	return t, "", ok
}

// bingParam decodes Bing's u=a1<base64url URL>.
func bingParam(u URL) (URL, string, bool) {
	for _, kv := range u.Query() {
		if kv.Key == "u" && strings.HasPrefix(kv.Value, "a1") {
			if s, ok := base64Text(kv.Value[2:]); ok {
				if t, ok := httpURL(s); ok {
					return t, "u", true
				}
			}
		}
	}
	return URL{}, "", false
}

// sophosParam decodes Sophos's u=<base64 URL>. The value is read without
// turning "+" into a space, since standard base64 uses "+".
func sophosParam(u URL) (URL, string, bool) {
	for _, kv := range strings.Split(u.RawQuery, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.EqualFold(k, "u") {
			continue
		}
		v = PercentDecode(v)
		if t, ok := httpURL(v); ok {
			return t, "u", true
		}
		if s, ok := base64Text(v); ok {
			if t, ok := httpURL(s); ok {
				return t, "u", true
			}
		}
	}
	return URL{}, "", false
}

// base64Text decodes standard or URL-safe base64, padded or not, into
// printable text; a space stands for a "+" that form decoding turned
// into one.
func base64Text(v string) (string, bool) {
	v = strings.TrimRight(strings.TrimSpace(strings.ReplaceAll(v, " ", "+")), "=")
	if len(v) < 8 {
		return "", false
	}
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(v); err == nil && printable(string(b)) {
			return string(b), true
		}
	}
	return "", false
}

// httpURL parses v as an absolute http(s) URL, first undoing up to three
// layers of percent-encoding ("https%3A%2F%2F…", "https%253A%252F%252F…").
func httpURL(v string) (URL, bool) {
	v = strings.TrimSpace(v)
	for i := 0; i < 3 && !hasHTTPPrefix(v) && encodedHTTP(v); i++ {
		v = PercentDecode(v)
	}
	if !hasHTTPPrefix(v) {
		return URL{}, false
	}
	return ParseURL(v)
}

// encodedHTTP reports a value that starts like a percent-encoded http(s)
// URL: the scheme followed by an escape ("https%3A…", "http%253a…").
func encodedHTTP(v string) bool {
	if len(v) > 6 {
		v = v[:6]
	}
	l := strings.ToLower(v)
	return strings.HasPrefix(l, "http%") || strings.HasPrefix(l, "https%")
}
