package check

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/mekiki/mekiki/finding"

	"github.com/mekiki/mekiki/domain"
	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/mail"
	"github.com/mekiki/mekiki/match"
)

var senderCheck = &Check{
	ID: "sender",
	Doc: "Compares who the message claims to be (display name, subject, body, sender address) with " +
		"the domain it really comes from, and the From domain with Return-Path, Sender, X-From-Domain, " +
		"Message-ID and Reply-To, by organizational domain.",
	DocJA: "メールが名乗る相手（表示名、件名、本文、送信元アドレス）と実際の送信元ドメインを比べ、From のドメインを " +
		"Return-Path・Sender・X-From-Domain・Message-ID・Reply-To と組織ドメインの単位で比べます。",
	Findings: []finding.ID{finding.SenderBrandMismatch, finding.SenderFreemailBrand, finding.SenderHeaderMismatch, finding.SenderReplyToMismatch, finding.SenderOwnDomainSpoof, finding.SenderHiddenCharacters, finding.SenderOffbrandAction,
		finding.SenderInvalidDomain, finding.SenderRecipientAsName},
	Run: func(in *Input) []Finding {
		var out []Finding
		out = append(out, brandMismatch(in)...)
		out = append(out, freemailBrand(in)...)
		out = append(out, headerMismatch(in)...)
		out = append(out, replyToMismatch(in)...)
		out = append(out, ownDomainSpoof(in)...)
		out = append(out, hiddenCharacters(in)...)
		out = append(out, offbrandAction(in)...)
		out = append(out, invalidDomain(in)...)
		out = append(out, recipientAsName(in)...)
		return out
	},
}

var whereJA = map[string]string{"from_domain": "送信元ドメイン", "display_name": "表示名", "subject_tag": "件名の【】", "from_address": "送信元アドレス", "subject": "件名", "body": "本文"}
var whereEN = map[string]string{"from_domain": "sending domain", "display_name": "display name", "subject_tag": "subject tag 【】", "from_address": "sender address", "subject": "subject", "body": "body"}

// legitSample lists a few of the brand's real domains for the sentence,
// joined by sep (「、」 in Japanese).
func legitSample(b *kb.Brand, sep string) string {
	n := min(len(b.Domains), 3)
	return strings.Join(b.Domains[:n], sep)
}

// roleMismatch judges a claimed role (the mail administrator, the IT
// helpdesk): it is the recipient's own organisation's, so it is a
// mismatch from any other organisation. The display name and the
// subject tag are claims; the role named only in the text is not.
func roleMismatch(in *Input, c Claim) (Finding, bool) {
	m := in.Msg
	rcpt := recipientDomain(in)
	if rcpt == "" && len(m.To) > 0 {
		rcpt = m.To[0].Domain
	}
	own := domain.Registrable(rcpt)
	if own == "" || own == in.FromOrg || c.Where != "display_name" && c.Where != "subject_tag" && c.Where != "subject" {
		return Finding{}, false
	}
	sev := Medium
	if c.Where == "display_name" {
		sev = High
	}
	return newFinding(finding.SenderBrandMismatch, sev,
		fmt.Sprintf("%sで「%s」を名乗っていますが、送信元ドメイン %s は受信者の組織（%s）ではありません。メール管理者やヘルプデスクは自分の組織から送ってきます。",
			whereJA[c.Where], displayClaim(m, c), orDash(m.From.Domain, "（なし）"), own),
		fmt.Sprintf("The %s claims to be \u201c%s\u201d, but the sending domain %s is not the recipient's organisation (%s); a mail administrator or helpdesk writes from its own organisation.",
			whereEN[c.Where], displayClaim(m, c), orDash(m.From.Domain, "(none)"), own),
		map[string]any{"brand": c.Brand.ID, "claimed_in": c.Where, "claimed_name": displayClaim(m, c),
			"from": m.From.Address, "from_domain": m.From.Domain, "recipient_domain": rcpt, "legit_domains": []string{}}), true
}

