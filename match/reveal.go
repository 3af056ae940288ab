package match

// Reveal undoes the disguises phishers put on words so that a filter
// looking for "PayPal" or "Congratulations" misses them while a reader
// still sees the word:
//
//   - invisible characters inside a word ("Micro\u200bsoft", variation
//     selectors after Latin letters or kana, runs of soft hyphens, tag
//     characters);
//   - Cyrillic or Greek letters that look like Latin ones inside a Latin
//     word ("МеtaМask", "Pаypal", "Υoυr wαllet");
//   - single Latin letters interleaved with short fillers of Japanese
//     words or symbols ("C キシ o 航 n 上戸 g r a t …");
//   - single letters separated by spaces, dots, underscores or hyphens
//     ("P a y P a l", "v.e.r.i.f.y", "Y o u r  a c c o u n t"), and
//     single kana or kanji separated by one space each (「り そ な 銀 行」,
//     「ア　マ　ゾ　ン」, reveal_cjk.go).
//
// Each stage is one linear pass over the text (the run stages read a run
// twice: once to judge it, once to write it), without backtracking or
// regular expressions; a stage that finds nothing allocates nothing and
// hands its input on unchanged. Invalid UTF-8 is kept byte for byte.
// Reveal works on the text as written (before Normalize); its result is
// then normalised as any text is.

import (
	"unicode"
	"unicode/utf8"
)

// Trick is a way text was disguised; a set of them is a bit mask.
type Trick uint8

const (
	// TrickInvisible: default-ignorable code points (zero-width space
	// and joiners, word joiner, BOM, soft hyphens, variation selectors,
	// tag characters, invisible operators, controls) inside a word.
	TrickInvisible Trick = 1 << iota
	// TrickMixedScript: Cyrillic or Greek look-alikes of Latin letters
	// inside a Latin word.
	TrickMixedScript
	// TrickInterleaved: single Latin letters each separated by a short
	// filler of Japanese, Chinese or Korean letters or symbols.
	TrickInterleaved
	// TrickSpaced: single letters separated by spaces, dots, underscores
	// or hyphens; single kana or kanji separated by one space each.
	TrickSpaced
	// TrickConfusable: Latin letters or digits that look like others in
	// a brand's name ("PayPaI", "lCIoud", "App1e", "rnicrosoft"; see
	// ReadAs). Reveal never reports it: only a known name tells such a
	// word from an ordinary one, so the brand matching of a display name
	// or subject finds it.
	TrickConfusable
)

var trickNames = [...]string{"invisible", "mixed_script", "interleaved", "spaced", "confusable"}

