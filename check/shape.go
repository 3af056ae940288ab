package check

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unicode"

	"github.com/mekiki/mekiki/finding"
	"github.com/mekiki/mekiki/internal/clip"
	"github.com/mekiki/mekiki/mail"
)

// The message-shape tells that SpamAssassin and Rspamd test and honest
// mail programs rarely produce. Each is low and supporting (package
// finding): it counts only beside other evidence.

var shapeCheck = &Check{
	ID: "mail",
	Doc: "Reads the shape of the message the way SpamAssassin's and Rspamd's structure tests do: HTML without a text version, " +
		"text and HTML versions that say different things, undisclosed recipients, a subject in raw 8-bit bytes, an X-Mailer " +
		"posing as Outlook. Each is low and counts only beside other evidence.",
	DocJA: "SpamAssassin や Rspamd の構造テストと同じようにメールの形を読みます：テキスト版のない HTML、" +
		"内容の違うテキスト版と HTML 版、非公開の宛先、8 ビットのままの件名、Outlook を名乗る X-Mailer。" +
		"どれも低で、ほかの根拠があるときだけ数えます。",
	Findings: []finding.ID{finding.MailHTMLOnly, finding.MailAlternativeMismatch, finding.MailUndisclosedRecipients,
		finding.MailRawSubject, finding.MailForgedMailer},
	Run: func(in *Input) []Finding {
		m := in.Msg
		var out []Finding
		if htmlOnly(m) {
			out = append(out, newFinding(finding.MailHTMLOnly, Low,
				fmt.Sprintf("本文は HTML だけで（%s）、テキスト版がありません。", strings.Join(bodyTypes(m), "、")),
				fmt.Sprintf("The body is HTML only (%s), without a plain-text version.", strings.Join(bodyTypes(m), ", ")), map[string]any{"parts": bodyTypes(m)}))
		}
		if share, words, ok := alternativeMismatch(m); ok {
			ja := fmt.Sprintf("テキスト版の言葉 %d 語のうち HTML 版にもあるのは %d %% だけです。フィルターと人に別の内容を見せている可能性があります。", words, share)
			en := fmt.Sprintf("Only %d %% of the text version's %d words are in the HTML version: filters and people may be shown different things.", share, words)
			if words < minAltWords {
				ja = "テキスト版はほぼ空で、内容は HTML 版にしかありません。"
				en = "The text version is next to empty; the content is in the HTML version only."
			}
			out = append(out, newFinding(finding.MailAlternativeMismatch, Low, ja, en,
				map[string]any{"text_words": words, "shared_percent": share}))
		}
		if to, ok := undisclosed(m); ok {
			out = append(out, newFinding(finding.MailUndisclosedRecipients, Low,
				fmt.Sprintf("宛先は「%s」で、多数に BCC で送られています。", to),
				fmt.Sprintf("To reads \u201c%s\u201d: the mail went to many people by Bcc.", to),
				map[string]any{"to": to}))
		}
		if rawSubject(m) {
			out = append(out, newFinding(finding.MailRawSubject, Low,
				fmt.Sprintf("件名「%s」が MIME の符号化をせず 8 ビットの文字のまま書かれています。", clip.String(m.Subject, 160)),
				fmt.Sprintf("The subject “%s” is written in raw 8-bit bytes, not MIME encoded-words.", clip.String(m.Subject, 160)), map[string]any{"subject": clip.String(m.Subject, 160)}))
		}
		if xm, ok := forgedOutlook(m); ok {
			out = append(out, newFinding(finding.MailForgedMailer, Low,
				fmt.Sprintf("X-Mailer は「%s」を名乗っていますが、Outlook が必ず付ける Thread-Index がありません。", xm),
				fmt.Sprintf("X-Mailer claims \u201c%s\u201d, but the Thread-Index that Outlook always writes is missing.", xm),
				map[string]any{"x_mailer": xm}))
		}
		return out
	},
}