func brandMismatch(in *Input) []Finding {
	m := in.Msg
	if in.KB.IsFreemail(m.From.Domain) {
		return nil // sender.freemail_brand says it better
	}
	for _, c := range in.Claims {
		if in.KB.IsBrandDomain(c.Brand, m.From.Domain) {
			continue
		}
		// A brand as the topic of an authenticated newsletter's name ("The
		// Apple Core") is not a claim to be the brand.
		if brandAsTopic(in, c.Brand) {
			continue
		}
		if c.Brand.Role {
			if f, ok := roleMismatch(in, c); ok {
				return []Finding{f}
			}
			continue
		}
		// A brand's own mail names partners (Apple Pay in a card issuer's
		// notice): from a known brand domain only the display name counts.
		if len(in.FromBrands) > 0 && c.Where != "display_name" {
			continue
		}
		sev := Low
		switch c.Where {
		case "display_name", "subject_tag":
			sev = High
		case "from_address", "subject":
			sev = Medium
		}
		ja := fmt.Sprintf("%sで「%s」を名乗っていますが、送信元ドメイン %s は %s の正規ドメイン（%s など）ではありません。",
			whereJA[c.Where], displayClaim(m, c), orDash(m.From.Domain, "（なし）"), c.Brand.NameJA, legitSample(c.Brand, "、"))
		en := fmt.Sprintf("The %s claims to be %s (\u201c%s\u201d), but the sending domain %s is not one of %s's domains (%s ...).",
			whereEN[c.Where], c.Brand.Name, displayClaim(m, c), orDash(m.From.Domain, "(none)"), c.Brand.Name, legitSample(c.Brand, ", "))
		return []Finding{newFinding(finding.SenderBrandMismatch, sev, ja, en, map[string]any{
			"brand": c.Brand.ID, "claimed_in": c.Where, "claimed_name": displayClaim(m, c),
			"from": m.From.Address, "from_domain": m.From.Domain, "legit_domains": c.Brand.Domains[:min(len(c.Brand.Domains), 5)],
		})}
	}
	return nil
}

// displayClaim is the text a reader saw that made the claim.
func displayClaim(m *mail.Message, c Claim) string {
	switch c.Where {
	case "display_name":
		return m.From.Name
	case "subject", "subject_tag":
		return m.Subject
	case "from_address":
		return m.From.Address
	}
	return c.Name
}

func freemailBrand(in *Input) []Finding {
	m := in.Msg
	if !in.KB.IsFreemail(m.From.Domain) {
		return nil
	}
	for _, c := range in.Claims {
		if c.Where == "body" {
			continue
		}
		sev := High
		// A provider's own brand from its own mail domain (Yahoo! JAPAN
		// from yahoo.co.jp) is less sure: it may be the service itself.
		if in.KB.IsBrandDomain(c.Brand, m.From.Domain) {
			sev = Medium
		}
		ja := fmt.Sprintf("%sで「%s」を名乗っていますが、送信元 %s は誰でも取得できるフリーメール／個人向けアドレスです。%s が正規の通知をこのようなアドレスから送ることはありません。",
			whereJA[c.Where], displayClaim(m, c), m.From.Address, c.Brand.NameJA)
		en := fmt.Sprintf("The %s claims to be %s (\u201c%s\u201d), but it was sent from %s, a free or personal mailbox anyone can open. %s does not send notices from such addresses.",
			whereEN[c.Where], c.Brand.Name, displayClaim(m, c), m.From.Address, c.Brand.Name)
		return []Finding{newFinding(finding.SenderFreemailBrand, sev, ja, en, map[string]any{
			"brand": c.Brand.ID, "claimed_in": c.Where, "from": m.From.Address, "freemail_domain": m.From.Domain,
		})}
	}
	return nil
}

// headerDomain is one header whose domain is compared with From.
type headerDomain struct {
	Header string
	Value  string
	Domain string
	ESP    bool
}

