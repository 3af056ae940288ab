package check

import (
	"context"
	"net/netip"
	"strings"

	"github.com/mekiki/mekiki/attach"
	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/online"
)

// Options say what the checks may trust about the receiving side.
type Options struct {
	// TrustedHosts are the recipient organisation's own relays: IPs, CIDR
	// prefixes or host name suffixes. Received hops from them are internal.
	TrustedHosts []string
	// AuthServID is the authserv-id of the receiving side's own
	// Authentication-Results. Empty means the top-most one in the message.
	AuthServID string
}

// Claim is one place where the message claims to be a brand.
type Claim struct {
	Brand *kb.Brand
	Where string // "display_name", "subject_tag", "from_address", "subject", "body"
	Name  string // the name that matched, in matching form
	Count int
}

// Input is a message prepared for the checks: the facts several checks
// need are derived once here.
type Input struct {
	Msg  *mail.Message
	KB   *kb.KB
	Opts Options

	FromOrg    string            // organizational domain of From
	FromBrands []*kb.Brand       // brands whose legitimate domains include FromOrg
	Claims     []Claim           // strongest claim per brand, in order of strength
	Origin     *mail.Hop         // first hop outside the receiving organisation
	Auth       []mail.AuthResult // results the receiving side wrote; empty when it wrote none
	ListPost   string
	IsList     bool

	// Shown is the display name, subject and text as a reader reads them:
	// with disguises undone (match.Reveal), and which disguises were found.
	Shown ShownText

	// Receiver is the hosted platform (Microsoft 365, Google Workspace)
	// that received the message, nil for any other receiver; Facts is
	// what it wrote about the message besides Auth.
	Receiver *kb.Receiver
	Facts    *ReceiverFacts

	// Links are the message's distinct links, parsed and unwrapped.
	Links []*LinkView

	// Attachments are what the attachments turned out to be, filled in by
	// the analyzer (attach.Inspect), in the order of Msg.Attachments.
	Attachments []attach.Info

	// Feeds holds the phishing-feed listings of the message's links, by
	// href, filled in by the analyzer from the local feed store (and, when
	// online, from URI blocklists).
	Feeds map[string]FeedHit

	// Online is what the online look-ups found; nil when offline.
	Online *online.Facts
	// OriginPlace is the originating IP's country and AS from local
	// GeoIP databases; nil without them.
	OriginPlace *online.Place

	// Light leaves out the content and attachment checks: the cheap
	// fallback judgement from header, origin, authentication and links.
	Light bool

	// Internal is how the receiving MTA proved the client is the
	// organisation's own ("sasl", "submission", "trusted_host"; see
	// mekiki.Envelope), set by the analyzer; empty for mail from outside
	// and whenever there is no envelope. AuthUser is the SASL login.
	Internal, AuthUser string

	ctx context.Context
}

// Done reports whether the analysis was cancelled or ran past its
// deadline; loops over the message's data stop when it turns true.
func (in *Input) Done() bool {
	return in.ctx != nil && in.ctx.Err() != nil
}

// FeedHit is a link found on a phishing feed.
type FeedHit struct {
	Source string // feed name, e.g. "JPCERT/CC phishurl-list"
	URL    string // the listed URL
	Brand  string // the brand the feed names, if any
	Match  string // "url" (exact), "path" (domain and path prefix), "host", or "uribl" (a URI blocklist lists the domain)
}

// Prepare derives the shared facts of a message.
func Prepare(m *mail.Message, k *kb.KB, opts Options) *Input {
	return PrepareContext(context.Background(), m, k, opts)
}

// PrepareContext is Prepare whose work, and that of the checks run on
// its Input, stops when ctx ends.
func PrepareContext(ctx context.Context, m *mail.Message, k *kb.KB, opts Options) *Input {
	in := &Input{Msg: m, KB: k, Opts: opts, ctx: ctx}
	in.FromOrg = domain.Registrable(m.From.Domain)
	in.FromBrands = k.BrandsOfDomain(m.From.Domain)
	in.IsList, in.ListPost = listInfo(m.Header)
	in.Shown = showText(m)
	in.Claims = brandClaims(m, in.Shown, k, in.IsList)
	in.Receiver = receivingPlatform(m.Received, k)
	in.Origin = originHop(m.Received, opts.TrustedHosts, in.Receiver)
	in.Facts = receiverFacts(m, in.Receiver, in.Origin)
	if in.Origin == nil && in.Facts != nil && in.Facts.ConnectingIP.IsValid() {
		in.Origin = hopOfIP(m.Received, in.Facts.ConnectingIP)
	}
	in.Auth = trustedAuth(m, in.Origin, opts.AuthServID, in.Receiver)
	if !hasMethod(in.Auth, "spf") && in.Facts != nil && in.Facts.SPF != nil && len(in.Auth) > 0 {
		in.Auth = append(in.Auth, *in.Facts.SPF)
	}
	in.Links = linkViews(m)
	return in
}