// Names returns the names of the tricks in t, in the order of the
// constants ("invisible", "mixed_script", "interleaved", "spaced",
// "confusable").
func (t Trick) Names() []string {
	var names []string
	for i, n := range trickNames {
		if t&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return names
}

// Reveal returns text with the disguises undone and which were found;
// when none is found it returns text itself and 0.
func Reveal(text string) (string, Trick) {
	var tricks Trick
	s := text
	h := hintsOf(s)
	if h.invisible {
		if out, ok := revealInvisible(s); ok {
			s, tricks = out, tricks|TrickInvisible
		}
	}
	if h.greekCyr {
		if out, ok := revealMixedScript(s); ok {
			s, tricks = out, tricks|TrickMixedScript
		}
	}
	if h.interleaved {
		if out, ok := revealRuns(s, runInterleaved); ok {
			s, tricks = out, tricks|TrickInterleaved
		}
	}
	if h.spaced {
		if out, ok := revealRuns(s, runSpaced); ok {
			s, tricks = out, tricks|TrickSpaced
		}
	}
	if h.cjkSpaced {
		if out, ok := revealCJKSpaced(s); ok {
			s, tricks = out, tricks|TrickSpaced
		}
	}
	return s, tricks
}

// hints tells which disguises a text could hold, from one pass over its
// bytes, so that ordinary text skips the rune-by-rune stages. Each hint
// is a superset of what its stage acts on.
type hints struct {
	invisible   bool // a control, or the first bytes of an ignorable code point
	greekCyr    bool // a Greek or Cyrillic letter (and Latin ones)
	interleaved bool // six or more single Latin letters beside non-ASCII text or each other
	spaced      bool // single letters split by a separator, three in a row
	cjkSpaced   bool // a space other than ASCII's, or three ASCII spaces between wide letters
}

func hintsOf(s string) hints {
	var h hints
	latin, singlesBesideWide, fullWidth := false, 0, 0
	wideSpace, spacesBetweenWide := false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			switch {
			case c < 0x20 && (c < '\t' || c > '\r'), c == 0x7f:
				h.invisible = true
			case c == ' ':
				// After the last byte of a multi-byte letter, before the
				// first byte of one from U+3000 up.
				if i > 0 && s[i-1] >= 0x80 && s[i-1] <= 0xBF && i+1 < len(s) && s[i+1] >= 0xE3 {
					spacesBetweenWide++
				}
			case isASCIILetter(c):
				latin = true
				if single(s, i) {
					if besideWide(s, i) || i+2 < len(s) && s[i+1] == ' ' && isASCIILetter(s[i+2]) && single(s, i+2) {
						singlesBesideWide++
					}
					if !h.spaced && spacedAt(s, i) {
						h.spaced = true
					}
				}
			}
			continue
		}
		var c2, c3 byte
		if i+1 < len(s) {
			c2 = s[i+1]
		}
		if i+2 < len(s) {
			c3 = s[i+2]
		}
		switch c {
		case 0xC2:
			h.invisible = h.invisible || c2 == 0xAD || c2 >= 0x80 && c2 <= 0x9F
			h.spaced = h.spaced || c2 == 0xA0 // NBSP between letters
			wideSpace = wideSpace || c2 == 0xA0
		case 0xCD:
			h.invisible = h.invisible || c2 == 0x8F
			h.greekCyr = h.greekCyr || c2 >= 0xB0
		case 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4:
			h.greekCyr = true
		case 0xD8:
			h.invisible = h.invisible || c2 == 0x9C
		case 0xE1:
			h.invisible = h.invisible || c2 == 0x85 || c2 == 0x9E || c2 == 0xA0
		case 0xE2:
			h.invisible = h.invisible || c2 == 0x80 && (c3 >= 0x8B && c3 <= 0x8F || c3 >= 0xAA && c3 <= 0xAE) || c2 == 0x81 && c3 >= 0xA0 && c3 <= 0xAF
			h.spaced = h.spaced || c2 == 0x80 && c3 >= 0x80 && c3 <= 0x8A // the typographic spaces
			wideSpace = wideSpace || c2 == 0x80 && c3 >= 0x80 && c3 <= 0x8A
		case 0xE3:
			h.invisible = h.invisible || c2 == 0x85 && c3 == 0xA4
			h.spaced = h.spaced || c2 == 0x80 && c3 == 0x80 // the ideographic space
			wideSpace = wideSpace || c2 == 0x80 && c3 == 0x80
		case 0xEF:
			h.invisible = h.invisible || c2 == 0xB8 || c2 == 0xBB || c2 == 0xBE || c2 == 0xBF
			if c2 == 0xBC && c3 >= 0xA1 && c3 <= 0xBA || c2 == 0xBD && c3 >= 0x81 && c3 <= 0x9A {
				fullWidth++ // a full-width Latin letter
			}
		case 0xF0:
			h.invisible = h.invisible || c2 == 0x9B || c2 == 0x9D
		case 0xF3:
			h.invisible = h.invisible || c2 == 0xA0
		}
	}
	h.greekCyr = h.greekCyr && latin
	h.interleaved = singlesBesideWide+fullWidth >= 6
	h.spaced = h.spaced || fullWidth >= 5
	h.cjkSpaced = wideSpace || spacesBetweenWide >= minCJKSpaced-1
	return h
}