func headerMismatch(in *Input) []Finding {
	m := in.Msg
	if in.FromOrg == "" {
		return nil
	}
	var cands []headerDomain
	if !in.IsList {
		if rp := m.ReturnPath; rp != "" && rp != "<>" {
			cands = append(cands, headerDomain{Header: "Return-Path", Value: rp, Domain: mail.AddrDomain(rp)})
		}
		if m.Sender.Domain != "" {
			cands = append(cands, headerDomain{Header: "Sender", Value: m.Sender.Address, Domain: m.Sender.Domain})
		}
	}
	if v := strings.TrimSpace(m.Header.Get("X-From-Domain")); v != "" {
		cands = append(cands, headerDomain{Header: "X-From-Domain", Value: v, Domain: mail.AddrDomainOrSelf(v)})
	}
	// A list keeps the author's Message-ID while it rewrites the envelope
	// (and sometimes From).
	if mid := m.MessageID; strings.Contains(mid, "@") && !in.IsList {
		d := mail.AddrDomain(mid)
		if !in.KB.IsPlatform(d) {
			cands = append(cands, headerDomain{Header: "Message-ID", Value: mid, Domain: d})
		}
	}
	var diffs []headerDomain
	strong := false
	for _, c := range cands {
		org := domain.Registrable(c.Domain)
		if org == "" || org == in.FromOrg || sameBrand(in, c.Domain) {
			continue
		}
		c.ESP = in.KB.IsESP(c.Domain)
		if !c.ESP && c.Header != "Message-ID" {
			strong = true
		}
		diffs = append(diffs, c)
	}
	if len(diffs) == 0 {
		return nil
	}
	aligned := in.DKIMAligned()
	sev := Low
	if strong && !aligned {
		sev = Medium
		if in.ClaimsBrand() {
			sev = High
		}
	}
	var listJA, listEN []string
	ev := map[string]any{"from_domain": m.From.Domain, "dkim_aligned": aligned}
	var evList []map[string]any
	for _, d := range diffs {
		noteJA, noteEN := "", ""
		if d.ESP {
			noteJA, noteEN = "（配信事業者）", " (mail service provider)"
		}
		listJA = append(listJA, fmt.Sprintf("%s: %s%s", d.Header, d.Domain, noteJA))
		listEN = append(listEN, fmt.Sprintf("%s: %s%s", d.Header, d.Domain, noteEN))
		evList = append(evList, map[string]any{"header": d.Header, "value": d.Value, "domain": d.Domain, "esp": d.ESP})
	}
	ev["headers"] = evList
	ja := fmt.Sprintf("差出人（From）のドメインは %s ですが、%s となっています。", m.From.Domain, strings.Join(listJA, "、"))
	en := fmt.Sprintf("The From domain is %s, but %s.", m.From.Domain, strings.Join(listEN, "; "))
	if aligned {
		ja += "ただし受信側で From ドメインの DKIM 署名が確認されているため、配信事業者経由の正規メールの可能性が高いです。"
		en += " The receiver verified a DKIM signature of the From domain, so this is most likely legitimate mail sent through a provider."
	}
	return []Finding{newFinding(finding.SenderHeaderMismatch, sev, ja, en, ev)}
}

// sameBrand reports whether host belongs to a brand that also owns the
// From domain (amazon.co.jp and amazon.com).
func sameBrand(in *Input, host string) bool {
	for _, b := range in.KB.BrandsOfDomain(host) {
		for _, fb := range in.FromBrands {
			if b == fb {
				return true
			}
		}
	}
	return false
}