// listInfo tells whether a mailing list distributed the message and, if
// it says, the list's posting address.
func listInfo(h mail.Header) (bool, string) {
	isList := h.Has("List-Id") || h.Has("List-Post") || h.Has("Mailing-List") || h.Has("X-Mailing-List")
	if !isList {
		// The list managers that predate RFC 2369, common in Japanese
		// list archives: fml (X-ML-Name with its counter) and majordomo
		// (an owner- Sender or Errors-To with Precedence: bulk or list).
		// Two fields each, so that one forged field is not enough.
		if h.Has("X-ML-Name") && (h.Has("X-Mail-Count") || h.Has("X-Sequence")) {
			return true, replyToOf(h)
		}
		if list := majordomoList(h); list != "" {
			return true, list
		}
	}
	post := ""
	if lp := h.Get("List-Post"); lp != "" {
		lp = strings.Trim(strings.TrimSpace(lp), "<>")
		post = strings.TrimPrefix(strings.ToLower(lp), "mailto:")
	} else if ml := h.Get("Mailing-List"); ml != "" {
		// "list zzzzteana@yahoogroups.com; contact zzzzteana-owner@yahoogroups.com"
		for _, f := range strings.Fields(ml) {
			if strings.Contains(f, "@") {
				post = strings.ToLower(strings.Trim(f, "<>;,"))
				break
			}
		}
	} else if xl := h.Get("X-Mailing-List"); strings.Contains(xl, "@") {
		post = strings.ToLower(strings.Trim(strings.TrimSpace(xl), "<>"))
	}
	if i := strings.IndexAny(post, ">?"); i >= 0 {
		post = post[:i]
	}
	return isList, post
}

// brandClaims finds the brands the message claims to be, strongest place
// first: the display name, a 【】 tag at the head of the subject, the From
// address (local part and subdomains), the subject, and the body when
// named at least twice or in the HTML title.
func brandClaims(m *mail.Message, shown ShownText, k *kb.KB, isList bool) []Claim {
	var claims []Claim
	seen := map[*kb.Brand]bool{}
	add := func(where string, mentions []kb.BrandMention, minCount int) {
		for _, bm := range mentions {
			if seen[bm.Brand] || bm.Count < minCount {
				continue
			}
			seen[bm.Brand] = true
			claims = append(claims, Claim{Brand: bm.Brand, Where: where, Name: bm.Name, Count: bm.Count})
		}
	}
	add("display_name", k.FindBrandsInName(shown.Name), 1)
	// "PayPaI", "lCIoud": a brand's name in look-alike letters is the
	// same claim (content.disguised_text reports the disguise).
	add("display_name", confusableMentions(k, shown.Name), 1)
	// 【三井住友カード】 at the head of a subject is how Japanese companies
	// label their own notices: as strong a claim as the display name.
	if tag := subjectTag(shown.Subject); tag != "" {
		add("subject_tag", k.FindBrandsInSubject(tag), 1)
		add("subject_tag", confusableMentions(k, tag), 1)
	}
	// softbank@softbank.ne.jp is a subscriber of the provider, not a claim.
	var fromAddr []kb.BrandMention
	for _, bm := range k.FindBrands(addressWords(m.From)) {
		if !(k.IsFreemail(m.From.Domain) && k.IsBrandDomain(bm.Brand, m.From.Domain)) {
			fromAddr = append(fromAddr, bm)
		}
	}
	add("from_address", fromAddr, 1)
	add("subject", k.FindBrandsInSubject(shown.Subject), 1)
	add("subject", confusableMentions(k, shown.Subject), 1)
	// A list post discusses companies and carries the list host's footer;
	// it is not a brand's notice.
	if !isList {
		add("body", k.FindBrands(m.Title), 1)
		add("body", k.FindBrands(shown.Text), 2)
	}
	return claims
}

