// Package match finds dictionary terms (brand names, later phrases) in
// mail text after normalising it the way a reader sees it: NFKC
// (full-width → half-width, compatibility forms), invisible format
// characters removed, white space inside Japanese text removed (spammers
// write 東 京 電 力 to dodge filters) and letters lower-cased.
package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in matching form. Letters are lower-cased in place
// (ASCII, and the Latin, Greek and Cyrillic capitals whose small letter
// has the same UTF-8 length: "NOTIFICAÇÃO" reads "notificação"), so byte
// offsets in the result refer to the same characters as in
// NormalizeCase(s).
func Normalize(s string) string {
	return lowerLetters(NormalizeCase(s))
}

// NormalizeCase is Normalize without the lower-casing, for terms that
// must match case-sensitively (LINE, ANA, VISA).
func NormalizeCase(s string) string {
	if isPlainASCII(s) {
		return normalizeASCII(s)
	}
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	prevWide := false
	pendingSpace := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			continue
		case r < 0x80:
			if r == ' ' || r >= '\t' && r <= '\r' {
				pendingSpace = true
				continue
			}
			if r < ' ' || r == 0x7f {
				// NUL and the other controls show as nothing, or stop a
				// mail program's display: "Ama\x00zon" reads Amazon.
				continue
			}
		case r < 0xA0: // C1 controls
			continue
		case r > 0x3000 && r < 0xFEFF:
			// CJK, kana and the rest of the BMP up to the BOM: neither
			// space nor format characters (the Unicode tables are slow).
		case unicode.Is(unicode.Cf, r): // zero-width and other invisible format characters
			continue
		case unicode.IsSpace(r):
			pendingSpace = true
			continue
		}
		r = foldJISRow1(r)
		wide := r >= 0x2E80
		if pendingSpace {
			// Keep the space only between two narrow (Latin) characters.
			if !prevWide && !wide && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pendingSpace = false
		}
		b.WriteRune(r)
		prevWide = wide
	}
	return b.String()
}

// foldJISRow1 folds the JIS X 0208 row-1 characters that Shift_JIS and
// ISO-2022-JP decoders map to one code point and CP932 decoders to
// another (〜/～, −/－, ―/—, ‖/∥) to one form, so that a phrase matches
// whichever way the mail was decoded. NFKC has already turned ～ and －
// into ASCII.
func foldJISRow1(r rune) rune {
	switch r {
	case '\u301C': // WAVE DASH (JIS) ~ FULLWIDTH TILDE (CP932)
		return '~'
	case '\u2212': // MINUS SIGN (JIS) ~ FULLWIDTH HYPHEN-MINUS (CP932)
		return '-'
	case '\u2015': // HORIZONTAL BAR (CP932) ~ EM DASH (JIS)
		return '\u2014'
	case '\u2016': // DOUBLE VERTICAL LINE (JIS) ~ PARALLEL TO (CP932)
		return '\u2225'
	case '\u2018', '\u2019', '\u02BC': // curly quotes and the modifier apostrophe: "vous n’avez" reads "vous n'avez"
		return '\''
	}
	return r
}

// normalizeASCII is NormalizeCase for text without a byte above 0x7f:
// runs of white space become one space between words (none at the
// start), controls and DEL are dropped; byte by byte, since mail of many
// megabytes is often plain ASCII.
func normalizeASCII(s string) string {
	b := make([]byte, 0, len(s))
	pendingSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c >= '\t' && c <= '\r':
			pendingSpace = true
			continue
		case c < ' ' || c == 0x7f:
			continue
		}
		if pendingSpace {
			if len(b) > 0 {
				b = append(b, ' ')
			}
			pendingSpace = false
		}
		b = append(b, c)
	}
	return string(b)
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Lower lower-cases the letters of a NormalizeCase result as Normalize
// does, giving Normalize's result without normalising twice.
func Lower(cased string) string { return lowerLetters(cased) }

// lowerLetters lower-cases ASCII letters, and the two-byte capitals
// (U+00C0–U+052F: Latin-1, Latin Extended, Greek, Cyrillic) whose small
// letter is two bytes too; other text is left as it is. Japanese and
// other three-byte text costs one look per byte.
func lowerLetters(s string) string {
	i := firstUpper(s)
	if i < 0 {
		return s
	}
	b := []byte(s)
	for i < len(b) {
		c := b[i]
		switch {
		case c < 0x80:
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
		case c >= 0xC3 && c <= 0xD4:
			r, n := utf8.DecodeRune(b[i:])
			if l := lowerTwoByte(r, n); l != r {
				utf8.EncodeRune(b[i:], l)
			}
			i += n
		default:
			i++
		}
	}
	return string(b)
}

// firstUpper returns the offset of the first letter lowerLetters
// changes, or -1.
func firstUpper(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			return i
		case c >= 0xC3 && c <= 0xD4:
			r, n := utf8.DecodeRuneInString(s[i:])
			if lowerTwoByte(r, n) != r {
				return i
			}
		}
	}
	return -1
}

// lowerTwoByte returns the small letter of the two-byte capital r (of n
// bytes), or r when it has none of the same length.
func lowerTwoByte(r rune, n int) rune {
	if n != 2 || !unicode.IsUpper(r) {
		return r
	}
	if l := unicode.ToLower(r); utf8.RuneLen(l) == 2 {
		return l
	}
	return r
}

// FoldKana maps katakana to the hiragana of the same sound (ログイン →
// ろぐいん), so that a phrase matches whichever script the sender chose.
// Both scripts are three bytes in UTF-8: byte offsets are kept.
func FoldKana(s string) string {
	i := strings.IndexFunc(s, isFoldableKatakana)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if isFoldableKatakana(r) {
			r -= 0x60
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isFoldableKatakana reports katakana letters with a hiragana twin
// (ァ..ヶ); the long-vowel mark and ヷ..ヺ stay.
func isFoldableKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30F6 }