func replyToMismatch(in *Input) []Finding {
	m := in.Msg
	if in.FromOrg == "" {
		return nil
	}
	// Lists set Reply-To to the list, or From to the list and Reply-To to
	// the author (DMARC mitigation): both are the list's doing.
	if in.IsList && in.ListPost != "" && strings.EqualFold(m.From.Address, in.ListPost) {
		return nil
	}
	for _, r := range m.ReplyTo {
		org := domain.Registrable(r.Domain)
		if org == "" || org == in.FromOrg || sameBrand(in, r.Domain) || in.KB.IsESP(r.Domain) {
			continue
		}
		if in.IsList && (strings.EqualFold(r.Address, in.ListPost) || org == domain.Registrable(mail.AddrDomain(in.ListPost))) {
			continue
		}
		free := in.KB.IsFreemail(r.Domain)
		sev := Low
		switch {
		case free && in.ClaimsBrand():
			sev = High
		case free || in.ClaimsBrand():
			sev = Medium
		}
		ja := fmt.Sprintf("差出人は %s ですが、返信先（Reply-To）は別の組織の %s です。", m.From.Address, r.Address)
		en := fmt.Sprintf("The message is from %s, but replies go to %s, another organisation.", m.From.Address, r.Address)
		if free {
			ja += "返信先はフリーメールのアドレスです。"
			en += " The reply address is a free-mail address."
		}
		return []Finding{newFinding(finding.SenderReplyToMismatch, sev, ja, en, map[string]any{
			"from": m.From.Address, "reply_to": r.Address, "reply_to_domain": r.Domain, "freemail": free,
		})}
	}
	return nil
}

// recipientDomain is the domain of the mailbox the message was delivered
// to, from what the receiving side wrote: Delivered-To, X-Original-To, or
// the "for <addr>" clause of its own Received fields. To is the sender's
// word (newsletters address their own list and Bcc the readers), so it is
// used only when the receiving host is in the same organisation as it.
func recipientDomain(in *Input) string {
	m := in.Msg
	for _, d := range m.DeliveredTo {
		if dom := mail.AddrDomain(d); dom != "" {
			return dom
		}
	}
	for _, h := range m.Received {
		if in.Origin != nil && h.Index > in.Origin.Index {
			break
		}
		if dom := mail.AddrDomain(h.For); dom != "" {
			return dom
		}
	}
	if len(m.Received) == 0 {
		return ""
	}
	// A hosted platform's host names (outlook.com) are not the
	// recipient's domain; Exchange Online writes no Delivered-To or "for".
	if in.Receiver != nil && len(m.To) > 0 {
		return m.To[0].Domain
	}
	receiver := domain.Registrable(m.Received[0].By)
	for _, a := range m.To {
		if a.Domain != "" && domain.Registrable(a.Domain) == receiver {
			return a.Domain
		}
	}
	return ""
}

// isBounce reports a delivery status notification: null envelope sender or
// a mailer-daemon/postmaster From. An organisation's own bounces come from
// its own gateway, whatever the Received chain shows.
func isBounce(m *mail.Message) bool {
	local, _, _ := strings.Cut(strings.ToLower(m.From.Address), "@")
	return local == "mailer-daemon" || local == "postmaster" || m.ReturnPath == "" && m.Header.Has("Return-Path")
}

// authenticatedSubmission reports a hand-off where the receiving server
// recorded that the client signed in (RFC 3848's ESMTPA/ESMTPSA, Postfix's
// "Authenticated sender:", Sendmail's "authenticated bits=", Exim's
// "authenticated as"): a colleague's mail submitted from outside the
// office, not a stranger's. Only the receiving side writes that hop.
func authenticatedSubmission(h *mail.Hop) bool {
	switch w := strings.ToUpper(h.With); {
	case strings.HasSuffix(w, "SMTPA"), strings.HasSuffix(w, "SMTPSA"), strings.HasSuffix(w, "LMTPA"), strings.HasSuffix(w, "LMTPSA"):
		return true
	}
	raw := strings.ToLower(h.Raw)
	return strings.Contains(raw, "(authenticated sender:") || strings.Contains(raw, "authenticated bits=") ||
		strings.Contains(raw, "(authenticated as ") || strings.Contains(raw, " authenticated as ")
}