// besideWide reports a non-ASCII byte next to i, or past one space.
func besideWide(s string, i int) bool {
	for _, j := range [4]int{i - 1, i + 1, i - 2, i + 2} {
		if j < 0 || j >= len(s) {
			continue
		}
		if (j == i-2 && s[i-1] != ' ') || (j == i+2 && s[i+1] != ' ') {
			continue
		}
		if s[j] >= 0x80 {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// single reports an ASCII letter at i with no ASCII letter on either side.
func single(s string, i int) bool {
	return (i == 0 || !isASCIILetter(s[i-1])) && (i+1 == len(s) || !isASCIILetter(s[i+1]))
}

// spacedAt reports three single letters from i on, split by one
// separator each (". _ -" or a space): "P a y", "v.e.r".
func spacedAt(s string, i int) bool {
	isSep := func(c byte) bool { return c == ' ' || c == '.' || c == '_' || c == '-' }
	return i+4 < len(s) && isSep(s[i+1]) && isASCIILetter(s[i+2]) && single(s, i+2) &&
		isSep(s[i+3]) && isASCIILetter(s[i+4]) && single(s, i+4)
}

// rclass is what a code point is to the disguise rules.
type rclass uint8

const (
	clOther    rclass = iota // punctuation, symbols, emoji: filler between interleaved letters
	clLatin                  // a Latin letter (ASCII, accented, full-width)
	clGreekCyr               // a Greek or Cyrillic letter
	clCJK                    // Han, kana, Hangul (and 々 〆 〇 ー)
	clLetter                 // a letter of any other script
	clDigit
	clMark  // combining mark: belongs to the letter before it
	clSpace // horizontal white space (space, NBSP, ideographic space, …)
	clBreak // line ends, tab, start and end of text
	clSep   // . _ -
	clInvalid
)

var asciiClass = func() (t [utf8.RuneSelf]rclass) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			t[c] = clLatin
		case c >= '0' && c <= '9':
			t[c] = clDigit
		case c == ' ':
			t[c] = clSpace
		case c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = clBreak
		case c == '.' || c == '_' || c == '-':
			t[c] = clSep
		default:
			t[c] = clOther
		}
	}
	return t
}()

// classOf classifies the code point r, decoded from size bytes. The
// scripts of mail (Latin, Greek, Cyrillic, Japanese, general punctuation,
// full-width forms) are told by their ranges; the rest by the Unicode
// tables (classOfUnicode).
func classOf(r rune, size int) rclass {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	if r >= 0x3000 && r <= 0x9FFF {
		// Japanese: kana, ideographs and their punctuation.
		switch {
		case r >= 0x3041 && r <= 0x3096, r >= 0x309D && r <= 0x309F, // hiragana
			r >= 0x30A1 && r <= 0x30FA, r >= 0x30FC && r <= 0x30FF, // katakana, ー
			r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00, // Han
			r >= 0x3005 && r <= 0x3007: // 々 〆 〇
			return clCJK
		case r == 0x3000:
			return clSpace
		case r <= 0x3004, r >= 0x3008 && r <= 0x3020, r == 0x30FB:
			return clOther
		}
		return classOfUnicode(r)
	}
	switch {
	case r == utf8.RuneError && size <= 1:
		return clInvalid
	case r == 0xA0 || r >= 0x2000 && r <= 0x200A || r == 0x202F || r == 0x205F:
		return clSpace
	case r < 0xC0:
		switch r {
		case 0x85:
			return clBreak
		case 0xAA, 0xBA:
			return clLatin
		case 0xB5:
			return clLetter // µ, of no script
		}
		return clOther
	case r <= 0x24F:
		if r == 0xD7 || r == 0xF7 {
			return clOther
		}
		return clLatin
	case r >= 0x391 && r <= 0x3A1, r >= 0x3A3 && r <= 0x3C9, r >= 0x400 && r <= 0x481, r >= 0x48A && r <= 0x52F:
		return clGreekCyr
	case r >= 0xF900 && r <= 0xFAFF, // Han compatibility ideographs
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xFF66 && r <= 0xFF9D: // half-width katakana
		return clCJK
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E:
		return clOther // general punctuation
	case r == 0x2028 || r == 0x2029:
		return clBreak
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		switch c := r - 0xFEE0; {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			return clLatin
		case c >= '0' && c <= '9':
			return clDigit
		}
		return clOther
	case isIgnorable(r):
		return clOther
	}
	return classOfUnicode(r)
}

// classOfUnicode is classOf by the Unicode tables.
func classOfUnicode(r rune) rclass {
	switch {
	case unicode.IsLetter(r):
		switch {
		case unicode.Is(unicode.Latin, r):
			return clLatin
		case unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r):
			return clGreekCyr
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			return clCJK
		}
		return clLetter
	case unicode.IsDigit(r):
		return clDigit
	case unicode.IsMark(r):
		return clMark
	case r == 0x85 || r == 0x2028 || r == 0x2029:
		return clBreak
	case unicode.IsSpace(r):
		return clSpace
	}
	return clOther
}

