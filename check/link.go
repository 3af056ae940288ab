package check

import (
	"encoding/base64"
	"fmt"
	"net/netip"
	"strings"

	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/mail"
)

var linkCheck = &Check{
	ID: "url",
	Doc: "Looks at every link: the domain its text shows against where it really goes, IP-address and " +
		"user@host tricks, URL shorteners, dynamic-DNS and free-hosting hosts, the recipient's address " +
		"inside the link, and scripts dropped in CMS directories.",
	Findings: []FindingDoc{
		{"url.anchor_mismatch", "表示されたリンク先と実際のリンク先が違う", "Link text shows another domain",
			"The visible link text shows one domain, but the link goes to another organisation."},
		{"url.ip_literal", "IP アドレスへのリンク", "Link to a bare IP address",
			"The link goes to an IP address instead of a domain name, which legitimate services do not do."},
		{"url.userinfo_trick", "@ を使ってリンク先を偽装", "user@host trick in a link",
			"The link puts a trusted-looking name before an @, so the browser goes to the host after it."},
		{"url.shortener", "短縮 URL", "URL shortener",
			"The link goes through a URL-shortening service that hides its destination."},
		{"url.dynamic_dns", "ダイナミック DNS のホスト", "Dynamic-DNS host",
			"The link goes to a free dynamic-DNS host name that anyone can create in a minute."},
		{"url.free_hosting", "無料ホスティング上のページ", "Free hosting",
			"The link goes to a free hosting or tunnelling service that phishing kits use for throw-away pages."},
		{"url.recipient_in_url", "リンクに受信者のメールアドレスが入っている", "Recipient's address in the link",
			"The recipient's address (plain, percent- or base64-encoded, or its local part) is inside the link, to prefill a fake login page; unsubscribe links are excepted."},
		{"url.cms_compromise_path", "乗っ取られたサイトに置かれたページ", "Page dropped in a CMS tree",
			"The link opens a script or page inside a CMS directory (wp-content, wp-includes …), the mark of a phishing kit dropped on a hacked site."},
	},
	Run: runLinkChecks,
}

// linkHit is one link that raised one finding.
type linkHit struct {
	URL    string
	Host   string
	Detail string // e.g. the displayed domain, the service name
}

func runLinkChecks(in *Input) []Finding {
	hits := map[string][]linkHit{}
	seen := map[string]bool{}
	rcpts := recipientForms(in)
	for _, l := range in.Msg.Links {
		host := domain.HostOfURL(l.Href)
		if host == "" || seen[l.Href] {
			continue
		}
		seen[l.Href] = true
		add := func(id, detail string) {
			hits[id] = append(hits[id], linkHit{URL: l.Href, Host: host, Detail: detail})
		}
		if shown := shownDomain(in, l.Text); shown != "" && anchorMismatch(in, shown, host) {
			add("url.anchor_mismatch", shown)
		}
		if isIPHost(host) {
			add("url.ip_literal", host)
		}
		if fake := userinfo(l.Href); fake != "" {
			add("url.userinfo_trick", fake)
		}
		if addr := recipientInURL(in, rcpts, l); addr != "" {
			add("url.recipient_in_url", addr)
		}
		if p := cmsScript(in, host, l.Href); p != "" {
			add("url.cms_compromise_path", p)
		}
		if s := in.KB.Shortener(host); s != "" {
			add("url.shortener", s)
		}
		// The provider's own site (dyndns.org, www.github.io) is not a
		// customer's host.
		if d := in.KB.DynamicDNS(host); d != "" && !isProviderSite(host, d) {
			add("url.dynamic_dns", d)
		}
		if f := in.KB.FreeHosting(host); f != "" && !isProviderSite(host, f) {
			add("url.free_hosting", f)
		}
	}
	var out []Finding
	for _, id := range []string{"url.anchor_mismatch", "url.ip_literal", "url.userinfo_trick", "url.cms_compromise_path",
		"url.recipient_in_url", "url.dynamic_dns", "url.free_hosting", "url.shortener"} {
		if hs := hits[id]; len(hs) > 0 {
			out = append(out, linkFinding(in, id, hs))
		}
	}
	return out
}