func ownDomainSpoof(in *Input) []Finding {
	m := in.Msg
	rcpt := recipientDomain(in)
	if in.FromOrg == "" || rcpt == "" || in.IsList || in.Origin == nil || isBounce(m) {
		return nil
	}
	if domain.Registrable(rcpt) != in.FromOrg || in.KB.IsFreemail(m.From.Domain) {
		return nil
	}
	o := in.Origin
	if (o.RDNS != "" && domain.Registrable(o.RDNS) == in.FromOrg) || in.DKIMAligned() || authenticatedSubmission(o) {
		return nil
	}
	if r, ok := in.authResult("spf"); ok && r.Result == "pass" && domain.Registrable(r.Domain) == in.FromOrg {
		return nil
	}
	host := o.RDNS
	if host == "" {
		host = o.Helo
	}
	ja := fmt.Sprintf("差出人 %s は受信者と同じ組織（%s）を名乗っていますが、このメールは組織の外のサーバー %s（%s）から届いており、組織のドメインとしての認証も通っていません。",
		m.From.Address, in.FromOrg, o.IP, orNone(host, "名前なし"))
	en := fmt.Sprintf("The sender %s claims your own organisation (%s), but the message came from an outside server %s (%s) and did not authenticate as your domain.",
		m.From.Address, in.FromOrg, o.IP, orNone(host, "unnamed"))
	return []Finding{newFinding(finding.SenderOwnDomainSpoof, High, ja, en, map[string]any{
		"from": m.From.Address, "recipient_domain": rcpt, "origin_ip": o.IP.String(), "origin_host": host,
	})}
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

// topicStopWords are the words of a newsletter's name that say nothing
// about who sends it: articles, prepositions and the words every
// newsletter's name carries ("Weekly", "Digest"). They neither make a
// brand's name a topic nor make it the brand's own.
var topicStopWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "by": true, "for": true, "and": true, "or": true,
	"on": true, "at": true, "in": true, "to": true, "with": true, "from": true, "via": true, "s": true,
	"your": true, "my": true, "our": true, "this": true, "new": true, "latest": true, "today": true,
	"news": true, "newsletter": true, "newsletters": true, "weekly": true, "daily": true, "monthly": true,
	"digest": true, "update": true, "updates": true, "bulletin": true, "briefing": true, "roundup": true,
	"edition": true, "letter": true, "list": true, "issue": true,
}

// brandServiceWords are the words a brand's own senders put beside its
// name ("Apple Support", "Apple ID", "PayPal Security Team", "Amazon
// Prime", "DHL Express"): a name built of the brand and these is the
// brand speaking, whoever authenticates the domain.
var brandServiceWords = map[string]bool{
	"support": true, "security": true, "secure": true, "safety": true, "account": true, "accounts": true,
	"team": true, "teams": true, "service": true, "services": true, "id": true, "billing": true, "bill": true,
	"invoice": true, "payment": true, "payments": true, "pay": true, "help": true, "helpdesk": true, "desk": true,
	"customer": true, "customers": true, "client": true, "care": true, "center": true, "centre": true,
	"notification": true, "notifications": true, "notice": true, "alert": true, "alerts": true,
	"verification": true, "verify": true, "validation": true, "official": true, "admin": true,
	"administrator": true, "administration": true, "mail": true, "email": true, "mailbox": true,
	"noreply": true, "no": true, "reply": true, "donotreply": true, "info": true, "information": true,
	"member": true, "members": true, "membership": true, "rewards": true, "points": true, "prime": true,
	"premium": true, "plus": true, "card": true, "cards": true, "credit": true, "bank": true, "banking": true,
	"online": true, "login": true, "signin": true, "sign": true, "password": true, "delivery": true,
	"shipping": true, "shipment": true, "package": true, "parcel": true, "tracking": true, "express": true,
	"order": true, "orders": true, "message": true, "messages": true, "system": true, "department": true,
	"dept": true, "operations": true, "management": true, "store": true, "shop": true, "app": true,
	"tv": true, "music": true, "cloud": true, "drive": true, "wallet": true, "japan": true, "jp": true,
	"global": true, "inc": true, "corp": true, "corporation": true, "co": true, "ltd": true, "llc": true,
	"group": true, "compliance": true, "fraud": true, "protection": true, "recovery": true, "access": true,
	"portal": true, "mobile": true, "renewal": true, "subscription": true, "office": true,
}

