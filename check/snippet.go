package check

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mekiki/mekiki/internal/clip"
	"github.com/mekiki/mekiki/match"
)

// A snippet is the words around a phrase found in the mail, cut where a
// reader sees a boundary: at the end or start of a sentence or line,
// else between words (for Japanese, where one script gives way to
// another, never inside a run of kanji or katakana, okurigana or a
// number with its unit such as 24時間). The match itself is kept whole.
type snippet struct {
	before, match, after string
	cutBefore, cutAfter  bool // text was left out there
}

// Budgets of a snippet's sides, in columns (a CJK character is two):
// a side aims at most snippetSoft and reaches to snippetHard for the end
// of the sentence; a side with no boundary in reach is cut at
// snippetSoft.
const (
	snippetSoft = 28
	snippetHard = 48
	// maxMatchShown bounds the match a snippet repeats (a phrase with
	// gaps spans at most about 15 × 60 bytes).
	maxMatchShown = 400
)

// plain is the snippet as one line of text, as evidence keeps it.
func (s snippet) plain() string { return s.with("", "") }

// ja is the snippet with the match in 「」.
func (s snippet) ja() string { return s.with("「", "」") }

// en is the snippet with the match in double quotes.
func (s snippet) en() string { return s.with("\u201c", "\u201d") }

func (s snippet) with(open, close string) string {
	var b strings.Builder
	if s.cutBefore {
		b.WriteString("…")
	}
	b.WriteString(s.before)
	b.WriteString(open)
	b.WriteString(s.match)
	b.WriteString(close)
	b.WriteString(s.after)
	if s.cutAfter {
		b.WriteString("…")
	}
	return oneLine(b.String())
}

// oneLine puts a snippet on one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.Join(strings.Fields(strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(s)), " ")
}

// charClass is what a boundary is read from.
type charClass int

const (
	clsSpace    charClass = iota // white space, line breaks
	clsEnd                       // 。！？ and . ! ? before a space
	clsComma                     // 、，, : ; before a space
	clsOpen                      // opening brackets and quotes
	clsClose                     // closing brackets and quotes
	clsHan                       // kanji (and 々〆)
	clsHiragana                  // hiragana
	clsKatakana                  // katakana and ー
	clsWord                      // Latin letters, digits and the rest of a Latin word
	clsDigit                     // digits (a Latin word too, but a unit of kanji may follow)
	clsOther                     // symbols
)

// classAt is the class of the character at s[i:], reading the next one
// for ASCII punctuation (a full stop ends a sentence only before a space).
func classAt(s string, i int) charClass {
	r, w := utf8.DecodeRuneInString(s[i:])
	next := rune(' ')
	if i+w < len(s) {
		next, _ = utf8.DecodeRuneInString(s[i+w:])
	}
	return classOf(r, next)
}

func classOf(r, next rune) charClass {
	switch r {
	case '。', '！', '？', '｡':
		return clsEnd
	case '、', '，', '､', '：', '；':
		return clsComma
	case '.', '!', '?':
		if unicode.IsSpace(next) {
			return clsEnd
		}
		return clsWord
	case ',', ':', ';':
		if unicode.IsSpace(next) {
			return clsComma
		}
		return clsWord
	case '「', '『', '（', '(', '【', '［', '[', '〈', '《', '〔', '"', '\u201c', '\u2018', '<':
		return clsOpen
	case '」', '』', '）', ')', '】', '］', ']', '〉', '》', '〕', '\u201d', '\u2019', '>':
		return clsClose
	case 'ー', '・':
		return clsKatakana
	case '々', '〆', '〇':
		return clsHan
	}
	switch {
	case unicode.IsSpace(r):
		return clsSpace
	case r >= '0' && r <= '9', r >= '０' && r <= '９':
		return clsDigit
	case r < 0x80:
		if r == '\'' || r == '-' || r == '/' || r == '@' || r == '_' || r == '&' || r == '#' || r == '%' || r == '+' || r == '=' {
			return clsWord
		}
		if unicode.IsLetter(r) {
			return clsWord
		}
		return clsOther
	case r >= 0x3041 && r <= 0x309F:
		return clsHiragana
	case r >= 0x30A0 && r <= 0x30FF, r >= 0xFF66 && r <= 0xFF9F, r >= 0x31F0 && r <= 0x31FF:
		return clsKatakana
	case unicode.Is(unicode.Han, r):
		return clsHan
	case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r):
		return clsWord
	}
	return clsOther
}

// width is how many columns r takes.
func width(r rune) int {
	if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x20000) {
		return 2
	}
	return 1
}

