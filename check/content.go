package check

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/internal/clip"

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
	DocJA: "メールの文面（件名、テキストと HTML の本文、HTML の添付）から、専門家が指摘する特徴を読みます：期限や脅し、" +
		"パスワードやカード番号の要求、アカウント操作を促すリンク文言、名前のない一斉あいさつ、機械翻訳の日本語、簡体字、" +
		"暗号資産のアドレスを添えた脅迫、読み手に見えない隠しテキスト。文言は組み合わせて重みづけします：パスワードの要求は" +
		"期限とリンクがそろって初めて満点となり、「パスワードをお尋ねすることはありません」という注意書きがあれば軽くなります。",
	Findings: []finding.ID{finding.ContentUrgency, finding.ContentCredentialRequest, finding.ContentLureAction, finding.ContentGenericGreeting, finding.ContentUnnaturalJapanese, finding.ContentSimplifiedChinese, finding.ContentHiddenText, finding.ContentSextortion,
		finding.ContentPrizeLure, finding.ContentCryptoLure, finding.ContentAdvanceFee, finding.ContentCallbackScam, finding.ContentDisguisedText, finding.ContentPasswordForm},
	Run: contentFindings,
}

// contentText is what the phrase checks read, in matching form: the
// subject, the visible body text and the visible text of HTML
// attachments, each normalised once (match.NormalizeCase) and joined by
// newlines. bodyStart is where the body text begins in it.
type contentText struct {
	raw       string // the pieces as written, joined
	cased     string // NormalizeCase form, disguises undone (match.Reveal)
	folded    string // lower-cased and kana-folded: what phrases match
	bodyStart int
	disguises []disguise // the pieces match.Reveal found disguised
	pieces    []string   // the pieces as normalised, for lines
	lines     *lineIndex // where the lines begin in cased, read lazily
}

func (in *Input) contentText() contentText {
	// The subject and text come disguises undone (Input.Shown); the
	// attachments' text is undone here.
	pieces := []string{in.Shown.Subject, in.Shown.Text}
	where := []string{"subject", "body"}
	for _, a := range in.Attachments {
		if a.Text != "" {
			pieces = append(pieces, a.Text)
			where = append(where, "attachment")
		}
	}
	var cased strings.Builder
	var t contentText
	for i, p := range pieces {
		if i > 0 {
			cased.WriteByte('\n')
		}
		if i == 1 {
			t.bodyStart = cased.Len()
		}
		if i >= 2 {
			var tricks match.Trick
			if p, tricks = match.Reveal(p); tricks != 0 {
				t.disguises = append(t.disguises, disguise{where[i], tricks})
			}
		}
		cased.WriteString(match.NormalizeCase(p))
		t.pieces = append(t.pieces, p)
	}
	t.raw = strings.Join(pieces, "\n")
	t.cased = cased.String()
	// Lower and FoldKana keep byte offsets, so a hit in folded cuts the
	// same characters out of cased.
	t.folded = match.FoldKana(match.Lower(t.cased))
	t.lines = newLineIndex(t.pieces, t.cased)
	return t
}

// phraseFound is one category's phrases found in the text.
type phraseFound struct {
	phrases []string // the texts matched, as the mail writes them, each once
	count   int      // how many phrases of the category were found
	context string   // words around the first one (snippet.plain)
	snip    snippet  // the same, for the sentences
	first   kb.PhraseHit
}

// contextJA is the words around the first phrase, the phrase in 「」.
func (f *phraseFound) contextJA() string { return f.snip.ja() }

// contextEN is the words around the first phrase, the phrase in quotes.
func (f *phraseFound) contextEN() string { return f.snip.en() }

// matchedText is what a phrase matched in the text, on one line: a
// phrase with gaps ("A…B") shows the words between its pieces too.
func matchedText(ct contentText, h kb.PhraseHit) string {
	if h.Start < 0 || h.End > len(ct.cased) || h.Start >= h.End {
		return h.Phrase.Text
	}
	return oneLine(clip.String(ct.cased[h.Start:h.End], maxMatchShown))
}