// brandAsTopic reports whether every place outside the body that names
// brand b names it as a topic of an authenticated newsletter rather than
// as the sender: "The Apple Core", "[Apple Core] …", "Amazon Web Services
// Insider by ExampleMedia" from a domain that authenticated itself, not
// "Apple", "Apple Support" or "Apple ID".
//
// The rule, kept narrow because phishers authenticate their own domains
// too: the From domain passed DKIM (aligned) or DMARC for itself; the mail
// carries a newsletter's list headers; the display name or the [tag] at
// the head of the subject is a longer name in which the brand is a
// modifier beside at least one word of its own (not the brand's, another
// brand's, a stop word, or a service word the brand's own senders use);
// a subject beyond the tag that names the brand reads as a headline (no
// service word, no login lure); and the From address does not spell the
// brand. Names in other scripts than Latin are left as they are.
func brandAsTopic(in *Input, b *kb.Brand) bool {
	if b.Role || !authenticatedFrom(in) || !newsletterMarkers(in) {
		return false
	}
	for _, bm := range in.KB.FindBrands(addressWords(in.Msg.From)) {
		if bm.Brand == b {
			return false
		}
	}
	named := false
	subject := in.Shown.Subject
	tag, rest := bracketTag(subject)
	for _, name := range []string{in.Shown.Name, tag} {
		switch topicName(in, name, b) {
		case topicNo:
			return false
		case topicYes:
			named = true
		}
	}
	if !named {
		return false // the newsletter's name is not about the brand
	}
	if mentions(in.KB.FindBrandsInSubject(rest), b) {
		if in.KB.LoginLure(rest) != "" || hasServiceWord(words(rest)) {
			return false
		}
	}
	return true
}

// topic verdicts of one name.
const (
	topicAbsent = iota // the name does not name the brand
	topicYes           // the brand is a topic inside a longer name
	topicNo            // the name is the brand's (or cannot be told)
)

// topicName judges how name names brand b (see brandAsTopic).
func topicName(in *Input, name string, b *kb.Brand) int {
	ms := in.KB.FindBrandsInName(name)
	var own *kb.BrandMention
	for i := range ms {
		if ms[i].Brand == b {
			own = &ms[i]
		}
	}
	if own == nil {
		return topicAbsent
	}
	for _, r := range name {
		if r >= 0x80 && unicode.IsLetter(r) {
			return topicNo
		}
	}
	brandWords := words(own.Name)
	if len(brandWords) == 0 || strings.Contains(own.Name, ".") || hasServiceWord(brandWords) {
		return topicNo // "apple id", "apple.com"
	}
	others := map[string]bool{}
	for _, m := range ms {
		for _, w := range words(m.Name) {
			others[w] = true
		}
	}
	ws := words(name)
	title, publisher := ws, []string(nil)
	if i := slices.Index(ws, "by"); i > 0 && i < len(ws)-1 {
		title, publisher = ws[:i], ws[i+1:]
	}
	// "… by ExampleMedia" credits a publisher, which must be one.
	if len(publisher) > 0 {
		if hasServiceWord(publisher) || substantive(publisher, others) == 0 {
			return topicNo
		}
		for _, w := range publisher {
			if others[w] {
				return topicNo
			}
		}
	}
	title = splitCompound(title, brandWords)
	at := wordsIndex(title, brandWords)
	if at < 0 {
		return topicNo
	}
	if len(publisher) > 0 {
		// A credited title may hold service words ("Amazon Web Services
		// Insider by …"), but not right beside the brand.
		if at > 0 && brandServiceWords[title[at-1]] || at+len(brandWords) < len(title) && brandServiceWords[title[at+len(brandWords)]] {
			return topicNo
		}
	} else if hasServiceWord(title) {
		return topicNo
	}
	if substantive(title, others) == 0 {
		return topicNo
	}
	return topicYes
}