// confusableMentions returns the brands text names in look-alike
// letters (kb.FindConfusableBrands) as mentions.
func confusableMentions(k *kb.KB, text string) []kb.BrandMention {
	var out []kb.BrandMention
	for _, c := range k.FindConfusableBrands(text) {
		out = append(out, c.BrandMention)
	}
	return out
}

// subjectTag returns the text of a 【…】 tag at the head of a subject,
// after any [list] prefixes and Re:/Fwd: markers, or "".
func subjectTag(subject string) string {
	s := strings.TrimSpace(subject)
	for {
		switch {
		case strings.HasPrefix(s, "["):
			if i := strings.IndexByte(s, ']'); i > 0 {
				s = strings.TrimSpace(s[i+1:])
				continue
			}
		default:
			if rest, ok := cutReplyMark(s); ok {
				s = rest
				continue
			}
		}
		break
	}
	rest, ok := strings.CutPrefix(s, "【")
	if !ok {
		return ""
	}
	tag, _, ok := strings.Cut(rest, "】")
	if !ok {
		return ""
	}
	return tag
}

// addressWords turns the parts of an address a sender chooses freely (the
// local part and the labels left of the registrable domain) into words:
// "amazon-security@mail.amazon.co.jp.example.cn" → "amazon security mail
// amazon co jp".
func addressWords(a mail.Address) string {
	local, _, _ := strings.Cut(a.Address, "@")
	words := local
	if org := domain.Registrable(a.Domain); org != "" && len(a.Domain) > len(org) {
		words += " " + strings.TrimSuffix(a.Domain, "."+org)
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '.', '-', '_', '+':
			return ' '
		}
		return r
	}, words)
}

// originHop returns the first Received hop, from the top, whose sending IP
// is outside the receiving organisation: not private or loopback, not a
// trusted host, not an internal hop of the hosted platform that received
// the message (platform, at most one), and not in the same organizational
// domain as the top-most receiving host.
func originHop(hops []mail.Hop, trusted []string, platform ...*kb.Receiver) *mail.Hop {
	if len(hops) == 0 {
		return nil
	}
	var prefixes []netip.Prefix
	var names []string
	for _, t := range trusted {
		if p, err := netip.ParsePrefix(t); err == nil {
			prefixes = append(prefixes, p)
		} else if ip, err := netip.ParseAddr(t); err == nil {
			prefixes = append(prefixes, netip.PrefixFrom(ip, ip.BitLen()))
		} else if t != "" {
			names = append(names, t)
		}
	}
	var p *kb.Receiver
	if len(platform) > 0 {
		p = platform[0]
	}
	receiverOrg := ""
	for _, h := range hops {
		if org := domain.Registrable(h.By); org != "" {
			receiverOrg = org // Gmail's internal "by 2002:a05:…" names none
			break
		}
	}
hops:
	for i := range hops {
		h := &hops[i]
		if !h.IP.IsValid() || mail.IsPrivate(h.IP) || platformInternal(p, h) {
			continue
		}
		for _, p := range prefixes {
			if p.Contains(h.IP) {
				continue hops
			}
		}
		for _, n := range names {
			if (h.RDNS != "" && domain.Under(h.RDNS, n)) || (h.RDNS == "" && h.Helo != "" && domain.Under(h.Helo, n)) {
				continue hops
			}
		}
		if receiverOrg != "" && h.RDNS != "" && domain.Registrable(h.RDNS) == receiverOrg {
			continue
		}
		return h
	}
	return nil
}

// trustedAuth returns the Authentication-Results records written by the
// receiving side: those with its authserv-id (given, or else the top-most
// one) that stand above the Received field of the origin hop. Only when
// there are none above does it take the run of records directly below
// that field: Postfix hides its own Received field from milters, so their
// results land just below it. Records further down were already in the
// message when it arrived, and a sender can write anything there.
//
// When a hosted platform received the message (p) and handed it over from
// the origin, the records are those with the authserv-ids it writes
// (none, for Exchange Online), and with no Authentication-Results its own
// ARC-Authentication-Results of the highest instance stand in (Gmail).
// The run below may start after the platform's Received-SPF.
func trustedAuth(m *mail.Message, origin *mail.Hop, servID string, p *kb.Receiver) []mail.AuthResult {
	id := strings.ToLower(servID)
	if p != nil && (id != "" || origin == nil || !p.OwnsHost(origin.By)) {
		p = nil
	}
	handoff := len(m.Header)
	if origin != nil {
		handoff = origin.Index
	}
	if len(m.AuthResults) == 0 {
		return platformARC(m, p, handoff)
	}
	if id == "" {
		id = m.AuthResults[0].ServID
	}
	ours := func(r mail.AuthResult) bool {
		if p != nil {
			return p.WritesAuthServID(r.ServID)
		}
		return r.ServID == id
	}
	var above, below []mail.AuthResult
	next := handoff + 1 // the next header index the run below may continue at
	for next < len(m.Header) && strings.EqualFold(m.Header[next].Name, "Received-SPF") {
		next++
	}
	for _, r := range m.AuthResults {
		switch {
		case !ours(r):
		case r.Index < handoff:
			above = append(above, r)
		case r.Index == next || (len(below) > 0 && r.Index == below[len(below)-1].Index):
			below = append(below, r)
			next = r.Index + 1
		}
	}
	if len(above) > 0 {
		return above
	}
	if len(below) > 0 {
		return below
	}
	return platformARC(m, p, handoff)
}

