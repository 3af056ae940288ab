// Package match finds dictionary terms (brand names, later phrases) in
// mail text after normalising it the way a reader sees it: NFKC
// (full-width → half-width, compatibility forms), invisible format
// characters removed, white space inside Japanese text removed (spammers
// write 東 京 電 力 to dodge filters) and ASCII letters lower-cased.
package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in matching form. ASCII letters are lower-cased in
// place, so byte offsets in the result refer to the same characters as in
// NormalizeCase(s).
func Normalize(s string) string {
	return lowerASCII(NormalizeCase(s))
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

// Lower lower-cases the ASCII letters of a NormalizeCase result, giving
// Normalize's result without normalising twice.
func Lower(cased string) string { return lowerASCII(cased) }

func lowerASCII(s string) string {
	hasUpper := false
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			hasUpper = true
			break
		}
	}
	if !hasUpper {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
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