func contentFindings(in *Input) []Finding {
	ct := in.contentText()
	text := ct.raw
	found := map[string]*phraseFound{}
	for _, h := range in.KB.FindPhrases(ct.folded) {
		c := h.Phrase.Category
		f := found[c]
		if f == nil {
			sn := cutSnippet(ct.cased, h.Start, h.End, ct.lines)
			f = &phraseFound{context: sn.plain(), snip: sn, first: h}
			found[c] = f
		}
		f.count++
		if t := matchedText(ct, h); !slices.Contains(f.phrases, t) {
			f.phrases = append(f.phrases, t)
		}
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
			ja, en = "ただし「求めることはない」という注意書きもあります。", " The mail also says it never asks for them."
		}
		out = append(out, newFinding(finding.ContentCredentialRequest, sev,
			"パスワードやカード情報などの入力を求めています。"+ja+quotedJA(credential),
			"The mail asks for credentials or card details."+en+quotedEN(credential), ev))
	}
	if urgency != nil {
		sev := Low
		if credential != nil && actionable && !reassured {
			sev = Medium
		}
		out = append(out, newFinding(finding.ContentUrgency, sev,
			"期限や脅しで急がせています。"+quotedJA(urgency),
			"The mail presses with a deadline or threat."+quotedEN(urgency),
			map[string]any{"phrases": urgency.phrases, "context": urgency.context}))
	}
	if len(lures) > 0 {
		sev := Low
		if credential != nil || urgency != nil {
			sev = Medium
		}
		l := lures[0]
		out = append(out, newFinding(finding.ContentLureAction, sev,
			fmt.Sprintf("リンク「%s」が %s へ誘導しています。", oneLine(l.text), l.Dest().Host),
			fmt.Sprintf("The link \u201c%s\u201d leads to %s.", l.text, l.Dest().Host),
			map[string]any{"text": l.text, "url": l.Dest().String(), "links": len(lures)}))
	}
	if g := genericGreeting(in, ct, found[kb.PhraseGreeting]); g != "" {
		out = append(out, newFinding(finding.ContentGenericGreeting, Low,
			fmt.Sprintf("宛名が名前ではなく「%s」です。", g),
			fmt.Sprintf("The mail greets the reader as \u201c%s\u201d, not by name.", g),
			map[string]any{"greeting": g}))
	}
	scripts := countScripts(in.KB, text)
	japanese := scripts.kana >= 10
	if u := found[kb.PhraseUnnatural]; u != nil && japanese {
		sev := Low
		if u.count >= 2 {
			sev = Medium
		}
		out = append(out, newFinding(finding.ContentUnnaturalJapanese, sev,
			fmt.Sprintf("日本語として不自然な表現があります（「%s」）。%s", strings.Join(u.phrases, "」「"), quotedJA(u)),
			fmt.Sprintf("The Japanese has wording a native writer would not use (%s).%s", quoteListEN(u.phrases), quotedEN(u)),
			map[string]any{"phrases": u.phrases, "context": u.context}))
	}
	if japanese {
		if f, ok := simplifiedChinese(scripts); ok {
			out = append(out, f)
		}
	}
	if f, ok := sextortion(found, text); ok {
		out = append(out, f)
	}
	if f, ok := hiddenText(in); ok {
		out = append(out, f)
	}
	out = append(out, fraudFindings(in, ct, found, actionable)...)
	if f, ok := passwordForm(in, found); ok {
		out = append(out, f)
	}
	if f, ok := disguisedText(in, ct); ok {
		out = append(out, f)
	}
	return out
}

// lureLink is a link with the text over it that asks for an account
// action.
type lureLink struct {
	*LinkView
	text string
}

// lureLinks are the links one of whose texts asks for an account action
// and that lead away from the sender's organisation and the claimed
// brands.
func lureLinks(in *Input) []lureLink {
	var out []lureLink
	for _, l := range in.Links {
		if text := lureText(in, l); text != "" && in.outsideLink(l) {
			out = append(out, lureLink{l, text})
		}
	}
	return out
}

// lureText returns the first text over l that asks for an account
// action, or "".
func lureText(in *Input, l *LinkView) string {
	for _, text := range l.AllTexts() {
		if utf8.RuneCountInString(text) > 40 {
			continue
		}
		for _, h := range in.KB.FindPhrases(kb.FoldPhrase(text)) {
			if h.Phrase.Category == kb.PhraseLure {
				return text
			}
		}
	}
	return ""
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
		if in.outsideLink(l) {
			return true
		}
	}
	return false
}

// outsideLink reports a link (not an image, which the reader does not
// follow) to neither a claimed brand nor the sender's organisation. The
// sender's organisation does not count when the mail claims a brand the
// From domain does not belong to: a phisher's links to its own domain are
// not the brand's.
func (in *Input) outsideLink(l *LinkView) bool {
	d := l.Dest()
	if l.IsImage() || d.Registrable == "" || in.claimedBrandHost(d.Host) {
		return false
	}
	return d.Registrable != in.FromOrg || in.claimsForeignBrand()
}