// joined reports whether the characters of classes a and b, side by
// side, belong to one word: a run of one script, a number with its unit
// (24時間), a Latin word, a compound of kanji and katakana (カード情報),
// kanji with its okurigana (見つかり), or an honorific prefix with its
// noun (お客様).
func joined(a, b charClass, ra rune) bool {
	word := func(c charClass) bool { return c == clsWord || c == clsDigit }
	switch {
	case a == b:
		return a != clsSpace && a != clsEnd && a != clsComma && a != clsOpen && a != clsClose && a != clsOther
	case word(a) && word(b):
		return true
	case a == clsDigit && b == clsHan:
		return true
	case a == clsHan && b == clsKatakana, a == clsKatakana && b == clsHan:
		return true // one compound: カード情報, 本人確認メール
	case a == clsHan && b == clsHiragana:
		return true
	case a == clsHiragana && b == clsHan && (ra == 'お' || ra == 'ご'):
		return true
	}
	return false
}

// startOK reports whether a snippet may begin at s[i:]: at the start of
// the text or a line, after a sentence or clause, at an opening bracket,
// or where one word ends and another begins (never at hiragana after
// kanji, which is okurigana or a particle).
func startOK(s string, i int, lines *lineIndex) (ok, sentence bool) {
	if i <= 0 {
		return true, true
	}
	if i >= len(s) {
		return false, false
	}
	if lines.startsLine(i) {
		return true, true
	}
	ra, w := utf8.DecodeLastRuneInString(s[:i])
	a, b := classAt(s, i-w), classAt(s, i)
	switch {
	case a == clsEnd || a == clsSpace && b != clsSpace && i >= 2 && classAt(s, prevRune(s, prevRune(s, i))) == clsEnd:
		return b != clsSpace, true
	case b == clsSpace || b == clsEnd || b == clsComma || b == clsClose:
		return false, false
	case a == clsSpace || a == clsComma || a == clsClose || b == clsOpen:
		return true, false
	case b == clsHiragana && (a == clsHan || a == clsKatakana || a == clsHiragana):
		return false, false
	}
	return !joined(a, b, ra), false
}

// endOK reports whether a snippet may end at s[:i]: at the end of the
// text or a line, after a sentence (its 。 kept), before a clause mark,
// a space or a bracket, or where one word ends and another begins.
func endOK(s string, i int, lines *lineIndex) (ok, sentence bool) {
	if i >= len(s) {
		return true, true
	}
	if i <= 0 {
		return false, false
	}
	if lines.startsLine(i) {
		return true, true
	}
	ra, w := utf8.DecodeLastRuneInString(s[:i])
	a, b := classAt(s, i-w), classAt(s, i)
	switch {
	case a == clsEnd:
		return true, true
	case a == clsSpace || a == clsComma || a == clsOpen:
		return false, false
	case b == clsSpace || b == clsComma || b == clsEnd || b == clsOpen || a == clsClose:
		return true, false
	}
	return !joined(a, b, ra), false
}

func prevRune(s string, i int) int {
	_, w := utf8.DecodeLastRuneInString(s[:i])
	return i - w
}

// cutSnippet cuts the snippet around s[start:end].
func cutSnippet(s string, start, end int, lines *lineIndex) snippet {
	if start < 0 || end > len(s) || start > end {
		return snippet{}
	}
	start, end = wholeWords(s, start, end)
	from := snippetFrom(s, start, lines)
	to := snippetTo(s, end, lines)
	sn := snippet{before: s[from:start], match: s[start:end], after: s[end:to]}
	sn.match = clip.String(sn.match, maxMatchShown)
	if ok, sentence := startOK(s, from, lines); !ok || !sentence {
		sn.cutBefore = true
	}
	if ok, sentence := endOK(s, to, lines); !ok || !sentence {
		sn.cutAfter = true
	}
	sn.before = strings.TrimLeft(sn.before, " 　")
	sn.after = strings.TrimRight(sn.after, " 　")
	return sn
}

// wholeWords widens s[start:end] to the words it cuts into: a Latin
// word or a run of katakana, a number before its unit (「24時間以内」,
// not 「時間以内」), an honorific お or ご before kanji (「お支払い」).
// Kanji after the match may be the next word of a compound
// (「本人確認」手続き) and stay outside it, as do okurigana and particles.
func wholeWords(s string, start, end int) (int, int) {
	run := func(c charClass) bool { return c == clsKatakana || c == clsWord || c == clsDigit }
	word := func(c charClass) bool { return c == clsWord || c == clsDigit }
	for n := 0; n < 8 && start > 0 && start < end; n++ {
		ra, w := utf8.DecodeLastRuneInString(s[:start])
		a, b := classAt(s, start-w), classAt(s, start)
		if a == b && run(a) || word(a) && word(b) || a == clsDigit && b == clsHan || (ra == 'お' || ra == 'ご') && b == clsHan {
			start -= w
			continue
		}
		break
	}
	for n := 0; n < 8 && end < len(s) && start < end; n++ {
		_, wa := utf8.DecodeLastRuneInString(s[:end])
		_, wb := utf8.DecodeRuneInString(s[end:])
		a, b := classAt(s, end-wa), classAt(s, end)
		if a == b && run(a) || word(a) && word(b) || a == clsDigit && b == clsHan {
			end += wb
			continue
		}
		break
	}
	return start, end
}