// runeAt decodes and classifies the code point at byte offset i of s;
// the end of the text is a break (rune -1, size 0).
func runeAt(s string, i int) (rune, int, rclass) {
	if i >= len(s) {
		return -1, 0, clBreak
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1, asciiClass[c]
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return r, n, classOf(r, n)
}

// ---- invisible characters ----

// isIgnorable reports the code points a reader does not see: Unicode's
// Default_Ignorable_Code_Point set (DerivedCoreProperties.txt,
// https://www.unicode.org/Public/UCD/latest/ucd/DerivedCoreProperties.txt)
// and the C0/C1 controls other than white space, which mail programs
// show as nothing.
func isIgnorable(r rune) bool {
	if r < 0xA0 {
		return r < 0x20 && (r < '\t' || r > '\r') || r >= 0x7F && r != 0x85
	}
	switch {
	case r < 0x00AD, r > 0x3164 && r < 0xFE00:
		return false
	case r == 0x00AD, r == 0x034F, r == 0x061C,
		r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5,
		r >= 0x180B && r <= 0x180F,
		r >= 0x200B && r <= 0x200F,
		r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x206F,
		r == 0x3164,
		r >= 0xFE00 && r <= 0xFE0F,
		r == 0xFEFF, r == 0xFFA0,
		r >= 0xFFF0 && r <= 0xFFF8,
		r >= 0x1BCA0 && r <= 0x1BCA3,
		r >= 0x1D173 && r <= 0x1D17A,
		r >= 0xE0000 && r <= 0xE0FFF:
		return true
	}
	return false
}

func isVariationSelector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF || r >= 0x180B && r <= 0x180F && r != 0x180E
}

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x4DBF || r >= 0x4E00 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0x3005 && r <= 0x3007 || r >= 0x20000 && r <= 0x3FFFF
}

func isHangulJamo(r rune) bool {
	return r >= 0x1100 && r <= 0x11FF || r >= 0xA960 && r <= 0xA97F || r >= 0xD7B0 && r <= 0xD7FF
}

// wordSide reports the characters between which an invisible character
// is a disguise: letters of Latin, Greek, Cyrillic, Han, kana and Hangul,
// and digits. Other scripts use joiners and zero-width spaces as part of
// their writing (ZWNJ in Persian, ZWJ after a virama, ZWSP between Thai
// words), and emoji sequences are glued with ZWJ and variation selectors.
func wordSide(c rclass) bool {
	return c == clLatin || c == clGreekCyr || c == clCJK || c == clDigit
}

// revealInvisible removes runs of ignorable code points that stand
// between two word characters (see wordSide), except the ordinary uses:
// one soft hyphen (a hyphenation hint), one variation selector after a
// Han ideograph that selects a glyph there (FE00–FE02, E0100–E01EF), a
// Hangul choseong/jungseong filler next to a conjoining jamo.
func revealInvisible(s string) (string, bool) {
	var b []byte
	last := 0
	prev, prevCl := rune(-1), clBreak
	for i := 0; i < len(s); {
		r, n, cl := runeAt(s, i)
		if !isIgnorable(r) {
			prev, prevCl = r, cl
			i += n
			continue
		}
		first, count := r, 0
		j := i
		for j < len(s) {
			r2, n2, _ := runeAt(s, j)
			if !isIgnorable(r2) {
				break
			}
			j += n2
			count++
		}
		next, _, nextCl := runeAt(s, j)
		if invisibleDisguise(prev, prevCl, next, nextCl, first, count) {
			if b == nil {
				b = make([]byte, 0, len(s))
			}
			b = append(b, s[last:i]...)
			last = j
		}
		i = j // prev stays the character before the run
	}
	if b == nil {
		return s, false
	}
	return string(append(b, s[last:]...)), true
}

func invisibleDisguise(prev rune, prevCl rclass, next rune, nextCl rclass, first rune, count int) bool {
	if !wordSide(prevCl) || !wordSide(nextCl) {
		return false
	}
	if count > 1 {
		return true
	}
	switch {
	case first == 0x00AD:
		return false
	case isVariationSelector(first):
		// After a Han ideograph, FE00–FE02 (the standardized variants of
		// the compatibility ideographs) and E0100–E01EF (ideographic
		// variation sequences) choose a glyph; other selectors there, and
		// any selector after a Latin, Greek, Cyrillic letter, kana,
		// Hangul or a digit, choose nothing.
		return !isHan(prev) || first > 0xFE02 && first < 0xE0100
	case first == 0x115F || first == 0x1160:
		return !isHangulJamo(prev) && !isHangulJamo(next)
	}
	return true
}