// claimsForeignBrand reports a brand claim that the From domain does not
// back.
func (in *Input) claimsForeignBrand() bool {
	for _, c := range in.Claims {
		if !slices.Contains(in.FromBrands, c.Brand) {
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

// genericGreeting finds a greeting phrase in the first 300 bytes of the
// body text, or a first line that addresses "お客様" with no name
// ("Amazon お客様").
func genericGreeting(in *Input, ct contentText, greetings *phraseFound) string {
	if greetings != nil {
		for _, h := range in.KB.FindPhrases(ct.folded[ct.bodyStart:min(len(ct.folded), ct.bodyStart+600)]) {
			if h.Phrase.Category == kb.PhraseGreeting && h.Start < 300 {
				return strings.TrimSpace(ct.cased[ct.bodyStart+h.Start : ct.bodyStart+h.End])
			}
		}
	}
	body := in.Msg.Text
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

// scriptCount is what one pass over the text counts: kana letters, Han
// characters, and the Simplified-Chinese-only ones with examples.
type scriptCount struct {
	kana, han, simplified int
	examples              []string
	distinct              int
}

// countScripts counts in one pass; the range tests come first because
// the Unicode tables are slow and most text is ASCII or common kana.
func countScripts(k *kb.KB, s string) scriptCount {
	var c scriptCount
	seen := map[rune]bool{}
	for _, r := range s {
		switch {
		case r < 0x2E80:
			continue
		case r >= 0x3041 && r <= 0x30FF && r != 0x30FB && r != 0x30FC, r >= 0xFF66 && r <= 0xFF9D:
			c.kana++
		case unicode.Is(unicode.Han, r):
			c.han++
			if k.IsSimplifiedOnly(r) {
				c.simplified++
				if !seen[r] {
					seen[r] = true
					c.distinct++
					if len(c.examples) < 10 {
						c.examples = append(c.examples, string(r))
					}
				}
			}
		}
	}
	return c
}

// simplifiedChinese reports Simplified-Chinese-only characters in the
// Japanese text, with their share of the Han characters and examples.
func simplifiedChinese(c scriptCount) (Finding, bool) {
	if c.simplified == 0 {
		return Finding{}, false
	}
	sev := Low
	if c.distinct >= 3 {
		sev = Medium
	}
	count, han := c.simplified, c.han
	share := float64(count) / float64(han)
	ex := strings.Join(c.examples, "、")
	exEN := strings.Join(c.examples, " ")
	return newFinding(finding.ContentSimplifiedChinese, sev,
		fmt.Sprintf("日本語の文中に、日本では使わない簡体字が %d 字あります（漢字の %.1f%%、例：%s）。", count, share*100, ex),
		fmt.Sprintf("The Japanese text holds %d Simplified-Chinese-only characters (%.1f%% of its Han characters, e.g. %s).", count, share*100, exEN),
		map[string]any{"count": count, "han": han, "share": share, "examples": c.examples}), true
}

// sextortion needs two claims of a hacked device or recorded video and a
// payment channel: a valid wallet address (high) or crypto words (medium).
func sextortion(found map[string]*phraseFound, text string) (Finding, bool) {
	claims := found[kb.PhraseSextortionClaim]
	if claims == nil || claims.count < 2 {
		return Finding{}, false
	}
	wallets := wallet.Find(text)
	payment := found[kb.PhraseSextortionPayment]
	ev := map[string]any{"claims": claims.phrases, "context": claims.context}
	switch {
	case len(wallets) > 0:
		ev["wallets"] = wallets
		return newFinding(finding.ContentSextortion, High,
			fmt.Sprintf("端末のハッキングや録画を主張し、暗号資産のアドレス %s への支払いを求めています。", wallets[0].Address),
			fmt.Sprintf("The mail claims a hacked device or recording and demands payment to the crypto address %s.", wallets[0].Address), ev), true
	case payment != nil && claims.count >= 3:
		ev["payment"] = payment.phrases
		return newFinding(finding.ContentSextortion, Medium,
			fmt.Sprintf("端末のハッキングや録画を主張し、暗号資産（「%s」）での支払いを求めています。", payment.phrases[0]),
			fmt.Sprintf("The mail claims a hacked device or recording and asks for payment in crypto (\u201c%s\u201d).", payment.phrases[0]), ev), true
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
	return newFinding(finding.ContentHiddenText, sev,
		fmt.Sprintf("読み手に見えない文字が %d 字あります（%s）。隠された文字：「%s」", n, in.Msg.HiddenWhy, sample),
		fmt.Sprintf("The mail holds %d characters the reader cannot see (%s): \u201c%s\u201d", n, in.Msg.HiddenWhy, sample),
		map[string]any{"characters": n, "how": in.Msg.HiddenWhy, "text": sample}), true
}

// quotedJA is the sentence that shows where the first phrase stands in
// the mail, the phrase in 「」.
func quotedJA(f *phraseFound) string {
	if f.snip.match == "" {
		return ""
	}
	return "該当箇所：" + keep(f.contextJA())
}

// quotedEN is quotedJA in English.
func quotedEN(f *phraseFound) string {
	if f.snip.match == "" {
		return ""
	}
	return " In the mail: " + f.contextEN()
}

// quoteListEN writes phrases each in double quotes, comma-separated.
func quoteListEN(phrases []string) string {
	q := make([]string, len(phrases))
	for i, p := range phrases {
		q[i] = "\u201c" + p + "\u201d"
	}
	return strings.Join(q, ", ")
}
