package finding

import "fmt"

// ComboID names a combination of evidence, "combo.name"; like finding
// ids, combination ids are public and never change once shipped.
type ComboID string

// Combination declares evidence an analyst reads together: it holds when
// the message raised, for every one of its groups, at least one finding
// of that group above information. Its score is added to the findings'
// own, so two medium findings that only read as phishing together can
// reach the verdict that neither reaches alone — and the report names
// the combination and its findings, so the total stays explainable.
type Combination struct {
	ID               ComboID
	TitleJA, TitleEN string
	DocJA, DocEN     string
	// Groups are the sets of findings the combination needs one of each.
	Groups [][]ID
	// Prior is the team's hand-set score, the starting point of the fit.
	Prior float64
}

// The combinations.
const (
	ComboLureFromStranger  ComboID = "combo.lure_from_stranger"
	ComboLureToRiskyLink   ComboID = "combo.lure_to_risky_link"
	ComboBrandToRiskyLink  ComboID = "combo.brand_to_risky_link"
	ComboUrgentCredential  ComboID = "combo.urgent_credential_link"
	ComboDisguisedLure     ComboID = "combo.disguised_lure"
	ComboStrangerRiskyLink ComboID = "combo.stranger_risky_link"
	ComboLyingLinkToRisky  ComboID = "combo.lying_link_to_risky_host"
	ComboLureMassMailed    ComboID = "combo.lure_mass_mailed"
)

// The groups the combinations are built from.
var (
	// lures: the mail asks the reader to act — sign in, pay, claim,
	// call, send.
	lures = []ID{ContentCredentialRequest, ContentLureAction, ContentPrizeLure, ContentCryptoLure,
		ContentAdvanceFee, ContentCallbackScam, ContentPasswordForm, ContentSextortion, AttachmentHTMLForm}
	// strangers: the sender is not who the mail says.
	strangers = []ID{SenderHeaderMismatch, SenderReplyToMismatch, SenderFreemailBrand, SenderBrandMismatch,
		SenderOwnDomainSpoof, SenderInvalidDomain, SenderRecipientAsName, SenderOffbrandAction, SenderHiddenCharacters}
	// brandClaims: the mail or its links wear a brand that is not theirs.
	brandClaims = []ID{SenderBrandMismatch, SenderFreemailBrand, SenderOwnDomainSpoof, SenderOffbrandAction,
		URLBrandInSubdomain, URLLookalikeDomain, URLBrandKeywordDomain, URLIDNHomoglyph}
	// riskyLinks: a link goes somewhere honest senders rarely send a
	// reader.
	riskyLinks = []ID{URLAnchorMismatch, URLIPLiteral, URLFreeHosting, URLDynamicDNS, URLShortener,
		URLSuspiciousTLD, URLOpenRedirect, URLCMSCompromisePath, URLUserinfoTrick, URLNewDomain,
		URLDomainInSubdomain, URLFeedListed}
	credentials = []ID{ContentCredentialRequest, ContentPasswordForm, AttachmentHTMLForm}
	disguises   = []ID{ContentHiddenText, ContentDisguisedText, SenderHiddenCharacters}
	// riskyHosts: where a link goes is itself a throwaway or hidden
	// place.
	riskyHosts = []ID{URLIPLiteral, URLFreeHosting, URLDynamicDNS, URLShortener, URLSuspiciousTLD,
		URLCMSCompromisePath, URLNewDomain, URLUserinfoTrick, URLOpenRedirect}
	// massMailing: the shape of mail sent by a bulk script, not by a
	// mail program (the supporting message-shape tells, without the
	// era-bound HTML-only).
	massMailing = []ID{MailUndisclosedRecipients, MailRawSubject, MailForgedMailer, OriginBareIPHelo, MailAlternativeMismatch}
	// strangersWithoutBrand leave the brand claims to the brand
	// combination.
	strangersWithoutBrand = []ID{SenderHeaderMismatch, SenderReplyToMismatch, SenderInvalidDomain, SenderRecipientAsName}
)

