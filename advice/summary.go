package advice

import (
	"strings"
	"unicode/utf8"

	"github.com/mekiki/mekiki/check"
	"github.com/mekiki/mekiki/finding"
)

// clause is one reason of a summary in both languages: mid is the
// Japanese connective form (…送られ、), end the sentence-final one.
type clause struct{ mid, end, en string }

// Summary returns one or two plain sentences, in Japanese and English,
// that say what the mail is and why: the verdict in words, then at most
// three reasons — who it claims to be against where it came from, where
// its links lead, what it asks for. A clean verdict never promises
// safety. capped is true for a mail whose score reached phishing but that
// shows no sign of phishing (mekiki.Report.Capped).
func Summary(m Mail, asks []Ask, capped bool) (ja, en string) {
	switch m.Verdict {
	case "clean":
		if score(m.Findings) > 0 {
			return "決め手は見つかりませんでした。心当たりがなければリンクを開かず、公式アプリやブックマークから確認してください。",
				"Nothing conclusive was found. If you were not expecting this mail, do not open its links; check through the official app or a bookmark."
		}
		return "不審な点は見つかりませんでしたが、安全を保証するものではありません。心当たりのない依頼は、公式アプリやブックマークから確認してください。",
			"Nothing suspicious was found, which does not prove the mail safe. Check any request you were not expecting through the official app or a bookmark."
	case "suspicious":
		if capped {
			return "送信元に不審な点が多いメールですが、なりすましや入力・支払いの求めは見つかりませんでした。迷惑メールの可能性があります。",
				"The sender shows many warning signs, but nothing impersonates anyone or asks you to enter or pay anything: it may be junk mail."
		}
	}
	leadJA, leadEN := lead(m, asks)
	reasons := reasonsOf(m, asks)
	if len(reasons) == 0 {
		return leadJA, leadEN
	}
	var bj, be strings.Builder
	bj.WriteString(leadJA)
	be.WriteString(leadEN)
	for i, r := range reasons {
		if i == len(reasons)-1 {
			bj.WriteString(r.end + "。")
		} else {
			bj.WriteString(r.mid + "、")
		}
	}
	be.WriteString(" ")
	for i, r := range reasons {
		switch {
		case i == 0:
			be.WriteString(strings.ToUpper(r.en[:1]) + r.en[1:])
		case i == len(reasons)-1:
			be.WriteString(", and " + r.en)
		default:
			be.WriteString(", " + r.en)
		}
	}
	be.WriteString(".")
	return bj.String(), be.String()
}

// lead names what the mail is.
func lead(m Mail, asks []Ask) (ja, en string) {
	if m.Verdict == "suspicious" {
		return "フィッシングの疑いがあるメールです。", "This mail may be phishing."
	}
	has := raised(m.Findings)
	switch {
	case has[finding.ContentSextortion]:
		return "お金を脅し取ろうとする脅迫メールです。", "This is an extortion mail."
	case has[finding.ContentCryptoLure]:
		return "暗号資産を狙う詐欺メールです。", "This is a crypto-wallet scam."
	case has[finding.ContentAdvanceFee]:
		return "先にお金を払わせようとする詐欺メールです。", "This is an advance-fee scam."
	case has[finding.ContentCallbackScam]:
		return "電話をかけさせる詐欺メールです。", "This is a call-back scam."
	case has[finding.ContentPrizeLure]:
		return "当選や特典を装った詐欺メールです。", "This is a prize or survey scam."
	}
	return "フィッシング詐欺のメールです。", "This is a phishing mail."
}

// reasonsOf picks at most three reasons: identity, links, the ask.
func reasonsOf(m Mail, asks []Ask) []clause {
	has := raised(m.Findings)
	var out []clause
	bj, be := "", ""
	if m.Brand != nil && !m.Brand.Role {
		bj, be = brandNameJA(m.Brand), m.Brand.Name
	}
	// bs is the name as a Japanese sentence holds it: set apart by
	// spaces when it is written in Latin letters, not when in Japanese.
	bs := func(before, after string) string { return spaced(bj, before, after) }
	switch {
	case has[finding.SenderOwnDomainSpoof]:
		out = append(out, clause{"あなたの組織のアドレスを名乗っていますが外部から送られ", "あなたの組織のアドレスを名乗っていますが外部から送られています",
			"it uses your own organisation's address but came from outside"})
	case bj != "" && has[finding.SenderFreemailBrand]:
		out = append(out, clause{bs("", "を名乗っていますが、個人向けのフリーメールから送られ"), bs("", "を名乗っていますが、個人向けのフリーメールから送られています"),
			"it claims to be " + be + " but was sent from a personal free-mail address"})
	case bj != "" && (has[finding.SenderBrandMismatch] || has[finding.SenderOffbrandAction]):
		out = append(out, clause{bs("", "を名乗っていますが、") + bs("", "とは関係のないところから送られ"), bs("", "を名乗っていますが、") + bs("", "とは関係のないところから送られています"),
			"it claims to be " + be + " but was not sent by " + be})
	case m.Brand != nil && m.Brand.Role && has[finding.SenderBrandMismatch]:
		out = append(out, clause{"メール管理者やヘルプデスクを名乗っていますが、あなたの組織の外から送られ", "メール管理者やヘルプデスクを名乗っていますが、あなたの組織の外から送られています",
			"it claims to come from your mail administrator or help desk but was sent from outside your organisation"})
	case sev(m.Findings, finding.SenderHeaderMismatch) == check.High || has[finding.SenderRecipientAsName] || has[finding.SenderInvalidDomain]:
		out = append(out, clause{"差出人の表示と実際の送信元が食い違い", "差出人の表示と実際の送信元が食い違っています",
			"the sender it shows is not where it came from"})
	}
	brandLink := has[finding.SenderOffbrandAction] || has[finding.URLLookalikeDomain] || has[finding.URLBrandInSubdomain] ||
		has[finding.URLBrandKeywordDomain] || has[finding.URLIDNHomoglyph]
	switch {
	case bj != "" && (brandLink || has[finding.URLAnchorMismatch]):
		out = append(out, clause{bs("リンク先も", "ではなく"), bs("リンク先も", "ではありません"), "its links do not lead to " + be})
	case brandLink:
		out = append(out, clause{"リンク先は本物に似せた偽のドメインで", "リンク先は本物に似せた偽のドメインです", "its links lead to a domain made to look like a real one"})
	case has[finding.URLAnchorMismatch]:
		out = append(out, clause{"リンクの表示と実際の行き先が違い", "リンクの表示と実際の行き先が違います", "its links go somewhere other than they show"})
	case sev(m.Findings, finding.URLIPLiteral) == check.High || has[finding.URLDynamicDNS] || sev(m.Findings, finding.URLFreeHosting) == check.High:
		out = append(out, clause{"リンク先は身元を隠しやすい場所で", "リンク先は身元を隠しやすい場所です", "its links lead to a host that hides who runs it"})
	}
	if c, ok := askClause(asks, has); ok && !(m.Verdict == "phishing" && sameAsLead(c, has)) {
		out = append(out, c)
	}
	return out
}