// platformARC returns the results of the platform's own
// ARC-Authentication-Results of the highest instance above the hand-off,
// or nil.
func platformARC(m *mail.Message, p *kb.Receiver, handoff int) []mail.AuthResult {
	if p == nil || !p.ARC {
		return nil
	}
	best, bestI := []mail.AuthResult(nil), 0
	for i := 0; i < handoff && i < len(m.Header); i++ {
		if !strings.EqualFold(m.Header[i].Name, "ARC-Authentication-Results") {
			continue
		}
		n, rs := mail.ParseARCAuthResults(m.Header[i].Value, i)
		if n > bestI && len(rs) > 0 && p.WritesAuthServID(rs[0].ServID) {
			best, bestI = rs, n
		}
	}
	return best
}

// hopOfIP returns the top-most hop sent from ip, or nil.
func hopOfIP(hops []mail.Hop, ip netip.Addr) *mail.Hop {
	for i := range hops {
		if hops[i].IP == ip {
			return &hops[i]
		}
	}
	return nil
}

// hasMethod reports whether rs holds a result of method.
func hasMethod(rs []mail.AuthResult, method string) bool {
	for _, r := range rs {
		if r.Method == method {
			return true
		}
	}
	return false
}

// authResult returns the first trusted result of method, if any.
func (in *Input) authResult(method string) (mail.AuthResult, bool) {
	for _, r := range in.Auth {
		if r.Method == method {
			return r, true
		}
	}
	return mail.AuthResult{}, false
}

// DKIMAligned reports whether the receiver verified a DKIM signature
// whose domain shares From's organizational domain, or DMARC passed.
func (in *Input) DKIMAligned() bool {
	for _, r := range in.Auth {
		if r.Result != "pass" {
			continue
		}
		if r.Method == "dmarc" {
			return true
		}
		if r.Method == "dkim" && in.FromOrg != "" && domain.Registrable(r.Domain) == in.FromOrg {
			return true
		}
	}
	return false
}

// ClaimsBrand reports whether the message claims any brand outside the
// body, or comes from a brand's domain.
func (in *Input) ClaimsBrand() bool {
	if len(in.FromBrands) > 0 {
		return true
	}
	for _, c := range in.Claims {
		if c.Where != "body" {
			return true
		}
	}
	return false
}

// replyToOf returns the first Reply-To address, lower-case (fml sets it
// to the list), or "".
func replyToOf(h mail.Header) string {
	for _, f := range strings.FieldsFunc(h.Get("Reply-To"), func(r rune) bool { return r == ',' || r == ' ' || r == '<' || r == '>' }) {
		if strings.Contains(f, "@") {
			return strings.ToLower(f)
		}
	}
	return ""
}

// majordomoList returns the list address of a majordomo post: the
// owner-LIST@host of Sender or Errors-To beside Precedence: bulk or list
// gives LIST@host; "" when the mail is none.
func majordomoList(h mail.Header) string {
	switch strings.ToLower(strings.TrimSpace(h.Get("Precedence"))) {
	case "bulk", "list":
	default:
		return ""
	}
	for _, name := range []string{"Sender", "Errors-To"} {
		v := strings.ToLower(strings.Trim(strings.TrimSpace(h.Get(name)), "<>"))
		if i := strings.LastIndexByte(v, '<'); i >= 0 {
			v = strings.Trim(v[i:], "<>")
		}
		if rest, ok := strings.CutPrefix(v, "owner-"); ok && strings.Contains(rest, "@") {
			return rest
		}
	}
	return ""
}
