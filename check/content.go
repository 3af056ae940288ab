package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mekiki/mekiki/kb"
	"github.com/mekiki/mekiki/match"
	"github.com/mekiki/mekiki/wallet"
)

var contentCheck = &Check{
	ID: "content",
	Doc: "Reads the text of the mail (subject, text and HTML parts, HTML attachments) for what the experts point at: " +
		"deadlines and threats, requests for passwords or card numbers, account-action link texts, generic greetings, " +
		"machine-translated Japanese, Simplified-Chinese characters, sextortion with a crypto wallet, and text hidden " +
		"from the reader. Phrases are weighed together: a request for a password counts fully only beside a deadline " +
		"and a link, and a notice that says it never asks for passwords lowers it.",
	Findings: []FindingDoc{
		{"content.urgency", "期限や脅しで急がせる文言", "Deadline or threat",
			"A deadline or threat (24時間以内, 自動的に削除, 利用停止, within 24 hours …); weighs more beside a credential request and a link."},
		{"content.credential_request", "パスワードやカード情報の入力を求める文言", "Asks for credentials or card details",
			"Asks to sign in, verify, or enter a password, card number or PIN; full weight only with a deadline and a link to act on."},
		{"content.lure_action", "操作を促すリンク文言", "Account-action link text",
			"A link or button whose text asks for an account action (今すぐ認証, ログインはこちら, Verify now) and that leads away from the sender's and the claimed brand's domains."},
		{"content.generic_greeting", "名前のない一斉あいさつ", "Generic greeting",
			"お客様各位 / Amazon お客様 / Dear Customer instead of the customer's name, at the head of the text."},
		{"content.unnatural_japanese", "不自然な日本語", "Unnatural Japanese",
			"Wording a native writer would not use, typical of machine translation (授権, 不審の動き, バインディング, あなたのアカウント …)."},
		{"content.simplified_chinese", "日本語に簡体字が混入", "Simplified Chinese in Japanese text",
			"Han characters used in Simplified Chinese but in neither JIS X 0208 nor 0213, inside Japanese text; the share and examples are evidence."},
		{"content.hidden_text", "読み手に見えない隠しテキスト", "Hidden text",
			"Text a reader cannot see (display:none, zero size, white on white, off-screen) but a filter reads; it is kept out of the phrase checks."},
		{"content.sextortion", "暗号資産を要求する脅迫", "Sextortion with a crypto demand",
			"Claims of a hacked device or recorded video together with a Bitcoin or other crypto payment demand."},
	},
	Run: contentFindings,
}