// ---- Cyrillic and Greek look-alikes ----

// homoglyphs maps the Cyrillic and Greek letters that look like a Latin
// letter to that letter, indexed by code point - 0x370. The pairs are
// Unicode's confusables (UTS #39,
// https://www.unicode.org/Public/security/latest/confusables.txt, type
// MA), kept to letters whose target is one ASCII letter, e.g.
// "0430 ; 0061 ; MA # ( а → a ) CYRILLIC SMALL LETTER A → LATIN SMALL
// LETTER A". Where confusables.txt gives a non-ASCII Latin target the
// entry says so: κ/к → ĸ (kra) and τ/т → ᴛ (small capital T) read as k and
// t, ε → ɛ (open e) as e. Confusables' skeleton writes capital I as l, so
// Greek Ι and Cyrillic І, Ӏ (→ l there) are mapped to the capital I they
// show as. Letters that resemble a Latin letter only loosely (и, п, л, м,
// н, η, ω, μ, χ …) are left out: a word with one of them is not taken for
// a disguise.
var homoglyphs = [0x530 - 0x370]byte{
	// Greek capitals: Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ, Ϲ (lunate sigma), Ϳ (yot), ϒ.
	0x391 - 0x370: 'A', 0x392 - 0x370: 'B', 0x395 - 0x370: 'E', 0x396 - 0x370: 'Z',
	0x397 - 0x370: 'H', 0x399 - 0x370: 'I', 0x39A - 0x370: 'K', 0x39C - 0x370: 'M',
	0x39D - 0x370: 'N', 0x39F - 0x370: 'O', 0x3A1 - 0x370: 'P', 0x3A4 - 0x370: 'T',
	0x3A5 - 0x370: 'Y', 0x3A7 - 0x370: 'X', 0x3F9 - 0x370: 'C', 0x37F - 0x370: 'J',
	0x3D2 - 0x370: 'Y',
	// Greek small: α γ ε ι κ ν ο ρ σ τ υ, ϱ ϲ ϳ.
	0x3B1 - 0x370: 'a', 0x3B3 - 0x370: 'y', 0x3B5 - 0x370: 'e', 0x3B9 - 0x370: 'i',
	0x3BA - 0x370: 'k', 0x3BD - 0x370: 'v', 0x3BF - 0x370: 'o', 0x3C1 - 0x370: 'p',
	0x3C3 - 0x370: 'o', 0x3C4 - 0x370: 't', 0x3C5 - 0x370: 'u', 0x3F1 - 0x370: 'p',
	0x3F2 - 0x370: 'c', 0x3F3 - 0x370: 'j',
	// Cyrillic capitals: Ѕ І Ј А В Е К М Н О Р С Т У Х, Ү Ӏ Ԍ Ԝ.
	0x405 - 0x370: 'S', 0x406 - 0x370: 'I', 0x408 - 0x370: 'J', 0x410 - 0x370: 'A',
	0x412 - 0x370: 'B', 0x415 - 0x370: 'E', 0x41A - 0x370: 'K', 0x41C - 0x370: 'M',
	0x41D - 0x370: 'H', 0x41E - 0x370: 'O', 0x420 - 0x370: 'P', 0x421 - 0x370: 'C',
	0x422 - 0x370: 'T', 0x423 - 0x370: 'Y', 0x425 - 0x370: 'X', 0x4AE - 0x370: 'Y',
	0x4C0 - 0x370: 'I', 0x50C - 0x370: 'G', 0x51C - 0x370: 'W',
	// Cyrillic small: а г е к о р с т у х ѕ і ј ѡ ѵ ү һ ҽ ӏ ԁ ԛ ԝ.
	0x430 - 0x370: 'a', 0x433 - 0x370: 'r', 0x435 - 0x370: 'e', 0x43A - 0x370: 'k',
	0x43E - 0x370: 'o', 0x440 - 0x370: 'p', 0x441 - 0x370: 'c', 0x442 - 0x370: 't',
	0x443 - 0x370: 'y', 0x445 - 0x370: 'x', 0x455 - 0x370: 's', 0x456 - 0x370: 'i',
	0x458 - 0x370: 'j', 0x461 - 0x370: 'w', 0x475 - 0x370: 'v', 0x4AF - 0x370: 'y',
	0x4BB - 0x370: 'h', 0x4BD - 0x370: 'e', 0x4CF - 0x370: 'l', 0x501 - 0x370: 'd',
	0x51B - 0x370: 'q', 0x51D - 0x370: 'w',
}