// snippetFrom finds where the snippet begins: the start of the sentence
// when it is within snippetHard columns, else the farthest word start
// within snippetSoft, else the nearest within snippetHard, else
// snippetSoft columns back.
func snippetFrom(s string, start int, lines *lineIndex) int {
	return walkBoundary(s, start, -1, func(i int) (bool, bool) { return startOK(s, i, lines) })
}

// snippetTo is snippetFrom's mirror: where the snippet ends.
func snippetTo(s string, end int, lines *lineIndex) int {
	return walkBoundary(s, end, 1, func(i int) (bool, bool) { return endOK(s, i, lines) })
}

// walkBoundary walks from at, backwards (dir -1) or forwards (dir 1),
// for at most snippetHard columns and returns the boundary to cut at: a
// sentence boundary at once, else the farthest word boundary within
// snippetSoft columns, else the nearest one beyond, else at itself when
// it is a boundary, else the snippetSoft column. ok(i) says whether i is
// a boundary and whether it ends a sentence.
func walkBoundary(s string, at, dir int, ok func(i int) (bool, bool)) int {
	if _, sentence := ok(at); sentence {
		return at
	}
	cols, soft, far := 0, -1, -1
	fallback := at
	for i := at; (dir < 0 && i > 0 || dir > 0 && i < len(s)) && cols < snippetHard; {
		var r rune
		var w int
		if dir < 0 {
			r, w = utf8.DecodeLastRuneInString(s[:i])
			i -= w
		} else {
			r, w = utf8.DecodeRuneInString(s[i:])
			i += w
		}
		cols += width(r)
		if cols <= snippetSoft {
			fallback = i
		}
		boundary, sentence := ok(i)
		if !boundary {
			continue
		}
		if sentence {
			return i
		}
		if cols <= snippetSoft {
			soft = i
		} else if far < 0 {
			far = i
		}
	}
	switch {
	case soft >= 0:
		return soft
	case far >= 0:
		return far
	}
	if boundary, _ := ok(at); boundary {
		return at
	}
	return fallback
}

// lineIndex knows where the lines of the mail begin in the matching
// form of its text (contentText.cased), which joins Japanese lines
// without a break. It is built lazily, as far as a snippet needs.
type lineIndex struct {
	pieces  []string // the texts cased was made of, in order
	cased   string
	starts  []int  // cased offsets where a line begins, ascending
	piece   int    // next piece to read
	rest    string // what is left of the piece being read
	off     int    // cased offset reached
	reached int    // starts is complete below this offset
	broken  bool   // the lines did not line up with cased
}

func newLineIndex(pieces []string, cased string) *lineIndex {
	return &lineIndex{pieces: pieces, cased: cased, starts: []int{0}}
}

// startsLine reports whether a line of the mail begins at cased[i:].
func (x *lineIndex) startsLine(i int) bool {
	if x == nil {
		return false
	}
	x.extend(i + 1)
	k := sort.SearchInts(x.starts, i)
	return k < len(x.starts) && x.starts[k] == i
}

// extend reads lines until the index is complete below limit.
func (x *lineIndex) extend(limit int) {
	for !x.broken && x.reached < limit {
		if x.rest == "" {
			if x.piece >= len(x.pieces) {
				x.reached = len(x.cased) + 1
				return
			}
			if x.piece > 0 {
				// The pieces are joined by a newline.
				if x.off >= len(x.cased) || x.cased[x.off] != '\n' {
					x.broken = true
					return
				}
				x.off++
				x.mark(x.off)
			}
			x.rest = x.pieces[x.piece]
			x.piece++
			if x.rest == "" {
				x.reached = x.off
				continue
			}
		}
		line, rest, more := strings.Cut(x.rest, "\n")
		x.rest = rest
		n := match.NormalizeCase(line)
		if n == "" {
			if !more {
				x.rest = ""
			}
			continue
		}
		switch {
		case strings.HasPrefix(x.cased[x.off:], n):
		case x.off < len(x.cased) && x.cased[x.off] == ' ' && strings.HasPrefix(x.cased[x.off+1:], n):
			x.off++
		default:
			x.broken = true
			return
		}
		x.mark(x.off)
		x.off += len(n)
		x.reached = x.off
		if !more {
			x.rest = ""
		}
	}
}

// mark records a line start at off (offsets come in order).
func (x *lineIndex) mark(off int) {
	if n := len(x.starts); n == 0 || x.starts[n-1] < off {
		x.starts = append(x.starts, off)
	}
}
