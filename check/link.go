package check

import (
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/internal/clip"
	"github.com/mekiki/mekiki/mail"
)

var linkCheck = &Check{
	ID: "url",
	Doc: "Looks at every link: the domain its text shows against where it really goes, IP-address and " +
		"user@host tricks, URL shorteners, dynamic-DNS and free-hosting hosts, the recipient's address " +
		"inside the link, and scripts dropped in CMS directories.",
	Findings: []FindingDoc{
		{"url.feed_listed", "フィッシングサイトとして登録済み", "Listed on a phishing feed",
			"The link's URL, or its domain and path, is on a phishing feed imported with `mekiki feeds import` (JPCERT/CC phishurl-list, OpenPhish, PhishTank)."},
		{"url.lookalike_domain", "正規ドメインに似せた偽ドメイン", "Lookalike domain",
			"The link's domain imitates a brand's real domain: digits or look-alike letters swapped in (micr0s0ft), letters inserted, dropped or swapped (amaezon), domain pieces glued on (amazon-co-jp), or the brand's name under another suffix."},
		{"url.idn_homoglyph", "見た目の似た外国文字を使ったドメイン", "Homoglyph domain",
			"The link's internationalised (punycode) domain uses letters of another alphabet that render like a brand's name, or mixes Latin with another alphabet."},
		{"url.brand_in_subdomain", "サブドメインやパスにブランド名", "Brand name in a subdomain or path",
			"A brand's name is placed in the subdomain (amazon.co.jp.example.top) or, beside a login word, in the path of a domain that has nothing to do with the brand."},
		{"url.brand_keyword_domain", "ブランド名とセキュリティ用語を組み合わせたドメイン", "Brand plus security words",
			"The link's domain glues a brand's name to security or support words (support-securityprotection-office.com), which the brand's real domains do not do."},
		{"url.domain_in_subdomain", "サブドメインに別のドメイン名", "Domain name inside a subdomain",
			"Another domain name (….co.jp, ….com) is written in the subdomain so that the start of the address looks genuine."},
		{"url.suspicious_tld", "フィッシングに多いトップレベルドメイン", "Top-level domain common in phishing",
			"The link's top-level domain is far more common in phishing aimed at Japan than among popular sites (priors in kb/data/tlds.yaml, derived from JPCERT/CC's list against Tranco)."},
		{"url.insecure_login", "暗号化されていないログインリンク", "Login link over plain http",
			"A link that asks to sign in, verify or pay goes to a plain-http page."},
		{"url.open_redirect", "信頼できるサイトを踏み台にした転送", "Open redirect",
			"A link on a brand's or a well-known service's domain forwards to another site through a parameter (google.com/url?q=…)."},
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
		{"url.overlong_host", "DNS の上限を超える長さのホスト名", "Host name longer than DNS allows",
			"The link's host name is longer than DNS allows (253 characters, or 63 in one label): no browser opens it; it hides the real domain far to the right or makes filters work on every suffix. Only its rightmost labels are judged."},
		{"url.cms_compromise_path", "乗っ取られたサイトに置かれたページ", "Page dropped in a CMS tree",
			"The link opens a script or page inside a CMS directory (wp-content, wp-includes …), the mark of a phishing kit dropped on a hacked site."},
	},
	Run: runLinkChecks,
}

// linkHit is one link that raised one finding.
type linkHit struct {
	URL    string // the link as written in the mail
	Host   string // the host judged (the destination inside a wrapper)
	Detail string // e.g. the displayed domain, the service name
	Sev    string // severity when the check grades per link; "" otherwise
	Ev     map[string]any
	Name   string // the brand's display name, for the sentences
	Image  bool   // the URL is an image the mail loads, not a link
}

// maxEvidenceURLs bounds the links one finding lists in its evidence.
const maxEvidenceURLs = 100

// linkOrder is the order of the url.* findings in a report.
var linkOrder = []string{"url.feed_listed", "url.anchor_mismatch", "url.lookalike_domain", "url.idn_homoglyph",
	"url.brand_in_subdomain", "url.brand_keyword_domain", "url.domain_in_subdomain", "url.ip_literal",
	"url.userinfo_trick", "url.overlong_host", "url.cms_compromise_path", "url.recipient_in_url", "url.open_redirect", "url.insecure_login",
	"url.dynamic_dns", "url.free_hosting", "url.shortener", "url.suspicious_tld"}