func linkFinding(in *Input, id string, hs []linkHit) Finding {
	urls := make([]string, 0, len(hs))
	for _, h := range hs {
		urls = append(urls, h.URL)
	}
	h := hs[0]
	more, moreEN := "", ""
	if len(hs) > 1 {
		more, moreEN = fmt.Sprintf("（ほか %d 件）", len(hs)-1), fmt.Sprintf(" (and %d more)", len(hs)-1)
	}
	ev := map[string]any{"urls": urls, "host": h.Host}
	var sev, ja, en string
	switch id {
	case "url.anchor_mismatch":
		// Showing a known brand's domain over a link elsewhere is the
		// phishing pattern; other sites' text over a tracker is common in
		// newsletters, and ESP click trackers are expected.
		sev = Medium
		brands := in.KB.BrandsOfDomain(h.Detail)
		switch {
		case len(brands) > 0:
			sev = High
			ev["brand"] = brands[0].ID
		case in.KB.IsClickTracker(h.Host):
			sev = Low
		}
		ev["shown_domain"] = h.Detail
		ja = fmt.Sprintf("リンクには %s と表示されていますが、実際のリンク先は %s です%s。", h.Detail, h.Host, more)
		en = fmt.Sprintf("The link text shows %s, but the link goes to %s%s.", h.Detail, h.Host, moreEN)
		if sev == Low {
			ja += "配信事業者のクリック計測用アドレスのため、正規のメールマガジンでもよくある形です。"
			en += " The target is a mail service's click tracker, common in genuine newsletters."
		}
	case "url.ip_literal":
		sev = High
		ja = fmt.Sprintf("リンク先がドメイン名ではなく IP アドレス（%s）です%s。", h.Host, more)
		en = fmt.Sprintf("The link goes to the IP address %s instead of a domain name%s.", h.Host, moreEN)
	case "url.userinfo_trick":
		sev = High
		ev["shown_part"] = h.Detail
		ja = fmt.Sprintf("リンクは「%s」に見えますが、@ より前は無視され、実際には %s に接続します%s。", h.Detail, h.Host, more)
		en = fmt.Sprintf("The link looks like %q, but everything before the @ is ignored and the browser goes to %s%s.", h.Detail, h.Host, moreEN)
	case "url.recipient_in_url":
		sev = Medium
		if !strings.Contains(h.Detail, "@") {
			sev = Low // only the local part
		}
		ev["recipient"] = h.Detail
		ja = fmt.Sprintf("リンク %s の中に受信者のアドレス（%s）が埋め込まれています。偽のログイン画面にあらかじめ入力しておく手口です%s。", h.URL, h.Detail, more)
		en = fmt.Sprintf("The link %s carries the recipient's address (%s), a trick to prefill a fake login page%s.", h.URL, h.Detail, moreEN)
	case "url.cms_compromise_path":
		sev = High
		ev["cms_path"] = h.Detail
		ja = fmt.Sprintf("リンク先 %s は、CMS のディレクトリ（%s）の中に置かれたページです。乗っ取られたサイトにフィッシングページが仕込まれた典型的な形です%s。", h.URL, h.Detail, more)
		en = fmt.Sprintf("The link %s opens a page inside a CMS directory (%s), the typical mark of a phishing kit dropped on a hacked site%s.", h.URL, h.Detail, moreEN)
	case "url.shortener":
		sev = Medium
		ev["service"] = h.Detail
		ja = fmt.Sprintf("リンクは短縮 URL サービス（%s）を経由しており、本当の行き先が隠されています%s。", h.Detail, more)
		en = fmt.Sprintf("The link goes through the URL shortener %s, which hides where it really leads%s.", h.Detail, moreEN)
	case "url.dynamic_dns":
		sev = High
		ev["service"] = h.Detail
		ja = fmt.Sprintf("リンク先 %s は、誰でもすぐに作れる無料のダイナミック DNS（%s）のホスト名です%s。", h.Host, h.Detail, more)
		en = fmt.Sprintf("The link goes to %s, a free dynamic-DNS name (%s) that anyone can create in a minute%s.", h.Host, h.Detail, moreEN)
	case "url.free_hosting":
		sev = Medium
		if in.ClaimsBrand() {
			sev = High
		}
		ev["service"] = h.Detail
		ja = fmt.Sprintf("リンク先 %s は無料ホスティング（%s）上のページです。企業の正規サイトが置かれる場所ではありません%s。", h.Host, h.Detail, more)
		en = fmt.Sprintf("The link goes to %s, a page on free hosting (%s), not where a company's own site lives%s.", h.Host, h.Detail, moreEN)
	}
	return newFinding(id, sev, ja, en, ev)
}

