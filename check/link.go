package check

import (
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mekiki/mekiki/finding"

	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/internal/clip"
	"github.com/mekiki/mekiki/mail"
)

var linkCheck = &Check{
	ID: "url",
	Doc: "Looks at every link: the domain its text shows against where it really goes, IP-address and " +
		"user@host tricks, URL shorteners, dynamic-DNS and free-hosting hosts, the recipient's address " +
		"inside the link, and scripts dropped in CMS directories.",
	DocJA: "すべてのリンクを調べます：リンクの文字が示すドメインと実際のリンク先、IP アドレスや user@host の細工、" +
		"短縮 URL、ダイナミック DNS や無料ホスティングのホスト、リンクに埋め込まれた受信者のアドレス、CMS のディレクトリに置かれたスクリプト。",
	Findings: []finding.ID{finding.URLFeedListed, finding.URLLookalikeDomain, finding.URLIDNHomoglyph, finding.URLBrandInSubdomain, finding.URLBrandKeywordDomain, finding.URLDomainInSubdomain, finding.URLSuspiciousTLD, finding.URLInsecureLogin, finding.URLOpenRedirect, finding.URLAnchorMismatch, finding.URLIPLiteral, finding.URLUserinfoTrick, finding.URLShortener, finding.URLDynamicDNS, finding.URLFreeHosting, finding.URLRecipientInURL, finding.URLOverlongHost, finding.URLCMSCompromisePath},
	Run:      runLinkChecks,
}

// linkHit is one link that raised one finding.
type linkHit struct {
	URL    string // the link as written in the mail
	Host   string // the host judged (the destination inside a wrapper)
	Detail string // e.g. the displayed domain, the service name
	Sev    string // severity when the check grades per link; "" otherwise
	Ev     map[string]any
	Name   string // the brand's display name, for the sentences
	NameJA string // the brand's name in Japanese sentences
	Image  bool   // the URL is an image the mail loads, not a link
}

// maxEvidenceURLs bounds the links one finding lists in its evidence.
const maxEvidenceURLs = 100

// linkOrder is the order of the url.* findings in a report.
var linkOrder = []finding.ID{finding.URLFeedListed, finding.URLAnchorMismatch, finding.URLLookalikeDomain, finding.URLIDNHomoglyph,
	finding.URLBrandInSubdomain, finding.URLBrandKeywordDomain, finding.URLDomainInSubdomain, finding.URLIPLiteral,
	finding.URLUserinfoTrick, finding.URLOverlongHost, finding.URLCMSCompromisePath, finding.URLRecipientInURL, finding.URLOpenRedirect, finding.URLInsecureLogin,
	finding.URLDynamicDNS, finding.URLFreeHosting, finding.URLShortener, finding.URLSuspiciousTLD}