var greetingCheck = &Check{
	ID:       "origin",
	Doc:      "Says when the originating server greeted (HELO/EHLO) with a bare IP address, which RFC 5321 does not allow and real mail servers do not do.",
	DocJA:    "送信元サーバーが HELO/EHLO でホスト名ではなく裸の IP アドレスを名乗ったときに知らせます。RFC 5321 が認めない名乗りで、本物のメールサーバーはしません。",
	Findings: []finding.ID{finding.OriginBareIPHelo},
	Run: func(in *Input) []Finding {
		o := in.Origin
		helo, ok := bareIPHelo(o)
		if !ok {
			return nil
		}
		return []Finding{newFinding(finding.OriginBareIPHelo, Low,
			fmt.Sprintf("送信元 %s は HELO でホスト名ではなく「%s」と IP アドレスを名乗りました。", o.IP, helo),
			fmt.Sprintf("The originating server %s greeted with the bare address \u201c%s\u201d instead of a host name.", o.IP, helo),
			map[string]any{"helo": helo, "ip": o.IP.String()})}
	},
}

// bareIPHelo returns the greeting of the origin hop when it was an IP
// address without brackets. Postfix, Sendmail and Exchange write the
// client's HELO right after "from" (the parser keeps it as Hop.From and
// reads it as the address, and as Hop.Helo when it has no brackets); an
// address literal in brackets, "[192.0.2.1]", is the form RFC 5321
// allows.
func bareIPHelo(o *mail.Hop) (string, bool) {
	if o == nil {
		return "", false
	}
	first := o.From
	if first == "" || o.Helo != first {
		// No greeting, a bracketed literal, or a greeting named in a
		// comment (Exim's helo=, qmail's HELO).
		return "", false
	}
	if _, err := netip.ParseAddr(first); err != nil {
		return "", false
	}
	return first, true
}

// bodyParts calls f for each part of the message's own body (not
// attachments, not parts of attached messages).
func bodyParts(m *mail.Message, f func(p *mail.Part)) {
	for i := range m.Parts {
		if p := &m.Parts[i]; !p.Attachment && !p.Embedded {
			f(p)
		}
	}
}

// bodyTypes lists the content types of the body's own parts.
func bodyTypes(m *mail.Message) []string {
	var out []string
	bodyParts(m, func(p *mail.Part) { out = append(out, p.ContentType) })
	return out
}

func htmlOnly(m *mail.Message) bool {
	var html, plain bool
	bodyParts(m, func(p *mail.Part) {
		html = html || p.ContentType == "text/html"
		plain = plain || p.ContentType == "text/plain"
	})
	return html && !plain
}

// The alternative comparison reads at most maxAltText bytes of each
// version; a text version of fewer than minAltWords words is judged
// "next to empty" when the HTML holds at least fullAltWords.
const (
	maxAltText   = 32 << 10
	minAltWords  = 3
	fullAltWords = 40
	judgedWords  = 8
	maxAltShare  = 30 // percent
)

// alternativeMismatch compares the text version of a multipart/
// alternative with the HTML version's visible text (Message.Text, which
// leaves shadowed text parts out): the share of the text version's words
// (Latin words of three letters or more, CJK character pairs) that the
// HTML also has.
func alternativeMismatch(m *mail.Message) (share, words int, ok bool) {
	var plain string
	found := false
	bodyParts(m, func(p *mail.Part) {
		if !found && p.ContentType == "text/plain" && p.Shadowed {
			plain, found = p.Text, true
		}
	})
	if !found {
		return 0, 0, false
	}
	text := altWords(plain)
	html := altWords(m.Text)
	if len(text) < minAltWords {
		return 0, len(text), len(html) >= fullAltWords
	}
	if len(text) < judgedWords {
		return 0, 0, false
	}
	in := 0
	for w := range text {
		if html[w] {
			in++
		}
	}
	share = in * 100 / len(text)
	return share, len(text), share < maxAltShare
}

// maxAltWords bounds the word set of one version.
const maxAltWords = 2000