func runLinkChecks(in *Input) []Finding {
	hits := map[string][]linkHit{}
	rcpts := recipientForms(in)
	for _, v := range in.Links {
		if in.Done() {
			break
		}
		dest := v.Dest()
		image := v.IsImage()
		add := func(id, host, detail string) *linkHit {
			hits[id] = append(hits[id], linkHit{URL: v.Href, Host: host, Detail: detail, Image: image})
			return &hits[id][len(hits[id])-1]
		}
		if f, ok := in.Feeds[v.Href]; ok {
			h := add("url.feed_listed", dest.Host, f.Source)
			h.Ev = map[string]any{"feed": f.Source, "listed_url": f.URL, "match": f.Match}
			if f.Brand != "" {
				h.Ev["feed_brand"] = f.Brand
			}
		}
		if image {
			// The mail program loads it unasked: where it comes from
			// counts, but nobody reads a text over it or clicks it.
			for _, u := range v.judged() {
				hostChecks(in, u, true, add)
			}
			continue
		}
		if shown, sev, brand := anchorShows(in, v, dest.Host); shown != "" {
			h := add("url.anchor_mismatch", dest.Host, shown)
			h.Sev = sev
			if brand {
				h.Ev = map[string]any{"shown_brand": shown}
			}
		}
		if v.URL.User != "" {
			add("url.userinfo_trick", v.URL.Host, v.URL.User)
		}
		if addr := recipientInURL(in, rcpts, v.Link); addr != "" {
			add("url.recipient_in_url", dest.Host, addr)
		}
		if w := v.Wrapped; w != nil && w.Kind == domain.WrapRedirect {
			if by := openRedirector(in, v.URL, dest); by != "" {
				h := add("url.open_redirect", dest.Host, by)
				h.Ev = map[string]any{"redirector": v.URL.Host, "target": dest.String(), "param": w.Param}
			}
		}
		if lure, inText := loginLure(in, v, dest); lure != "" && dest.Scheme == "http" && !dest.IP {
			// The lure is what the reader is shown; a login word only in
			// the path, or a sender's own login page over http (dated
			// practice), weighs less.
			h := add("url.insecure_login", dest.Host, lure)
			h.Sev = Medium
			if !inText || dest.Registrable == in.FromOrg {
				h.Sev = Low
			}
		}
		for _, u := range v.judged() {
			hostChecks(in, u, false, add)
		}
	}
	var out []Finding
	for _, id := range linkOrder {
		if hs := hits[id]; len(hs) > 0 {
			out = append(out, linkFinding(in, id, hs))
		}
	}
	return out
}

// hostChecks runs the checks that need only the URL itself. An image
// skips the shortener and free-hosting checks: honest mail loads images
// from storage services, and a shortened image hides nothing the reader
// would follow.
func hostChecks(in *Input, u domain.URL, image bool, add func(id, host, detail string) *linkHit) {
	if u.Overlong {
		add("url.overlong_host", u.Host, "")
	}
	if u.IP {
		add("url.ip_literal", u.Host, u.Host)
		return
	}
	if s := in.KB.Shortener(u.Host); s != "" && !image && !(isProviderSite(u.Host, s) && u.Path == "/") {
		add("url.shortener", u.Host, s)
	}
	// The provider's own site (dyndns.org, www.github.io) is not a
	// customer's host.
	if d := in.KB.DynamicDNS(u.Host); d != "" && !isProviderSite(u.Host, d) {
		add("url.dynamic_dns", u.Host, d)
	}
	// Storage hosts (storage.googleapis.com/bucket/…) serve customers'
	// pages on the bare service name: only their root is the provider's.
	if f := in.KB.FreeHosting(u.Host); f != "" && !image && !(u.Host == "www."+f || u.Host == f && u.Path == "/") {
		add("url.free_hosting", u.Host, f)
	}
	if len(in.KB.BrandsOfDomain(u.Host)) > 0 {
		return // a brand's own domain: no lookalike, and its TLD and paths are its own
	}
	if p := cmsScript(in, u); p != "" {
		add("url.cms_compromise_path", u.Host, p)
	}
	if t, ok := in.KB.SuspiciousTLD(u.Host); ok {
		h := add("url.suspicious_tld", u.Host, t.TLD)
		h.Sev = t.Severity
		h.Ev = map[string]any{"tld": t.TLD, "ratio": t.Ratio}
	}
	homoglyph := false
	for _, l := range in.KB.Lookalike(u) {
		lookalikeHit(in, u, l, add)
		homoglyph = homoglyph || l.Kind == domain.IDNHomoglyph
	}
	if label := mixedScriptHost(u); label != "" && !homoglyph {
		h := add("url.idn_homoglyph", u.Host, label)
		h.Sev = Medium
		h.Ev = map[string]any{"url": u.String(), "unicode_host": u.HostUnicode, "mixed_label": label}
	}
}