func runLinkChecks(in *Input) []Finding {
	hits := map[finding.ID][]linkHit{}
	rcpts := recipientForms(in)
	for _, v := range in.Links {
		if in.Done() {
			break
		}
		dest := v.Dest()
		image := v.IsImage()
		add := func(id finding.ID, host, detail string) *linkHit {
			hits[id] = append(hits[id], linkHit{URL: v.Href, Host: host, Detail: detail, Image: image})
			return &hits[id][len(hits[id])-1]
		}
		if f, ok := in.Feeds[v.Href]; ok {
			h := add(finding.URLFeedListed, dest.Host, f.Source)
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
			h := add(finding.URLAnchorMismatch, dest.Host, shown)
			h.Sev = sev
			if brand {
				h.Ev = map[string]any{"shown_brand": shown}
			}
		}
		if v.URL.User != "" {
			add(finding.URLUserinfoTrick, v.URL.Host, v.URL.User)
		}
		if addr := recipientInURL(in, rcpts, v.Link); addr != "" {
			add(finding.URLRecipientInURL, dest.Host, addr)
		}
		if w := v.Wrapped; w != nil && w.Kind == domain.WrapRedirect {
			if by := openRedirector(in, v.URL, dest); by != "" {
				h := add(finding.URLOpenRedirect, dest.Host, by)
				h.Ev = map[string]any{"redirector": v.URL.Host, "target": dest.String(), "param": w.Param}
			}
		}
		if lure, inText := loginLure(in, v, dest); lure != "" && dest.Scheme == "http" && !dest.IP {
			// The lure is what the reader is shown; a login word only in
			// the path, or a sender's own login page over http (dated
			// practice), weighs less.
			h := add(finding.URLInsecureLogin, dest.Host, lure)
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
// ownSignedHost reports a host of the sending brand itself in mail whose
// DKIM signature aligns with From.
func (in *Input) ownSignedHost(host string) bool {
	if !in.DKIMAligned() {
		return false
	}
	for _, b := range in.FromBrands {
		if in.KB.IsBrandDomain(b, host) {
			return true
		}
	}
	return false
}

func hostChecks(in *Input, u domain.URL, image bool, add func(id finding.ID, host, detail string) *linkHit) {
	if u.Overlong {
		add(finding.URLOverlongHost, u.Host, "")
	}
	if u.IP {
		add(finding.URLIPLiteral, u.Host, u.Host)
		return
	}
	if s := in.KB.Shortener(u.Host); s != "" && !image && !(isProviderSite(u.Host, s) && u.Path == "/") {
		add(finding.URLShortener, u.Host, s)
	}
	// The provider's own site (dyndns.org, www.github.io) is not a
	// customer's host.
	if d := in.KB.DynamicDNS(u.Host); d != "" && !isProviderSite(u.Host, d) {
		add(finding.URLDynamicDNS, u.Host, d)
	}
	// Storage hosts (storage.googleapis.com/bucket/…) serve customers'
	// pages on the bare service name: only their root is the provider's.
	// A brand's own form or page host (forms.office.com) in that brand's
	// own signed mail is its own service, not a stranger's page.
	if f := in.KB.FreeHosting(u.Host); f != "" && !image && !(u.Host == "www."+f || u.Host == f && u.Path == "/") && !in.ownSignedHost(u.Host) {
		add(finding.URLFreeHosting, u.Host, f)
	}
	if len(in.KB.BrandsOfDomain(u.Host)) > 0 {
		return // a brand's own domain: no lookalike, and its TLD and paths are its own
	}
	if p := cmsScript(in, u); p != "" {
		add(finding.URLCMSCompromisePath, u.Host, p)
	}
	if t, ok := in.KB.SuspiciousTLD(u.Host); ok {
		h := add(finding.URLSuspiciousTLD, u.Host, t.TLD)
		h.Sev = t.Severity
		h.Ev = map[string]any{"tld": t.TLD, "ratio": t.Ratio}
	}
	homoglyph := false
	for _, l := range in.KB.Lookalike(u) {
		lookalikeHit(in, u, l, add)
		homoglyph = homoglyph || l.Kind == domain.IDNHomoglyph
	}
	if label := mixedScriptHost(u); label != "" && !homoglyph {
		h := add(finding.URLIDNHomoglyph, u.Host, label)
		h.Sev = Medium
		h.Ev = map[string]any{"url": u.String(), "unicode_host": u.HostUnicode, "mixed_label": label}
	}
}

func linkFinding(in *Input, id finding.ID, hs []linkHit) Finding {
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
	case finding.URLLookalikeDomain, finding.URLIDNHomoglyph, finding.URLBrandInSubdomain, finding.URLBrandKeywordDomain, finding.URLDomainInSubdomain:
		ja, en = lookalikeText(id, h, more, moreEN)
	case finding.URLSuspiciousTLD:
		ja = fmt.Sprintf("リンク先 %s のトップレベルドメイン .%s は、日本向けフィッシングで一般のサイトの約 %.0f 倍多く使われています%s。", h.Host, h.Detail, h.Ev["ratio"], more)
		en = fmt.Sprintf("The link goes to %s; the top-level domain .%s is about %.0f times more common in phishing aimed at Japan than among popular sites%s.", h.Host, h.Detail, h.Ev["ratio"], moreEN)
	case finding.URLFeedListed:
		sev = High
		ja = fmt.Sprintf("リンク %s はフィッシングサイトとして %s に登録されています（%s）%s。", h.URL, h.Detail, h.Ev["listed_url"], more)
		en = fmt.Sprintf("The link %s is listed as phishing by %s (%s)%s.", h.URL, h.Detail, h.Ev["listed_url"], moreEN)
	case finding.URLOpenRedirect:
		sev = Medium
		ja = fmt.Sprintf("リンクは %s のサイト（%s）を経由して、別のサイト %s へ転送されます。信頼できるドメインを踏み台にする手口です%s。", h.Detail, h.Ev["redirector"], h.Host, more)
		en = fmt.Sprintf("The link passes through %s (%s) and is forwarded to another site, %s: a trusted domain used as a springboard%s.", h.Detail, h.Ev["redirector"], h.Host, moreEN)
	case finding.URLInsecureLogin:
		ev["lure"] = h.Detail
		ja = fmt.Sprintf("「%s」のリンク先 %s は暗号化されていない http です。正規のサービスがログインや認証を http で求めることはありません%s。", h.Detail, h.Host, more)
		en = fmt.Sprintf("The \u201c%s\u201d link goes to %s over plain http; genuine services never ask you to sign in or verify without encryption%s.", h.Detail, h.Host, moreEN)
	case finding.URLAnchorMismatch:
		// Showing a known brand's domain over a link elsewhere is the
		// phishing pattern; other sites' text over a tracker is common in
		// newsletters, and ESP click trackers are expected.
		if brands := in.KB.BrandsOfDomain(h.Detail); len(brands) > 0 {
			ev["brand"] = brands[0].ID
		}
		if _, ok := ev["shown_brand"]; ok {
			ja = fmt.Sprintf("リンクには「%s」と表示されていますが、実際のリンク先はそのブランドのものではない %s です%s。", h.Detail, h.Host, more)
			en = fmt.Sprintf("The link text reads \u201c%s\u201d, but the link goes to %s, which is not that brand's%s.", h.Detail, h.Host, moreEN)
		} else {
			ev["shown_domain"] = h.Detail
			ja = fmt.Sprintf("リンクには %s と表示されていますが、実際のリンク先は %s です%s。", h.Detail, h.Host, more)
			en = fmt.Sprintf("The link text shows %s, but the link goes to %s%s.", h.Detail, h.Host, moreEN)
		}
		if sev == Low {
			ja += "配信事業者のクリック計測用アドレスのため、正規のメールマガジンでもよくある形です。"
			en += " The target is a mail service's click tracker, common in genuine newsletters."
		}
	case finding.URLIPLiteral:
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
	case finding.URLOverlongHost:
		sev = Medium
		ja = fmt.Sprintf("リンク先のホスト名が DNS の上限（全体 253 文字、ラベル 63 文字）を超えています。ブラウザーでは開けない名前で、本当のドメインを右端に隠すか、フィルターに無駄な処理をさせるための細工です。右端の %s だけを判定しました%s。", h.Host, more)
		en = fmt.Sprintf("The link's host name is longer than DNS allows (253 characters, 63 a label): no browser opens it; it is made to hide the real domain far to the right or to make filters work on every suffix. Only its rightmost part, %s, was judged%s.", h.Host, moreEN)
	case finding.URLUserinfoTrick:
		sev = High
		ev["shown_part"] = h.Detail
		ja = fmt.Sprintf("リンクは「%s」に見えますが、@ より前は無視され、実際には %s に接続します%s。", h.Detail, h.Host, more)
		en = fmt.Sprintf("The link looks like \u201c%s\u201d, but everything before the @ is ignored and the browser goes to %s%s.", h.Detail, h.Host, moreEN)
	case finding.URLRecipientInURL:
		sev = Medium
		if !strings.Contains(h.Detail, "@") {
			sev = Low // only the local part
		}
		ev["recipient"] = h.Detail
		ja = fmt.Sprintf("リンク %s の中に受信者のアドレス（%s）が埋め込まれています。偽のログイン画面にあらかじめ入力しておく手口です%s。", h.URL, h.Detail, more)
		en = fmt.Sprintf("The link %s carries the recipient's address (%s), a trick to prefill a fake login page%s.", h.URL, h.Detail, moreEN)
	case finding.URLCMSCompromisePath:
		sev = High
		ev["cms_path"] = h.Detail
		ja = fmt.Sprintf("リンク先 %s は、CMS のディレクトリ（%s）の中に置かれたページです。乗っ取られたサイトにフィッシングページが仕込まれた典型的な形です%s。", h.URL, h.Detail, more)
		en = fmt.Sprintf("The link %s opens a page inside a CMS directory (%s), the typical mark of a phishing kit dropped on a hacked site%s.", h.URL, h.Detail, moreEN)
	case finding.URLShortener:
		sev = Medium
		ev["service"] = h.Detail
		ja = fmt.Sprintf("リンクは短縮 URL サービス（%s）を経由しており、本当の行き先が隠されています%s。", h.Detail, more)
		en = fmt.Sprintf("The link goes through the URL shortener %s, which hides where it really leads%s.", h.Detail, moreEN)
	case finding.URLDynamicDNS:
		sev = High
		ev["service"] = h.Detail
		ja = fmt.Sprintf("リンク先 %s は、誰でもすぐに作れる無料のダイナミック DNS（%s）のホスト名です%s。", h.Host, h.Detail, more)
		en = fmt.Sprintf("The link goes to %s, a free dynamic-DNS name (%s) that anyone can create in a minute%s.", h.Host, h.Detail, moreEN)
	case finding.URLFreeHosting:
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
	host, _, _, _ := shownDomainToken(in, text)
	return host
}

// shownDomainToken is shownDomain that also tells whether the domain was
// written bare (no scheme, no "www."), and which of the text's tokens
// showed it.
func shownDomainToken(in *Input, text string) (host string, bare bool, at int, toks []string) {
	toks = strings.FieldsFunc(text, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r >= 0x3000 || r == '<' || r == '>' || r == '(' || r == ')' || r == '"' || r == '\''
	})
	for i, tok := range toks {
		tok = strings.Trim(tok, ".,;:!?")
		if h := domain.HostOfURL(tok); h != "" {
			return h, false, i, toks
		}
		if looksLikeDomain(tok) && len(in.KB.BrandsOfDomain(tok)) > 0 {
			return strings.ToLower(tok), true, i, toks
		}
	}
	return "", false, -1, toks
}

// destinationWords, right before a domain in a link's text, make it the
// place the link goes ("Shop at Amazon.co.jp", "Visit PayPal.com").
var destinationWords = map[string]bool{"at": true, "visit": true, "to": true, "via": true, "on": true, "see": true,
	"go": true, "open": true, "click": true, "from": true, "@": true, "→": true, "»": true}

// headlineOverOwnLink reports a link whose text is a headline that
// happens to hold a brand's domain as a word ("McAfee.com sour on
// Intel's new chips"), behind the sender's own link: the reader reads a
// sentence, not an address to go to, so the domain is no claim about the
// destination. A text that is the address ("www.paypal.com",
// "PayPal.com", "https://…"), names it as the place to go ("Shop at
// Amazon.co.jp") or invites a login stays a claim.
//
// It takes all of: the domain written bare (no scheme, no "www."), not
// the text's last word and not after a word of destination; at least
// three other words and no address written out; no login lure; and the link on the sender's own
// organisation (the From domain's registrable domain, as the link or
// where it leads), or on a known ESP click tracker in mail authenticated
// for the From domain.
func headlineOverOwnLink(in *Input, v *LinkView, text string) bool {
	_, bare, at, toks := shownDomainToken(in, text)
	if !bare || at < 0 || at == len(toks)-1 || at > 0 && destinationWords[strings.ToLower(strings.Trim(toks[at-1], ".,;:!?"))] {
		return false
	}
	others := 0
	for i, t := range toks {
		if i != at && domain.HostOfURL(strings.Trim(t, ".,;:!?")) != "" {
			return false // an address written out further on is a claim
		}
		if i != at && strings.IndexFunc(t, unicode.IsLetter) >= 0 {
			others++
		}
	}
	if others < 3 || in.KB.LoginLure(text) != "" || in.FromOrg == "" {
		return false
	}
	if v.URL.Registrable == in.FromOrg || v.Dest().Registrable == in.FromOrg {
		return true
	}
	return in.KB.IsClickTracker(v.URL.Host) && authenticatedFrom(in)
}

// anchorShows compares every text shown over the link with where it goes
// (one href under several anchors: the second may be the one that shows
// the bank's domain) and returns the strongest mismatch: the domain or
// brand name shown, its severity, and whether it is a brand's name rather
// than a domain; shown is "" when every text agrees.
func anchorShows(in *Input, v *LinkView, host string) (shown, sev string, brand bool) {
	for _, text := range v.AllTexts() {
		s, isBrand := shownDomain(in, text), false
		if s != "" && headlineOverOwnLink(in, v, text) {
			continue
		}
		switch {
		case s != "" && !anchorMismatch(in, s, host):
			continue
		case s == "":
			if s = brandNameText(in, text, host); s == "" {
				continue
			}
			isBrand = true
		}
		if x := anchorSeverity(in, text, s, host); shown == "" || sevRank[x] > sevRank[sev] {
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
func anchorSeverity(in *Input, text, shown, host string) string {
	switch {
	case len(in.KB.BrandsOfDomain(shown)) > 0 && ownLinkUnclaimed(in, text, shown, host):
		// A brand's domain over a page of the sender's own site, in mail
		// that does not wear the brand: a reference ("Walmart.com" over
		// the sender's page about its Walmart deal), not a disguise.
		return Medium
	case len(in.KB.BrandsOfDomain(shown)) > 0:
		return High
	case in.KB.IsClickTracker(host):
		return Low
	}
	return Medium
}

// ownLinkUnclaimed reports a link on the From domain's own organisation
// whose shown domain belongs to brands the message claims nowhere but in
// its body (not in the display name, subject, subject tag or address),
// and whose text is the brand's bare domain name ("Walmart.com"): a text
// written as an address ("www.…", a scheme, a path) is read as where the
// link goes, and phishers send it through their own sending domains.
func ownLinkUnclaimed(in *Input, text, shown, host string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	if in.FromOrg == "" || domain.Registrable(host) != in.FromOrg || len(in.FromBrands) > 0 ||
		strings.ContainsAny(t, "/@: ") || strings.HasPrefix(t, "www.") {
		return false
	}
	for _, b := range in.KB.BrandsOfDomain(shown) {
		for _, c := range in.Claims {
			if c.Brand == b && c.Where != "body" {
				return false
			}
		}
	}
	return true
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
	// A brand that is only the topic of an authenticated newsletter's
	// name ("The Apple Core") is not claimed either.
	if !claimed || in.KB.IsBrandDomain(b, host) || in.KB.IsESP(host) || brandAsTopic(in, b) {
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
			ids[u] = append(ids[u], string(f.ID))
		}
	}
	out := make([][]string, len(m.Links))
	for i, l := range m.Links {
		out[i] = ids[l.Href]
	}
	return out
}