func homoglyph(r rune) byte {
	if r >= 0x370 && r < 0x530 {
		return homoglyphs[r-0x370]
	}
	return 0
}

// revealMixedScript maps the look-alikes of a word made of Latin letters
// and Cyrillic or Greek ones (with their combining marks) to Latin, when
// every Cyrillic or Greek letter of the word has a Latin look-alike. Words
// without a Latin letter (Russian, Greek) stay, as do words with a
// Cyrillic or Greek letter unlike any Latin one, and Greek small letters
// after Latin capitals (TNFα, NF-κB: names in science, not disguises).
func revealMixedScript(s string) (string, bool) {
	// Every letter of the table is encoded with a lead byte 0xCD..0xD4.
	found := false
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xCD && s[i] <= 0xD4 {
			found = true
			break
		}
	}
	if !found {
		return s, false
	}
	var b []byte
	last := 0
	var w mixedWord
	start := -1
	for i := 0; i <= len(s); {
		r, n, cl := runeAt(s, i)
		inWord := cl == clLatin || cl == clGreekCyr || cl == clMark && start >= 0
		if inWord {
			if start < 0 {
				start, w = i, mixedWord{}
			}
			w.add(r, cl)
			i += n
			continue
		}
		if start >= 0 {
			if w.disguise() {
				if b == nil {
					b = make([]byte, 0, len(s))
				}
				b = append(b, s[last:start]...)
				b = appendLatin(b, s[start:i])
				last = i
			}
			start = -1
		}
		if n == 0 {
			break
		}
		i += n
	}
	if b == nil {
		return s, false
	}
	return string(append(b, s[last:]...)), true
}

type mixedWord struct {
	latin, latinUpper, mapped, mappedLower, unmapped int
}

func (w *mixedWord) add(r rune, cl rclass) {
	switch cl {
	case clLatin:
		w.latin++
		if unicode.IsUpper(r) {
			w.latinUpper++
		}
	case clGreekCyr:
		if h := homoglyph(r); h != 0 {
			w.mapped++
			if h >= 'a' {
				w.mappedLower++
			}
		} else {
			w.unmapped++
		}
	}
}

func (w *mixedWord) disguise() bool {
	if w.latin == 0 || w.mapped == 0 || w.unmapped > 0 {
		return false
	}
	return !(w.latinUpper == w.latin && w.mappedLower == w.mapped)
}