// altWords returns the lower-cased Latin words of three letters or more
// and the pairs of adjacent CJK characters (white space between them
// ignored) of the first maxAltText bytes of s, each as a 64-bit hash
// (FNV-1a of the lower-cased word; a pair packed as its two code points
// with the top bit set), so that the sets cost no string per word.
func altWords(s string) map[uint64]bool {
	if len(s) > maxAltText {
		s = s[:maxAltText]
	}
	const offset, prime = 14695981039346656037, 1099511628211
	out := map[uint64]bool{}
	h, n := uint64(offset), 0
	var prevCJK rune
	flush := func() {
		if n >= 3 && len(out) < maxAltWords {
			out[h&^(1<<63)] = true
		}
		h, n = offset, 0
	}
	for _, r := range s {
		switch {
		case cjkLetter(r):
			flush()
			if prevCJK != 0 && len(out) < maxAltWords {
				out[1<<63|uint64(prevCJK)<<21|uint64(r)] = true
			}
			prevCJK = r
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			h = (h ^ uint64(r)) * prime
			n++
			prevCJK = 0
		case r >= 'A' && r <= 'Z':
			h = (h ^ uint64(r+'a'-'A')) * prime
			n++
			prevCJK = 0
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			r = unicode.ToLower(r)
			for i := 0; i < 4; i++ {
				h = (h ^ uint64(byte(r>>(8*i)))) * prime
			}
			n++
			prevCJK = 0
		case unicode.IsSpace(r):
			flush()
		default:
			flush()
			prevCJK = 0
		}
	}
	flush()
	return out
}

// cjkLetter reports kana, the CJK ideographs and Hangul syllables by
// their blocks (cheaper than unicode.In over the script tables).
func cjkLetter(r rune) bool {
	switch {
	case r < 0x3040:
		return false
	case r <= 0x30ff: // hiragana, katakana
		return r != 0x30fb // the katakana middle dot is punctuation
	case r >= 0x3400 && r <= 0x4dbf, r >= 0x4e00 && r <= 0x9fff, r >= 0xf900 && r <= 0xfaff:
		return true
	case r >= 0xac00 && r <= 0xd7af:
		return true
	case r >= 0xff66 && r <= 0xff9f: // half-width katakana
		return true
	}
	return false
}

// undisclosed reports a To that is an empty group ("undisclosed-
// recipients:;") or names undisclosed recipients, and returns it.
func undisclosed(m *mail.Message) (string, bool) {
	raw := m.Header.Get("To")
	if raw == "" || len(m.To) > 0 {
		return "", false
	}
	v := strings.ToLower(strings.Join(strings.Fields(raw), ""))
	if strings.HasSuffix(v, ":;") || strings.Contains(v, "undisclosed") || strings.Contains(raw, "非公開") {
		return clip.String(strings.TrimSpace(raw), 80), true
	}
	return "", false
}

// rawSubject reports a Subject field with bytes above 0x7F.
func rawSubject(m *mail.Message) bool {
	v := m.Header.Get("Subject")
	for i := 0; i < len(v); i++ {
		if v[i] >= 0x80 {
			return true
		}
	}
	return false
}

// forgedOutlook reports an X-Mailer of Outlook 2007 or later (version
// 12 and up, "Microsoft Outlook 16.0", "Microsoft Office Outlook 12.0")
// without the Thread-Index field those versions write.
func forgedOutlook(m *mail.Message) (string, bool) {
	xm := strings.TrimSpace(m.Header.Get("X-Mailer"))
	if xm == "" || m.Header.Has("Thread-Index") {
		return "", false
	}
	l := strings.ToLower(xm)
	var rest string
	for _, p := range []string{"microsoft outlook ", "microsoft office outlook "} {
		if r, ok := strings.CutPrefix(l, p); ok {
			rest = r
		}
	}
	major, _, found := strings.Cut(rest, ".")
	if !found {
		return "", false
	}
	if v, err := strconv.Atoi(major); err != nil || v < 12 || v > 99 {
		return "", false
	}
	return clip.String(xm, 80), true
}