// shownDomain returns the domain a link's visible text shows: a URL in the
// text ("https://www.eki-net.com/", "www.example.jp"), or a known brand's
// domain written bare ("Amazon.co.jp"). Other bare words with dots are
// too often product names (ASP.NET) or file names to count.
func shownDomain(in *Input, text string) string {
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r >= 0x3000 || r == '<' || r == '>' || r == '(' || r == ')' || r == '"' || r == '\''
	}) {
		tok = strings.Trim(tok, ".,;:!?")
		if h := domain.HostOfURL(tok); h != "" {
			return h
		}
		if looksLikeDomain(tok) && len(in.KB.BrandsOfDomain(tok)) > 0 {
			return strings.ToLower(tok)
		}
	}
	return ""
}

// recipientForm is one recipient address with the encoded forms a link
// may carry it in, worked out once per message.
type recipientForm struct {
	addr, local string
	encoded     []string // percent-encoded, then base64 forms without padding
}

// recipientForms lists the addresses the message was delivered to: what
// the receiving side wrote (Delivered-To, X-Original-To, "for <addr>") and
// To. List posts have none: their recipient is the list, whose name the
// list's own links carry.
func recipientForms(in *Input) []recipientForm {
	if in.IsList {
		return nil
	}
	m := in.Msg
	var out []recipientForm
	seen := map[string]bool{}
	add := func(a string) {
		a = strings.ToLower(strings.TrimSpace(a))
		if !strings.Contains(a, "@") || seen[a] {
			return
		}
		seen[a] = true
		local, _, _ := strings.Cut(a, "@")
		f := recipientForm{addr: a, local: local, encoded: []string{strings.ReplaceAll(a, "@", "%40")}}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			f.encoded = append(f.encoded, strings.TrimRight(enc.EncodeToString([]byte(a)), "="))
		}
		out = append(out, f)
	}
	for _, d := range m.DeliveredTo {
		add(d)
	}
	for _, h := range m.Received {
		add(h.For)
	}
	for _, t := range m.To {
		add(t.Address)
	}
	return out
}

// recipientInURL returns the recipient address (or its local part) found
// in the link, plain, percent-encoded or base64-encoded; unsubscribe and
// preference links, which legitimately carry it, are skipped.
func recipientInURL(in *Input, rcpts []recipientForm, l mail.Link) string {
	if len(rcpts) == 0 {
		return ""
	}
	lower := strings.ToLower(l.Href)
	lowerText := strings.ToLower(l.Text)
	for _, w := range in.KB.UnsubscribeWords {
		if strings.Contains(lower, w) || strings.Contains(lowerText, w) {
			return ""
		}
	}
	query := lower
	if i := strings.IndexAny(lower, "?#"); i >= 0 {
		query = lower[i:]
	} else if j := strings.Index(lower, "://"); j >= 0 {
		if k := strings.IndexByte(lower[j+3:], '/'); k >= 0 {
			query = lower[j+3+k:]
		}
	}
	for _, r := range rcpts {
		if strings.Contains(lower, r.addr) || strings.Contains(lower, r.encoded[0]) {
			return r.addr
		}
		for _, b := range r.encoded[1:] { // base64 is case-sensitive
			if len(b) > 8 && strings.Contains(l.Href, b) {
				return r.addr
			}
		}
		if len(r.local) >= 5 && containsWord(query, r.local) {
			return r.local
		}
	}
	return ""
}