// sameAsLead reports an ask clause that only repeats what the lead
// sentence already named (「当選や特典を装った詐欺メールです。当選や特典を装っています」).
func sameAsLead(c clause, has map[finding.ID]bool) bool {
	switch {
	case has[finding.ContentSextortion], has[finding.ContentCryptoLure], has[finding.ContentAdvanceFee]:
		return false // the lead names the scam; the ask says what it is after
	case has[finding.ContentCallbackScam]:
		return strings.HasPrefix(c.end, "電話")
	case has[finding.ContentPrizeLure]:
		return strings.HasPrefix(c.end, "当選")
	}
	return false
}

// spaced writes name between before and after, with a space on a side
// where the name's Latin letters meet Japanese text.
func spaced(name, before, after string) string {
	latin := func(r rune) bool { return r < 0x80 && r > ' ' }
	var b strings.Builder
	b.WriteString(before)
	if r, _ := utf8.DecodeRuneInString(name); before != "" && latin(r) {
		b.WriteByte(' ')
	}
	b.WriteString(name)
	if r, _ := utf8.DecodeLastRuneInString(name); after != "" && latin(r) {
		b.WriteByte(' ')
	}
	b.WriteString(after)
	return b.String()
}

// askClause says what the mail asks for, the most telling ask first.
func askClause(asks []Ask, has map[finding.ID]bool) (clause, bool) {
	asked := map[Ask]bool{}
	for _, a := range asks {
		asked[a] = true
	}
	switch {
	case asked[AskExtortion]:
		return clause{}, false // the lead already says it
	case asked[AskCrypto]:
		return clause{"ウォレットの復元フレーズなどを狙い", "ウォレットの復元フレーズなどを狙っています", "it is after your wallet's recovery phrase"}, true
	case asked[AskCall]:
		return clause{"電話をかけさせようとし", "電話をかけさせようとしています", "it wants you to call a number"}, true
	case asked[AskCard]:
		return clause{"カード情報の入力を求め", "カード情報の入力を求めています", "it asks for your card details"}, true
	case asked[AskAttachment]:
		return clause{"危険な添付ファイルを開かせようとし", "危険な添付ファイルを開かせようとしています", "it wants you to open a dangerous attachment"}, true
	case asked[AskPayment]:
		return clause{"支払いや送金を求め", "支払いや送金を求めています", "it asks you to pay or send money"}, true
	case asked[AskCode]:
		return clause{"認証コードを求め", "認証コードを求めています", "it asks for a verification code"}, true
	case asked[AskPassword]:
		return clause{"ID やパスワードの入力を求め", "ID やパスワードの入力を求めています", "it asks for your ID and password"}, true
	case has[finding.ContentPrizeLure]:
		return clause{"当選や特典を装い", "当選や特典を装っています", "it dangles a prize or reward"}, true
	}
	return clause{}, false
}

func raised(fs []check.Finding) map[finding.ID]bool {
	out := map[finding.ID]bool{}
	for _, f := range fs {
		if f.Severity != check.Info {
			out[f.ID] = true
		}
	}
	return out
}

// sev is the strongest severity id was raised at, or "".
func sev(fs []check.Finding, id finding.ID) string {
	rank := map[string]int{check.Info: 1, check.Low: 2, check.Medium: 3, check.High: 4}
	best := ""
	for _, f := range fs {
		if f.ID == id && rank[f.Severity] > rank[best] {
			best = f.Severity
		}
	}
	return best
}

func score(fs []check.Finding) float64 {
	s := 0.0
	for _, f := range fs {
		s += f.Score
	}
	return s
}