// splitCompound splits a word that glues the brand's name to another
// ("appleinsider" → "apple", "insider"; "appleid" → "apple", "id"), so
// that the other part is judged as a word of its own.
func splitCompound(ws, brandWords []string) []string {
	glued := strings.Join(brandWords, "")
	var out []string
	for _, w := range ws {
		switch {
		case w != glued && strings.HasPrefix(w, glued):
			out = append(append(out, brandWords...), strings.TrimPrefix(w, glued))
		case w != glued && strings.HasSuffix(w, glued):
			out = append(append(out, strings.TrimSuffix(w, glued)), brandWords...)
		default:
			out = append(out, w)
		}
	}
	return out
}

// substantive counts the words of ws that are neither stop words,
// service words, numbers nor any brand's words (skip).
func substantive(ws []string, skip map[string]bool) int {
	n := 0
	for _, w := range ws {
		if len(w) < 2 || topicStopWords[w] || brandServiceWords[w] || skip[w] || strings.Trim(w, "0123456789") == "" {
			continue
		}
		n++
	}
	return n
}

// hasServiceWord reports whether ws holds one of brandServiceWords.
func hasServiceWord(ws []string) bool {
	for _, w := range ws {
		if brandServiceWords[w] {
			return true
		}
	}
	return false
}

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(match.Normalize(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// wordsIndex returns where the word sequence sub starts in ws, or -1.
func wordsIndex(ws, sub []string) int {
	for i := 0; i+len(sub) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// mentions reports whether ms names b.
func mentions(ms []kb.BrandMention, b *kb.Brand) bool {
	for _, m := range ms {
		if m.Brand == b {
			return true
		}
	}
	return false
}

// cutReplyMark cuts one Re:, Fw: or Fwd: marker off the head of s.
func cutReplyMark(s string) (string, bool) {
	switch {
	case len(s) > 3 && (strings.EqualFold(s[:3], "re:") || strings.EqualFold(s[:3], "fw:")):
		return strings.TrimSpace(s[3:]), true
	case len(s) > 4 && strings.EqualFold(s[:4], "fwd:"):
		return strings.TrimSpace(s[4:]), true
	}
	return s, false
}

// bracketTag splits a subject into the text of a [tag] or 【tag】 at its
// head (after Re:/Fwd: markers) and the rest; tag is "" when there is
// none, and rest is then the whole subject.
func bracketTag(subject string) (tag, rest string) {
	s := strings.TrimSpace(subject)
	for {
		rest, ok := cutReplyMark(s)
		if !ok {
			break
		}
		s = rest
	}
	for _, p := range [][2]string{{"[", "]"}, {"【", "】"}} {
		if after, ok := strings.CutPrefix(s, p[0]); ok {
			if t, r, ok := strings.Cut(after, p[1]); ok {
				return t, r
			}
		}
	}
	return "", subject
}

// authenticatedFrom reports whether the receiver verified the From
// domain itself: a DKIM pass whose d= shares From's organizational
// domain, or a DMARC pass for it (header.from, when written, of From's
// organisation).
func authenticatedFrom(in *Input) bool {
	if in.FromOrg == "" {
		return false
	}
	for _, r := range in.Auth {
		if r.Result != "pass" {
			continue
		}
		switch r.Method {
		case "dkim":
			if domain.Registrable(r.Domain) == in.FromOrg {
				return true
			}
		case "dmarc":
			if r.Domain == "" || domain.Registrable(r.Domain) == in.FromOrg {
				return true
			}
		}
	}
	return false
}

// newsletterMarkers reports the list headers of a newsletter or a list:
// List-Unsubscribe (RFC 2369, RFC 8058) or a list's own fields.
func newsletterMarkers(in *Input) bool {
	return in.IsList || in.Msg.Header.Has("List-Unsubscribe")
}