// containsWord finds w in s with no letter or digit right before or after.
func containsWord(s, w string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		before := i == 0 || !isAlnum(s[i-1])
		after := i+len(w) == len(s) || !isAlnum(s[i+len(w)])
		if before && after {
			return true
		}
		off = i + 1
	}
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// cmsScript returns the CMS directory of a link that opens a script or
// page inside it, or "". Links to a known brand's own domains are skipped.
func cmsScript(in *Input, host, href string) string {
	if len(in.KB.BrandsOfDomain(host)) > 0 {
		return ""
	}
	path := strings.ToLower(href)
	if i := strings.Index(path, "://"); i >= 0 {
		path = path[i+3:]
	}
	if i := strings.IndexByte(path, '/'); i >= 0 {
		path = path[i:]
	} else {
		return ""
	}
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	script := false
	for _, ext := range in.KB.CMSScriptExt {
		if strings.HasSuffix(path, ext) {
			script = true
		}
	}
	if !script {
		return ""
	}
	for _, p := range in.KB.CMSPaths {
		if strings.Contains(path, p) {
			return p
		}
	}
	return ""
}

// isProviderSite reports whether host is the service's own site rather
// than a name under it.
func isProviderSite(host, service string) bool {
	return host == service || host == "www."+service
}

// looksLikeDomain accepts "example.co.jp" but not "1.5" or "e.g".
func looksLikeDomain(s string) bool {
	if !strings.Contains(s, ".") || strings.Contains(s, "..") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	tld := strings.ToLower(s[strings.LastIndexByte(s, '.')+1:])
	if len(tld) < 2 || strings.Trim(tld, "abcdefghijklmnopqrstuvwxyz") != "" {
		return false
	}
	return domain.Registrable(s) != ""
}

// anchorMismatch reports whether the shown domain and the real host belong
// to different organisations (and not to one brand's several domains).
func anchorMismatch(in *Input, shown, host string) bool {
	a, b := domain.Registrable(shown), domain.Registrable(host)
	if a == "" || b == "" || a == b {
		return false
	}
	for _, x := range in.KB.BrandsOfDomain(shown) {
		if in.KB.IsBrandDomain(x, host) {
			return false
		}
	}
	return true
}

// isIPHost reports whether host is an IP address, including the decimal
// and hexadecimal forms browsers accept (http://3232235777/).
func isIPHost(host string) bool {
	if _, err := netip.ParseAddr(host); err == nil {
		return true
	}
	if strings.HasPrefix(host, "0x") {
		return len(host) > 2 && strings.Trim(host[2:], "0123456789abcdef") == ""
	}
	return len(host) >= 8 && strings.Trim(host, "0123456789") == ""
}

// userinfo returns the part before the @ in a URL's authority
// ("http://www.amazon.co.jp@evil.example/" → "www.amazon.co.jp"), or "".
func userinfo(href string) string {
	s := strings.ReplaceAll(href, `\`, "/")
	i := strings.Index(s, "://")
	if i < 0 {
		return ""
	}
	auth := s[i+3:]
	if j := strings.IndexAny(auth, "/?#"); j >= 0 {
		auth = auth[:j]
	}
	at := strings.LastIndexByte(auth, '@')
	if at <= 0 {
		return ""
	}
	return auth[:at]
}

// LinkFindings returns, for each link of m, the ids of the findings that
// name it in their evidence, in the order of m.Links.
func LinkFindings(m *mail.Message, findings []Finding) [][]string {
	ids := map[string][]string{}
	for _, f := range findings {
		urls, _ := f.Evidence["urls"].([]string)
		for _, u := range urls {
			ids[u] = append(ids[u], f.ID)
		}
	}
	out := make([][]string, len(m.Links))
	for i, l := range m.Links {
		out[i] = ids[l.Href]
	}
	return out
}