// contentText is what the phrase checks read: the subject, the visible
// body text and the visible text of HTML attachments.
func (in *Input) contentText() string {
	parts := []string{in.Msg.Subject, in.Msg.Text}
	for _, a := range in.Attachments {
		if a.Text != "" {
			parts = append(parts, a.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// phraseFound is one category's phrases found in the text.
type phraseFound struct {
	phrases []string
	context string // words around the first one, as written
}

func contentFindings(in *Input) []Finding {
	text := in.contentText()
	// Both forms keep the same byte offsets: Normalize only lower-cases
	// ASCII and FoldKana swaps three-byte letters.
	cased := match.NormalizeCase(text)
	folded := match.FoldKana(match.Normalize(text))
	found := map[string]*phraseFound{}
	for _, h := range in.KB.FindPhrases(folded) {
		c := h.Phrase.Category
		f := found[c]
		if f == nil {
			f = &phraseFound{context: kb.PhraseContext(cased, h.Start, h.End)}
			found[c] = f
		}
		f.phrases = append(f.phrases, h.Phrase.Text)
	}
	var out []Finding
	reassured := found[kb.PhraseReassurance] != nil
	urgency, credential := found[kb.PhraseUrgency], found[kb.PhraseCredential]
	lures := lureLinks(in)
	actionable := in.hasOutsideLink() || in.hasFormAttachment()

	if credential != nil {
		sev := Low
		switch {
		case reassured:
		case urgency != nil && actionable:
			sev = High
		case actionable:
			sev = Medium
		}
		ev := map[string]any{"phrases": credential.phrases, "context": credential.context}
		ja, en := "", ""
		if reassured {
			ev["reassurance"] = found[kb.PhraseReassurance].phrases
			ja, en = " ただし「求めることはない」という注意書きもあります。", " The mail also says it never asks for them."
		}
		out = append(out, newFinding("content.credential_request", sev,
			fmt.Sprintf("パスワードやカード情報などの入力を求めています（「%s」: %s）。%s", credential.phrases[0], credential.context, ja),
			fmt.Sprintf("The mail asks for credentials or card details (%q: %s).%s", credential.phrases[0], credential.context, en), ev))
	}
	if urgency != nil {
		sev := Low
		if credential != nil && actionable && !reassured {
			sev = Medium
		}
		out = append(out, newFinding("content.urgency", sev,
			fmt.Sprintf("期限や脅しで急がせています（「%s」: %s）。", urgency.phrases[0], urgency.context),
			fmt.Sprintf("The mail presses with a deadline or threat (%q: %s).", urgency.phrases[0], urgency.context),
			map[string]any{"phrases": urgency.phrases, "context": urgency.context}))
	}
	if len(lures) > 0 {
		sev := Low
		if credential != nil || urgency != nil {
			sev = Medium
		}
		l := lures[0]
		out = append(out, newFinding("content.lure_action", sev,
			fmt.Sprintf("リンク「%s」が %s へ誘導しています。", l.Text, l.Dest().Host),
			fmt.Sprintf("The link %q leads to %s.", l.Text, l.Dest().Host),
			map[string]any{"text": l.Text, "url": l.Dest().String(), "links": len(lures)}))
	}
	if g := genericGreeting(in); g != "" {
		out = append(out, newFinding("content.generic_greeting", Low,
			fmt.Sprintf("宛名が名前ではなく「%s」です。", g),
			fmt.Sprintf("The mail greets the reader as %q, not by name.", g),
			map[string]any{"greeting": g}))
	}
	japanese := kanaCount(text) >= 10
	if u := found[kb.PhraseUnnatural]; u != nil && japanese {
		sev := Low
		if len(u.phrases) >= 2 {
			sev = Medium
		}
		out = append(out, newFinding("content.unnatural_japanese", sev,
			fmt.Sprintf("日本語として不自然な表現があります（「%s」: %s）。", strings.Join(u.phrases, "」「"), u.context),
			fmt.Sprintf("The Japanese has wording a native writer would not use (%s: %s).", strings.Join(u.phrases, ", "), u.context),
			map[string]any{"phrases": u.phrases, "context": u.context}))
	}
	if japanese {
		if f, ok := simplifiedChinese(in.KB, text); ok {
			out = append(out, f)
		}
	}
	if f, ok := sextortion(found, text); ok {
		out = append(out, f)
	}
	if f, ok := hiddenText(in); ok {
		out = append(out, f)
	}
	return out
}

// lureLinks are the links whose text asks for an account action and that
// lead away from the sender's organisation and the claimed brands.
func lureLinks(in *Input) []*LinkView {
	var out []*LinkView
	for _, l := range in.Links {
		if l.Text == "" || utf8.RuneCountInString(l.Text) > 40 {
			continue
		}
		hits := in.KB.FindPhrases(kb.FoldPhrase(l.Text))
		lure := false
		for _, h := range hits {
			lure = lure || h.Phrase.Category == kb.PhraseLure
		}
		if !lure {
			continue
		}
		d := l.Dest()
		if d.Registrable == "" || d.Registrable == in.FromOrg || in.claimedBrandHost(d.Host) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// claimedBrandHost reports whether host belongs to a brand the message
// claims or the From domain's brand.
func (in *Input) claimedBrandHost(host string) bool {
	for _, c := range in.Claims {
		if in.KB.IsBrandDomain(c.Brand, host) {
			return true
		}
	}
	for _, b := range in.FromBrands {
		if in.KB.IsBrandDomain(b, host) {
			return true
		}
	}
	return false
}

// hasOutsideLink reports a link that leads away from the sender's
// organisation and the brands the message claims: somewhere a request
// for credentials could be answered on a stranger's page.
func (in *Input) hasOutsideLink() bool {
	for _, l := range in.Links {
		d := l.Dest()
		if d.Registrable != "" && d.Registrable != in.FromOrg && !in.claimedBrandHost(d.Host) {
			return true
		}
	}
	return false
}

// hasFormAttachment reports an HTML attachment with a form.
func (in *Input) hasFormAttachment() bool {
	for _, a := range in.Attachments {
		if a.Forms > 0 {
			return true
		}
	}
	return false
}

// genericGreeting finds a greeting phrase at the head of the body text,
// or a first line that addresses "お客様" with no name ("Amazon お客様").
func genericGreeting(in *Input) string {
	body := in.Msg.Text
	head := body
	if len(head) > 600 {
		head = head[:600]
	}
	cased := match.NormalizeCase(head)
	for _, h := range in.KB.FindPhrases(match.FoldKana(match.Normalize(head))) {
		if h.Phrase.Category == kb.PhraseGreeting && h.Start < 300 {
			return strings.TrimSpace(cased[h.Start:h.End])
		}
	}
	for _, line := range strings.SplitN(body, "\n", 4) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		l := strings.TrimRight(line, "、，,：:!！ 　")
		if utf8.RuneCountInString(l) <= 30 && (strings.HasSuffix(l, "お客様") || strings.HasSuffix(l, "お客さま") || strings.HasSuffix(l, "会員様")) {
			return l
		}
		break
	}
	return ""
}

// kanaCount counts hiragana and katakana letters.
func kanaCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) {
			n++
		}
	}
	return n
}

// simplifiedChinese reports Simplified-Chinese-only characters in the
// Japanese text, with their share of the Han characters and examples.
func simplifiedChinese(k *kb.KB, text string) (Finding, bool) {
	han, count := 0, 0
	var examples []string
	seen := map[rune]bool{}
	for _, r := range text {
		if !unicode.Is(unicode.Han, r) {
			continue
		}
		han++
		if k.IsSimplifiedOnly(r) {
			count++
			if !seen[r] && len(examples) < 10 {
				seen[r] = true
				examples = append(examples, string(r))
			}
		}
	}
	if count == 0 {
		return Finding{}, false
	}
	sev := Low
	if len(seen) >= 3 {
		sev = Medium
	}
	share := float64(count) / float64(han)
	ex := strings.Join(examples, " ")
	return newFinding("content.simplified_chinese", sev,
		fmt.Sprintf("日本語の文中に、日本では使わない簡体字が %d 字あります（漢字の %.1f%%、例: %s）。", count, share*100, ex),
		fmt.Sprintf("The Japanese text holds %d Simplified-Chinese-only characters (%.1f%% of its Han characters, e.g. %s).", count, share*100, ex),
		map[string]any{"count": count, "han": han, "share": share, "examples": examples}), true
}

// sextortion needs two claims of a hacked device or recorded video and a
// payment channel: a valid wallet address (high) or crypto words (medium).
func sextortion(found map[string]*phraseFound, text string) (Finding, bool) {
	claims := found[kb.PhraseSextortionClaim]
	if claims == nil || len(claims.phrases) < 2 {
		return Finding{}, false
	}
	wallets := wallet.Find(text)
	payment := found[kb.PhraseSextortionPayment]
	ev := map[string]any{"claims": claims.phrases, "context": claims.context}
	switch {
	case len(wallets) > 0:
		ev["wallets"] = wallets
		return newFinding("content.sextortion", High,
			fmt.Sprintf("端末のハッキングや録画を主張し、暗号資産のアドレス %s への支払いを求めています。", wallets[0].Address),
			fmt.Sprintf("The mail claims a hacked device or recording and demands payment to the crypto address %s.", wallets[0].Address), ev), true
	case payment != nil && len(claims.phrases) >= 3:
		ev["payment"] = payment.phrases
		return newFinding("content.sextortion", Medium,
			fmt.Sprintf("端末のハッキングや録画を主張し、暗号資産（「%s」）での支払いを求めています。", payment.phrases[0]),
			fmt.Sprintf("The mail claims a hacked device or recording and asks for payment in crypto (%q).", payment.phrases[0]), ev), true
	}
	return Finding{}, false
}

// hiddenMin is how many hidden characters make a finding: a newsletter's
// hidden preheader line stays under it, filter-poisoning padding does not.
const hiddenMin = 200

func hiddenText(in *Input) (Finding, bool) {
	h := in.Msg.Hidden
	n := 0
	for _, r := range h {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	if n < hiddenMin {
		return Finding{}, false
	}
	sev := Low
	if n >= 3*hiddenMin {
		sev = Medium
	}
	sample := h
	if utf8.RuneCountInString(sample) > 80 {
		sample = string([]rune(sample)[:80]) + "…"
	}
	sample = strings.ReplaceAll(sample, "\n", " ")
	return newFinding("content.hidden_text", sev,
		fmt.Sprintf("読み手に見えない文字が %d 字あります（%s）: %s", n, in.Msg.HiddenWhy, sample),
		fmt.Sprintf("The mail holds %d characters the reader cannot see (%s): %s", n, in.Msg.HiddenWhy, sample),
		map[string]any{"characters": n, "how": in.Msg.HiddenWhy, "text": sample}), true
}