func linkFinding(in *Input, id string, hs []linkHit) Finding {
	// The strongest hit leads, a link before an image; the others are
	// listed.
	best := 0
	for i, h := range hs {
		if r, b := sevRank[h.Sev], sevRank[hs[best].Sev]; r > b || r == b && hs[best].Image && !h.Image {
			best = i
		}
	}
	hs[0], hs[best] = hs[best], hs[0]
	// The evidence lists at most maxEvidenceURLs; the sentence counts all.
	urls := make([]string, 0, min(len(hs), maxEvidenceURLs))
	for _, h := range hs[:min(len(hs), maxEvidenceURLs)] {
		urls = append(urls, clip.String(h.URL, MaxShownURL))
	}
	h := hs[0]
	more, moreEN := "", ""
	if len(hs) > 1 {
		more, moreEN = fmt.Sprintf("（ほか %d 件）", len(hs)-1), fmt.Sprintf(" (and %d more)", len(hs)-1)
	}
	ev := map[string]any{"urls": urls, "host": h.Host}
	for k, v := range h.Ev {
		ev[k] = v
	}
	sev := h.Sev
	var ja, en string
	switch id {
	case "url.lookalike_domain", "url.idn_homoglyph", "url.brand_in_subdomain", "url.brand_keyword_domain", "url.domain_in_subdomain":
		ja, en = lookalikeText(id, h, more, moreEN)
	case "url.suspicious_tld":
		ja = fmt.Sprintf("リンク先 %s のトップレベルドメイン .%s は、日本向けフィッシングで一般のサイトの約 %.0f 倍多く使われています%s。", h.Host, h.Detail, h.Ev["ratio"], more)
		en = fmt.Sprintf("The link goes to %s; the top-level domain .%s is about %.0f times more common in phishing aimed at Japan than among popular sites%s.", h.Host, h.Detail, h.Ev["ratio"], moreEN)
	case "url.feed_listed":
		sev = High
		ja = fmt.Sprintf("リンク %s はフィッシングサイトとして %s に登録されています（%s）%s。", h.URL, h.Detail, h.Ev["listed_url"], more)
		en = fmt.Sprintf("The link %s is listed as phishing by %s (%s)%s.", h.URL, h.Detail, h.Ev["listed_url"], moreEN)
	case "url.open_redirect":
		sev = Medium
		ja = fmt.Sprintf("リンクは %s のサイト（%s）を経由して、別のサイト %s へ転送されます。信頼できるドメインを踏み台にする手口です%s。", h.Detail, h.Ev["redirector"], h.Host, more)
		en = fmt.Sprintf("The link passes through %s (%s) and is forwarded to another site, %s: a trusted domain used as a springboard%s.", h.Detail, h.Ev["redirector"], h.Host, moreEN)
	case "url.insecure_login":
		ev["lure"] = h.Detail
		ja = fmt.Sprintf("「%s」のリンク先 %s は暗号化されていない http です。正規のサービスがログインや認証を http で求めることはありません%s。", h.Detail, h.Host, more)
		en = fmt.Sprintf("The %q link goes to %s over plain http; genuine services never ask you to sign in or verify without encryption%s.", h.Detail, h.Host, moreEN)
	case "url.anchor_mismatch":
		// Showing a known brand's domain over a link elsewhere is the
		// phishing pattern; other sites' text over a tracker is common in
		// newsletters, and ESP click trackers are expected.
		if brands := in.KB.BrandsOfDomain(h.Detail); len(brands) > 0 {
			ev["brand"] = brands[0].ID
		}
		if _, ok := ev["shown_brand"]; ok {
			ja = fmt.Sprintf("リンクには「%s」と表示されていますが、実際のリンク先はそのブランドのものではない %s です%s。", h.Detail, h.Host, more)
			en = fmt.Sprintf("The link text reads %q, but the link goes to %s, which is not that brand's%s.", h.Detail, h.Host, moreEN)
		} else {
			ev["shown_domain"] = h.Detail
			ja = fmt.Sprintf("リンクには %s と表示されていますが、実際のリンク先は %s です%s。", h.Detail, h.Host, more)
			en = fmt.Sprintf("The link text shows %s, but the link goes to %s%s.", h.Detail, h.Host, moreEN)
		}
		if sev == Low {
			ja += "配信事業者のクリック計測用アドレスのため、正規のメールマガジンでもよくある形です。"
			en += " The target is a mail service's click tracker, common in genuine newsletters."
		}
	case "url.ip_literal":
		// A link to a bare IP is high; images alone on one (tracking
		// pixels of careless senders too) weigh less.
		sev = Medium
		for _, x := range hs {
			if !x.Image {
				sev = High
				break
			}
		}
		ja = fmt.Sprintf("リンク先がドメイン名ではなく IP アドレス（%s）です%s。", h.Host, more)
		en = fmt.Sprintf("The link goes to the IP address %s instead of a domain name%s.", h.Host, moreEN)
	case "url.overlong_host":
		sev = Medium
		ja = fmt.Sprintf("リンク先のホスト名が DNS の上限（全体 253 文字、ラベル 63 文字）を超えています。ブラウザーでは開けない名前で、本当のドメインを右端に隠すか、フィルターに無駄な処理をさせるための細工です。右端の %s だけを判定しました%s。", h.Host, more)
		en = fmt.Sprintf("The link's host name is longer than DNS allows (253 characters, 63 a label): no browser opens it; it is made to hide the real domain far to the right or to make filters work on every suffix. Only its rightmost part, %s, was judged%s.", h.Host, moreEN)
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
	if h.Image {
		ev["image"] = true
		ja += "この URL はリンクではなく、メールを開くと読み込まれる画像です。"
		en += " This URL is not a link but an image the mail loads when opened."
	}
	return newFinding(id, sev, ja, en, ev)
}

var sevRank = map[string]int{"": 0, Info: 1, Low: 2, Medium: 3, High: 4}

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

// anchorShows compares every text shown over the link with where it goes
// (one href under several anchors: the second may be the one that shows
// the bank's domain) and returns the strongest mismatch: the domain or
// brand name shown, its severity, and whether it is a brand's name rather
// than a domain; shown is "" when every text agrees.
func anchorShows(in *Input, v *LinkView, host string) (shown, sev string, brand bool) {
	for _, text := range v.AllTexts() {
		s, isBrand := shownDomain(in, text), false
		switch {
		case s != "" && !anchorMismatch(in, s, host):
			continue
		case s == "":
			if s = brandNameText(in, text, host); s == "" {
				continue
			}
			isBrand = true
		}
		if x := anchorSeverity(in, s, host); shown == "" || sevRank[x] > sevRank[sev] {
			shown, sev, brand = s, x, isBrand
		}
	}
	return shown, sev, brand
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
// page inside it, or "".
func cmsScript(in *Input, u domain.URL) string {
	path := strings.ToLower(u.Path)
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
// anchorSeverity weighs a link whose text shows shown (a domain or a
// brand's name) but leads to host: high when a known brand's domain is
// shown, low over a mail service's click tracker, medium otherwise.
func anchorSeverity(in *Input, shown, host string) string {
	switch {
	case len(in.KB.BrandsOfDomain(shown)) > 0:
		return High
	case in.KB.IsClickTracker(host):
		return Low
	}
	return Medium
}

// brandNameText returns the brand name a link's whole text is
// ("三井住友カード", "PayPal") when the message claims that brand and the
// link leads outside the brand's domains; "" otherwise.
func brandNameText(in *Input, text, host string) string {
	text = strings.TrimSpace(text)
	if text == "" || host == "" || utf8.RuneCountInString(text) > 24 {
		return ""
	}
	ms := in.KB.FindBrandsInName(text)
	if len(ms) != 1 {
		return ""
	}
	b := ms[0].Brand
	claimed := false
	for _, c := range in.Claims {
		claimed = claimed || c.Brand == b
	}
	if !claimed || in.KB.IsBrandDomain(b, host) || in.KB.IsESP(host) {
		return ""
	}
	// The text must be the name, give or take brackets and a word or two.
	if utf8.RuneCountInString(ms[0].Name)*2 < utf8.RuneCountInString(text) {
		return ""
	}
	return text
}

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