var combinations = []Combination{
	{
		ID:      ComboLureFromStranger,
		TitleJA: "送信者を偽ったうえで行動を求めている",
		TitleEN: "A lure from a sender who is not who they say",
		DocJA:   "送信者の食い違い（表示名・From・Return-Path・Reply-To・ブランド）と、ログイン・支払い・当選・電話・送金などの行動を求める文面が同じメールにあります。どちらか一方なら正規のメールにもありますが、両方そろうのは詐欺の典型です。",
		DocEN:   "The sender is not who the mail says (display name, From, Return-Path, Reply-To or brand disagree) and the text asks the reader to act: sign in, pay, claim a prize, call, send money. Each alone occurs in honest mail; together they are the shape of fraud.",
		Groups:  [][]ID{lures, strangers},
		Prior:   1.5,
	},
	{
		ID:      ComboLureToRiskyLink,
		TitleJA: "行動を求め、危険なリンク先へ誘導している",
		TitleEN: "A lure that leads to a risky link",
		DocJA:   "行動を求める文面と、IP アドレス・短縮 URL・無料ホスティング・表示と異なるリンク先など、正規の送信者がまず使わないリンクが同じメールにあります。",
		DocEN:   "The text asks the reader to act and a link goes where honest senders rarely send a reader: an IP address, a shortener, free hosting, a link whose text names another place.",
		Groups:  [][]ID{lures, riskyLinks},
		Prior:   1.5,
	},
	{
		ID:      ComboBrandToRiskyLink,
		TitleJA: "ブランドを名乗り、危険なリンク先へ誘導している",
		TitleEN: "A brand claimed, and a risky link",
		DocJA:   "ブランドのなりすまし（送信者やリンクのドメイン）と、正規のブランドなら使わないリンク先が同じメールにあります。",
		DocEN:   "A brand is worn by the sender or a link domain that is not the brand's, and a link goes where the brand itself would not send a reader.",
		Groups:  [][]ID{brandClaims, riskyLinks},
		Prior:   1,
	},
	{
		ID:      ComboUrgentCredential,
		TitleJA: "期限で急がせ、認証情報を求め、外部へ誘導している",
		TitleEN: "Urgency, a credential request and a risky link",
		DocJA:   "「24時間以内に」などの期限や脅し、ID・パスワード・カード情報の入力の求め、そして危険なリンク先の三つがそろっています。認証情報を盗むフィッシングの典型的な組み立てです。",
		DocEN:   "A deadline or threat, a request for credentials or card details, and a risky link: the classic build of credential phishing.",
		Groups:  [][]ID{{ContentUrgency}, credentials, riskyLinks},
		Prior:   1.5,
	},
	{
		ID:      ComboDisguisedLure,
		TitleJA: "隠した文字で偽装したうえで行動を求めている",
		TitleEN: "A lure behind disguised text",
		DocJA:   "フィルターを欺くための隠し文字・見えない文字・偽装した綴りと、行動を求める文面が同じメールにあります。",
		DocEN:   "Text hidden or disguised to deceive filters and a text that asks the reader to act, in the same mail.",
		Groups:  [][]ID{disguises, lures},
		Prior:   1,
	},
	{
		ID:      ComboStrangerRiskyLink,
		TitleJA: "送信者を偽ったうえで危険なリンクを含む",
		TitleEN: "A sender who is not who they say, and a risky link",
		DocJA:   "送信者の食い違い（From・Return-Path・Reply-To など）と、正規の送信者がまず使わないリンク先が同じメールにあります。迷惑メールにも多い組み合わせなので、重みは小さめです。",
		DocEN:   "The sender is not who the mail says and a link goes where honest senders rarely send a reader. Common in junk mail too, so it weighs little.",
		Groups:  [][]ID{strangersWithoutBrand, riskyLinks},
		Prior:   0.5,
	},
	{
		ID:      ComboLyingLinkToRisky,
		TitleJA: "表示と違うリンク先が使い捨てのホストを指している",
		TitleEN: "A link that lies about where it goes, to a throwaway host",
		DocJA:   "リンクの表示と実際のリンク先が違い、しかもそのリンク先が IP アドレス・ダイナミック DNS・無料ホスティング・短縮 URL など、身元を隠しやすい場所です。",
		DocEN:   "A link's text names another place than where it goes, and where it goes is a place that hides who runs it: an IP address, dynamic DNS, free hosting, a shortener.",
		Groups:  [][]ID{{URLAnchorMismatch}, riskyHosts},
		Prior:   1,
	},
	{
		ID:      ComboLureMassMailed,
		TitleJA: "行動を求める文面を、一斉送信ツールの形で送っている",
		TitleEN: "A lure sent the way bulk scripts send",
		DocJA:   "行動を求める文面と、宛先非公開・符号化されていない件名・偽の X-Mailer・裸の IP アドレスの HELO・中身の違うテキスト版など、メールソフトではなく一斉送信ツールが作るメールの形が同じメールにあります。",
		DocEN:   "A text that asks the reader to act, in a message shaped by a bulk-sending script rather than a mail program: undisclosed recipients, a raw 8-bit subject, a forged X-Mailer, a bare-IP HELO, a text version that says something else.",
		Groups:  [][]ID{lures, massMailing},
		Prior:   1,
	},
}

var comboByID = map[ComboID]*Combination{}

// checkCombinations indexes the combinations and holds their groups to
// the declared findings; run by init after the findings are indexed.
func checkCombinations() {
	for i := range combinations {
		c := &combinations[i]
		if _, dup := comboByID[c.ID]; dup {
			panic(fmt.Sprintf("finding: combination %s declared twice", c.ID))
		}
		for _, g := range c.Groups {
			for _, id := range g {
				if _, ok := byID[id]; !ok {
					panic(fmt.Sprintf("finding: combination %s names undeclared finding %s", c.ID, id))
				}
			}
		}
		comboByID[c.ID] = c
	}
}

// Combinations returns every combination in declaration order.
func Combinations() []*Combination {
	out := make([]*Combination, len(combinations))
	for i := range combinations {
		out[i] = &combinations[i]
	}
	return out
}

// LookupCombination returns the declaration of id.
func LookupCombination(id ComboID) (*Combination, bool) {
	c, ok := comboByID[id]
	return c, ok
}
