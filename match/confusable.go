package match

import (
	"unicode"
	"unicode/utf8"
)

// Confusable Latin letters and digits: "PayPaI" (a capital I for the
// small l), "lCIoud" (a small l for the I, a capital I for the l),
// "App1e", "Micr0soft", "rnicrosoft" ("rn" for "m"). In the sans-serif
// faces mail programs use, I and l are one stroke, 1 is one stroke with
// a flag, 0 is an O, and r beside n is an m: a reader reads the brand a
// filter looking for "paypal" or "icloud" does not see.
//
// The pairs are a subset of Unicode's confusables (UTS #39,
// https://www.unicode.org/Public/security/latest/confusables.txt:
// "0049 ; 006C # ( I → l ) LATIN CAPITAL LETTER I → LATIN SMALL LETTER
// L", "0031 ; 006C # ( 1 → l ) DIGIT ONE", "0030 ; 004F # ( 0 → O )
// DIGIT ZERO", "0072 006E ; 006D # ( rn → m )"), kept to the ones that
// hold within one word of ASCII. They are matched only against a known
// name (ReadAs), never used to rewrite text: "Ill", "Illinois", "1st",
// "turn" are words.

// ConfusableKey returns the key under which a word and the names it
// could be a disguise of meet: ASCII letters lower-cased, i, l and 1 as
// l, 0 as o, "rn" as m. ok is false when s holds anything but ASCII
// letters, digits and single spaces between them.
func ConfusableKey(s string) (key string, ok bool) {
	b, ok := AppendConfusableKey(make([]byte, 0, len(s)), s)
	if !ok {
		return "", false
	}
	return string(b), true
}

// AppendConfusableKey is ConfusableKey appending to dst: dst with the key
// appended, or dst unchanged and false.
func AppendConfusableKey(dst []byte, s string) ([]byte, bool) {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return dst, false
	}
	b := dst
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if s[i-1] == ' ' {
				return dst, false
			}
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			return dst, false
		}
		switch c {
		case 'i', '1':
			c = 'l'
		case '0':
			c = 'o'
		case 'r':
			if i+1 < len(s) && s[i+1]|0x20 == 'n' {
				c = 'm'
				i++
			}
		}
		b = append(b, c)
	}
	return b, true
}

// ReadAs reports whether written (ASCII words as they stand in a display
// name or subject, in their case) reads as name (a lower-case ASCII name
// of a brand) through at least one look-alike, and returns what the
// reader reads. Every other letter must be the name's letter in either
// case. The look-alikes hold only where they look alike:
//
//   - a capital I for an l, in a word with a small letter (in capitals,
//     I and L differ): "PayPaI";
//   - a small l for an i, where it reads as a capital I: at the start of
//     a word or beside a capital ("lCloud", "Apple lD", "MlCROSOFT");
//   - 1 for an l or i, and 0 for an o, in a word of two letters or more
//     ("App1e", "Micr0soft");
//   - a small "rn" for an m ("rnicrosoft").
//
// A word that is the name in another case (PAYPAL, Icloud) is no
// disguise.
func ReadAs(written, name string) (string, bool) {
	if len(written) < len(name) || len(written) > 2*len(name) {
		return "", false
	}
	out := make([]byte, 0, len(name))
	subs := 0
	ws := 0 // start of the current word in written
	i, j := 0, 0
	for i < len(written) && j < len(name) {
		c, n := written[i], name[j]
		if c == ' ' {
			ws = i + 1
		}
		if lowerASCII(c) == n {
			out = append(out, c)
			i++
			j++
			continue
		}
		we := wordEnd(written, i)
		switch {
		case c == 'r' && n == 'm' && i+1 < len(written) && written[i+1] == 'n':
			out = append(out, 'm')
			i++
		case c == 'I' && n == 'l' && hasLower(written[ws:we]):
			out = append(out, 'l')
		case c == 'l' && n == 'i' && (i == ws || isUpperAt(written, i-1) || isUpperAt(written, i+1)):
			out = append(out, 'I')
		case c == '1' && (n == 'l' || n == 'i') && letters(written[ws:we]) >= 2:
			if n == 'i' {
				out = append(out, 'I')
			} else {
				out = append(out, 'l')
			}
		case c == '0' && n == 'o' && letters(written[ws:we]) >= 2:
			if upperWord(written[ws:we]) {
				out = append(out, 'O')
			} else {
				out = append(out, 'o')
			}
		default:
			return "", false
		}
		subs++
		i++
		j++
	}
	if i != len(written) || j != len(name) || subs == 0 {
		return "", false
	}
	return string(out), true
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func wordEnd(s string, i int) int {
	for i < len(s) && s[i] != ' ' {
		i++
	}
	return i
}

func isUpperAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= 'A' && s[i] <= 'Z' }

func hasLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 'a' && w[i] <= 'z' {
			return true
		}
	}
	return false
}

func letters(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if isASCIILetter(w[i]) {
			n++
		}
	}
	return n
}

// upperWord reports a word whose letters are all capitals.
func upperWord(w string) bool {
	return !hasLower(w) && letters(w) > 0
}

// WordSpan is one word of ASCII letters and digits in a text.
type WordSpan struct{ Start, End int }

// ASCIIWords returns the words of text made only of ASCII letters and
// digits, standing as words: a run glued to a letter or digit of another
// alphabet written with spaces ("Pokémon", "Ünİ") is left out; one beside
// Japanese text, punctuation or a space is a word ("lCIoudサポート").
func ASCIIWords(text string) []WordSpan {
	var out []WordSpan
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) {
			i++
			continue
		}
		start := i
		for i < len(text) && isWordByte(text[i]) {
			i++
		}
		glued := false
		if start > 0 && text[start-1] >= 0x80 {
			r, _ := utf8.DecodeLastRuneInString(text[:start])
			glued = isWordRune(r) || unicode.IsMark(r)
		}
		if i < len(text) && text[i] >= 0x80 {
			r, _ := utf8.DecodeRuneInString(text[i:])
			glued = glued || isWordRune(r) || unicode.IsMark(r)
		}
		if !glued {
			out = append(out, WordSpan{start, i})
		}
	}
	return out
}