func appendLatin(b []byte, word string) []byte {
	for _, r := range word {
		if h := homoglyph(r); h != 0 {
			b = append(b, h)
		} else {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// ---- runs of single letters ----

type runMode uint8

const (
	runSpaced      runMode = iota // letters separated by one space, dot, underscore or hyphen
	runInterleaved                // letters separated by short fillers of CJK letters or symbols
)

const (
	minSpacedLetters      = 5
	minInterleavedLetters = 6
	maxSpacedWord         = 30 // longer joined words are not words
	maxFiller             = 4  // filler characters between two interleaved letters
	minFillers            = 3  // fillers in an interleaved run
	maxGap                = 8  // characters between two letters of a run, spaces included
)

type gapKind uint8

const (
	gapNone  gapKind = iota // the run ends here
	gapSep                  // one separator: the letters join
	gapBreak                // 2–4 separators: a word break
	gapFill                 // a filler: the letters join
)

type gap struct {
	kind gapKind
	end  int  // offset of the next letter
	sep  byte // gapSep: the separator (' ' for any space)
	// out is what a word break leaves: a space, or a dot, underscore or
	// hyphen different from the run's separator ("h t m l . c o m").
	out byte
	cjk bool // gapFill: the filler has a Han, kana or Hangul letter
}

// isolated reports a Latin letter at i (size n) that stands alone: no
// letter, digit or mark of a word directly after it. (The caller checks
// the character before.)
func isolated(s string, i, n int) bool {
	_, _, cl := runeAt(s, i+n)
	return !joins(cl)
}

// joins reports characters that make a letter next to them part of a
// word rather than a single letter.
func joins(cl rclass) bool {
	return cl == clLatin || cl == clGreekCyr || cl == clLetter || cl == clDigit || cl == clMark || cl == clInvalid
}

// readGap reads the characters from i up to the next letter of a run.
func readGap(s string, i int, mode runMode) gap {
	spaces, fill, seps, total := 0, 0, 0, 0
	double, prevSpace, cjk := false, false, false
	var sepc, other byte
	j := i
	for j < len(s) && total <= maxGap {
		c := s[j]
		_, n, cl := runeAt(s, j)
		switch cl {
		case clLatin:
			if total == 0 || !isolated(s, j, n) {
				return gap{}
			}
			switch {
			case fill > 0:
				if mode != runInterleaved || fill > maxFiller {
					return gap{}
				}
				if double {
					return gap{kind: gapFill, end: j, cjk: cjk, out: ' '}
				}
				return gap{kind: gapFill, end: j, cjk: cjk}
			case total == 1:
				return gap{kind: gapSep, end: j, sep: sepc}
			case total <= 4:
				return gap{kind: gapBreak, end: j, out: other}
			}
			return gap{}
		case clSpace:
			spaces++
			double = double || prevSpace
			prevSpace = true
			sepc = ' '
		case clSep:
			seps++
			sepc = c
			if other == 0 {
				other = c
			}
			if mode == runInterleaved {
				fill++
			}
			prevSpace = false
		case clCJK, clOther:
			if mode != runInterleaved {
				return gap{}
			}
			fill++
			cjk = cjk || cl == clCJK
			prevSpace = false
		default:
			return gap{}
		}
		total++
		j += n
	}
	return gap{}
}

// runStats is what the acceptance rules look at.
type runStats struct {
	letters, vowels       int
	upper, lower          int
	distinct              uint32 // ASCII letters seen, one bit each
	nonASCII              int    // other Latin letters
	prev                  rune
	rising, falling       bool // every letter after the previous in the alphabet (or before)
	word, longest         int
	gaps, fills, cjkFills int
	sep                   byte // spaced runs: the separator, 0 until the first
}

func (st *runStats) letter(r rune) {
	l := unicode.ToLower(r)
	if l >= 0xFF41 && l <= 0xFF5A { // full-width
		l -= 0xFF41 - 'a'
	}
	if st.letters > 0 {
		if l <= st.prev {
			st.rising = false
		}
		if l >= st.prev {
			st.falling = false
		}
	} else {
		st.rising, st.falling = true, true
	}
	st.prev = l
	st.letters++
	if unicode.IsUpper(r) {
		st.upper++
	} else if unicode.IsLower(r) {
		st.lower++
	}
	st.word++
	st.longest = max(st.longest, st.word)
	if l >= 'a' && l <= 'z' {
		st.distinct |= 1 << (l - 'a')
		switch l {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			st.vowels++
		}
	} else {
		// Accented letters are mostly vowels (é, ü, å); full-width
		// letters are counted as one more distinct letter each.
		st.nonASCII++
		st.vowels++
	}
}

func (st *runStats) distinctLetters() int {
	n := 0
	for d := st.distinct; d != 0; d &= d - 1 {
		n++
	}
	return n + st.nonASCII
}

// accept applies the rules that tell a disguise from ordinary text: long
// enough, at least three different letters (not "x x x x x" or
// "<p><p><p>"), vowels (not "R S V P" or "S M L"), not the alphabet in
// order (lists "A B C D E", "A案、B案、C案…"); spaced runs also need a
// word of four letters or more and none over 30 ("e.g. i.e." and
// initials stay) and, with dots, a small letter (S.M.A.R.T. and
// U.N.E.S.C.O. are acronyms); interleaved runs need at least three
// fillers, half of them with a CJK letter (code and HTML tags have none),
// a fifth of the letters vowels and half of them small: the labels of
// Japanese text (B社とA社、C社…, Aさん) are capitals. An interleaved
// run's gaps are all fillers, single spaces ("C キシ o 航 n 上戸 g r a
// t") or word breaks of 2–4 spaces; any other gap ends it.
func (st *runStats) accept(mode runMode) bool {
	if st.rising || st.falling || st.distinctLetters() < 3 {
		return false
	}
	if mode == runSpaced {
		return st.letters >= minSpacedLetters && st.longest >= 4 && st.longest <= maxSpacedWord && st.vowels > 0 &&
			!(st.sep == '.' && st.upper == st.letters)
	}
	return st.letters >= minInterleavedLetters && st.fills >= minFillers &&
		2*st.cjkFills >= st.fills && 5*st.vowels >= st.letters && 2*st.lower >= st.letters
}

// urlish reports characters that glue a token to the text around it in
// addresses, paths and code ("rina.h-y-p-h-e-n-s.net", "a=b&c=d").
func urlish(r rune) bool {
	switch r {
	case '.', '_', '-', '/', '\\', '@', ':', '=', '&', '?', '#', '%', '+', '~':
		return true
	}
	return false
}

// scanRun reads the run of single letters starting with the letter at
// i (size n) and returns where it ends (after its last letter) and its
// statistics. Every letter after the first is read once.
func scanRun(s string, i, n int, mode runMode) (int, runStats) {
	var st runStats
	r, _ := utf8.DecodeRuneInString(s[i:])
	st.letter(r)
	end := i + n
	for {
		g := readGap(s, end, mode)
		if g.kind == gapNone {
			break
		}
		if mode == runSpaced && g.kind == gapSep {
			switch {
			case st.sep == 0:
				st.sep = g.sep
			case g.sep == st.sep:
			case g.sep == ' ':
				g.kind = gapBreak // "T.H.I.S I.S": a space between dotted words
			default:
				return end, st
			}
		}
		switch g.kind {
		case gapBreak:
			st.word = 0
		case gapFill:
			st.fills++
			if g.cjk {
				st.cjkFills++
			}
			if g.out != 0 {
				st.word = 0
			}
		}
		st.gaps++
		r, size := utf8.DecodeRuneInString(s[g.end:])
		st.letter(r)
		end = g.end + size
	}
	return end, st
}

// writeRun appends the run s[i:end] with its letters joined.
func writeRun(b []byte, s string, i, end int, mode runMode, sep byte) []byte {
	_, n := utf8.DecodeRuneInString(s[i:])
	b = append(b, s[i:i+n]...)
	p := i + n
	for p < end {
		g := readGap(s, p, mode)
		switch {
		case g.kind == gapBreak, g.kind == gapSep && mode == runSpaced && g.sep != sep:
			if g.out != 0 && g.out != sep {
				b = append(b, g.out)
			} else {
				b = append(b, ' ')
			}
		case g.kind == gapFill && g.out != 0:
			b = append(b, ' ')
		}
		_, n := utf8.DecodeRuneInString(s[g.end:])
		b = append(b, s[g.end:g.end+n]...)
		p = g.end + n
	}
	return b
}

// revealRuns joins the runs of single letters of the given kind.
func revealRuns(s string, mode runMode) (string, bool) {
	var b []byte
	last := 0
	prev, prevCl := rune(-1), clBreak
	for i := 0; i < len(s); {
		r, n, cl := runeAt(s, i)
		if cl != clLatin || joins(prevCl) || !isolated(s, i, n) {
			prev, prevCl = r, cl
			i += n
			continue
		}
		end, st := scanRun(s, i, n, mode)
		if st.letters > 1 {
			ok := st.accept(mode)
			if ok && mode == runSpaced {
				// Not glued into an address or a path on either side.
				after, an, _ := runeAt(s, end)
				_, _, afterNext := runeAt(s, end+an)
				ok = !urlish(prev) && !(urlish(after) && (afterNext == clLatin || afterNext == clDigit))
			}
			if ok {
				if b == nil {
					b = make([]byte, 0, len(s))
				}
				b = append(b, s[last:i]...)
				b = writeRun(b, s, i, end, mode, st.sep)
				last = end
			}
		}
		// Go on after the run's last letter.
		prev, _ = utf8.DecodeLastRuneInString(s[:end])
		prevCl = clLatin
		i = end
	}
	if b == nil {
		return s, false
	}
	return string(append(b, s[last:]...)), true
}
