package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/kb"
)

// fraudFindings weighs the lures of fraud other than credential
// phishing: prizes and surveys, crypto wallets, advance-fee stories and
// call-back scams. Each needs more than one word of its kind or a way
// to act (actionable: a link away from the sender or a form attachment;
// a phone number): the same words
// single and alone are what marketing and genuine notices write.
func fraudFindings(in *Input, ct contentText, found map[string]*phraseFound, actionable bool) []Finding {
	var out []Finding
	if p := found[kb.PhrasePrize]; p != nil {
		sev := Low
		if actionable || p.count >= 2 {
			sev = Medium
		}
		out = append(out, newFinding(finding.ContentPrizeLure, sev,
			"当選や特典、アンケートで誘っています。"+quotedJA(p),
			"The mail lures with a prize, reward or survey."+quotedEN(p),
			phraseEvidence(p)))
	}
	if p := found[kb.PhraseCrypto]; p != nil {
		sev := Low
		switch {
		case found[kb.PhraseReassurance] != nil:
		case p.count >= 2 && actionable:
			sev = High
		case actionable || p.count >= 2:
			sev = Medium
		}
		out = append(out, newFinding(finding.ContentCryptoLure, sev,
			"暗号資産ウォレットの認証や復元フレーズの入力を求めています。"+quotedJA(p),
			"The mail asks to verify a crypto wallet or enter its recovery phrase."+quotedEN(p),
			phraseEvidence(p)))
	}
	if p := found[kb.PhraseAdvanceFee]; p != nil {
		sev := Low
		switch {
		case p.count >= 3:
			sev = High
		case p.count == 2:
			sev = Medium
		}
		out = append(out, newFinding(finding.ContentAdvanceFee, sev,
			fmt.Sprintf("遺産や補償金、送金の話で手数料を求める筋書きです（「%s」）。%s", strings.Join(p.phrases, "」「"), quotedJA(p)),
			fmt.Sprintf("The mail tells an advance-fee story (%s).%s", quoteListEN(p.phrases), quotedEN(p)),
			phraseEvidence(p)))
	}
	if p := found[kb.PhraseCallback]; p != nil {
		if phone := phoneNumber(ct.raw); phone != "" {
			sev := Medium
			if p.count >= 2 && len(in.Claims) > 0 {
				sev = High
			}
			ev := phraseEvidence(p)
			ev["phone"] = phone
			out = append(out, newFinding(finding.ContentCallbackScam, sev,
				fmt.Sprintf("請求や更新が済んだと告げ、電話 %s をかけさせようとしています。%s", phone, quotedJA(p)),
				fmt.Sprintf("The mail claims a charge or renewal and wants the reader to call %s.%s", phone, quotedEN(p)), ev))
		}
	}
	return out
}

func phraseEvidence(p *phraseFound) map[string]any {
	return map[string]any{"phrases": p.phrases, "context": p.context}
}

// phonePattern finds a phone number as scam mails write them: an
// optional + and country code, then groups of digits split by spaces,
// dots, hyphens or a bracketed area code (+1 (808) 555-0143,
// 1-888-555-0143, 0120-123-456, +44 20 7946 0958).
var phonePattern = regexp.MustCompile(`(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?|\d{1,4}[ .-])\d{2,4}[ .-]\d{3,4}(?:[ .-]\d{2,4})?`)

// maxPhoneScan bounds the text searched for a phone number.
const maxPhoneScan = 256 << 10

// phoneNumber returns the first phone number in text (9 to 13 digits),
// or "".
func phoneNumber(text string) string {
	if len(text) > maxPhoneScan {
		text = text[:maxPhoneScan]
	}
	for _, m := range phonePattern.FindAllString(text, 20) {
		digits := 0
		for i := 0; i < len(m); i++ {
			if m[i] >= '0' && m[i] <= '9' {
				digits++
			}
		}
		if digits >= 9 && digits <= 13 {
			return strings.TrimSpace(m)
		}
	}
	return ""
}

// passwordForm reports a form in the mail's own HTML: high with a
// password field, medium when a form submits outside the sender and the
// claimed brand beside a request for credentials.
func passwordForm(in *Input, found map[string]*phraseFound) (Finding, bool) {
	m := in.Msg
	if m.PasswordInputs > 0 {
		ev := map[string]any{"forms": m.Forms, "password_fields": m.PasswordInputs}
		to, toEN := "", ""
		for _, l := range in.Links {
			if l.Source == "form" {
				ev["action"] = l.Href
				to, toEN = fmt.Sprintf("入力は %s へ送られます。", l.Dest().Host), fmt.Sprintf(" It submits to %s.", l.Dest().Host)
				break
			}
		}
		return newFinding(finding.ContentPasswordForm, High,
			fmt.Sprintf("メール本文の中に、パスワード欄のあるフォームがあります（フォーム %d、パスワード欄 %d）。%s", m.Forms, m.PasswordInputs, to),
			fmt.Sprintf("The mail's own HTML holds a form with a password field (%d forms, %d password fields).%s", m.Forms, m.PasswordInputs, toEN), ev), true
	}
	if m.Forms == 0 || found[kb.PhraseCredential] == nil {
		return Finding{}, false
	}
	for _, l := range in.Links {
		if l.Source == "form" && in.outsideLink(l) {
			return newFinding(finding.ContentPasswordForm, Medium,
				fmt.Sprintf("メール本文の中のフォームが %s へ送信され、入力を求める文言（「%s」）もあります。", l.Dest().Host, found[kb.PhraseCredential].phrases[0]),
				fmt.Sprintf("A form in the mail submits to %s, beside a request for credentials (\u201c%s\u201d).", l.Dest().Host, found[kb.PhraseCredential].phrases[0]),
				map[string]any{"forms": m.Forms, "action": l.Href}), true
		}
	}
	return Finding{}, false
}
